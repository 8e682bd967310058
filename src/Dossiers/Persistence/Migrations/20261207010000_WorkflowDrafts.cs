using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>
/// The workflow an administrator is preparing for a procedure (one draft per procedure), and the index that counts the
/// dossiers on each version of a definition.
/// </summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261207010000_WorkflowDrafts")]
public sealed class WorkflowDrafts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "WorkflowDrafts",
            columns: table => new
            {
                Key = table.Column<string>(maxLength: 200, nullable: false),
                Source = table.Column<string>(nullable: false),
                BasedOnVersion = table.Column<int>(nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 100, nullable: false),
                ProblemCount = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_WorkflowDrafts", x => x.Key));
        migrationBuilder.CreateIndex(
            name: "IX_WorkflowInstances_DefinitionKey_DefinitionVersion_Status",
            table: "WorkflowInstances",
            columns: ["DefinitionKey", "DefinitionVersion", "Status"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_WorkflowInstances_DefinitionKey_DefinitionVersion_Status", table: "WorkflowInstances");
        migrationBuilder.DropTable(name: "WorkflowDrafts");
    }
}
