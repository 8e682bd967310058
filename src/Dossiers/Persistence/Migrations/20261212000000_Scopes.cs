using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>
/// Tokens inside sub-processes and multi-instance activities (the token of their scope, an instance's index, the scope's
/// own variables), and signal waits beside message waits.
/// </summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261212000000_Scopes")]
public sealed class Scopes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<Guid>(name: "ScopeId", table: "WorkflowTokens", nullable: true);
        migrationBuilder.AddColumn<int>(name: "LoopIndex", table: "WorkflowTokens", nullable: true);
        migrationBuilder.AddColumn<string>(name: "LocalsJson", table: "WorkflowTokens", nullable: true);
        migrationBuilder.AddColumn<bool>(name: "IsSignal", table: "WorkflowMessageSubscriptions", nullable: false, defaultValue: false);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "ScopeId", table: "WorkflowTokens");
        migrationBuilder.DropColumn(name: "LoopIndex", table: "WorkflowTokens");
        migrationBuilder.DropColumn(name: "LocalsJson", table: "WorkflowTokens");
        migrationBuilder.DropColumn(name: "IsSignal", table: "WorkflowMessageSubscriptions");
    }
}
