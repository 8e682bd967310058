using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>
/// Tokens inside sub-processes and multi-instance activities (the token of their scope, an instance's index, the scope's
/// own variables), signal waits beside message waits, and instances started by call activities (the calling instance and
/// token; the instance a call activity token waits for).
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
        migrationBuilder.AddColumn<Guid>(name: "CalledInstanceId", table: "WorkflowTokens", nullable: true);
        migrationBuilder.AddColumn<bool>(name: "IsSignal", table: "WorkflowMessageSubscriptions", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<Guid>(name: "ParentInstanceId", table: "WorkflowInstances", nullable: true);
        migrationBuilder.AddColumn<Guid>(name: "ParentTokenId", table: "WorkflowInstances", nullable: true);
        migrationBuilder.CreateIndex(name: "IX_WorkflowInstances_ParentInstanceId", table: "WorkflowInstances", column: "ParentInstanceId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "ScopeId", table: "WorkflowTokens");
        migrationBuilder.DropColumn(name: "LoopIndex", table: "WorkflowTokens");
        migrationBuilder.DropColumn(name: "LocalsJson", table: "WorkflowTokens");
        migrationBuilder.DropColumn(name: "IsSignal", table: "WorkflowMessageSubscriptions");
        migrationBuilder.DropColumn(name: "CalledInstanceId", table: "WorkflowTokens");
        migrationBuilder.DropIndex(name: "IX_WorkflowInstances_ParentInstanceId", table: "WorkflowInstances");
        migrationBuilder.DropColumn(name: "ParentInstanceId", table: "WorkflowInstances");
        migrationBuilder.DropColumn(name: "ParentTokenId", table: "WorkflowInstances");
    }
}
