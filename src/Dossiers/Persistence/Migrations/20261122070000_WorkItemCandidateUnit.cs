using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>
/// The unit a user task is routed to, resolved when the task is created; the shared queues are read by (status, role, unit)
/// instead of by the unresolved scope.
/// </summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261122070000_WorkItemCandidateUnit")]
public sealed class WorkItemCandidateUnit : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "CandidateUnit", table: "WorkflowWorkItems", maxLength: 200, nullable: true);
        migrationBuilder.DropIndex(name: "IX_WorkflowWorkItems_Status_CandidateRole_UnitScope", table: "WorkflowWorkItems");
        migrationBuilder.CreateIndex(
            name: "IX_WorkflowWorkItems_Status_CandidateRole_CandidateUnit", table: "WorkflowWorkItems", columns: ["Status", "CandidateRole", "CandidateUnit"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_WorkflowWorkItems_Status_CandidateRole_CandidateUnit", table: "WorkflowWorkItems");
        migrationBuilder.CreateIndex(
            name: "IX_WorkflowWorkItems_Status_CandidateRole_UnitScope", table: "WorkflowWorkItems", columns: ["Status", "CandidateRole", "UnitScope"]);
        migrationBuilder.DropColumn(name: "CandidateUnit", table: "WorkflowWorkItems");
    }
}
