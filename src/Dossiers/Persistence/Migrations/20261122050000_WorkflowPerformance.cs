using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>
/// An index on the open work items of an instance, the rows every engine command loads. Partial (open items only), so
/// PostgreSQL picks it for <c>InstanceId = @id AND Status = 0</c> whatever its statistics say: right after a bulk start,
/// before autovacuum analysed the new rows, it planned that query on the (Status, Assignee) index and read every open task
/// of the store. It also stays as small as the open work, however long the task history grows.
/// </summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261122050000_WorkflowPerformance")]
public sealed class WorkflowPerformance : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex(
            name: "IX_WorkflowWorkItems_InstanceId_Open",
            table: "WorkflowWorkItems",
            column: "InstanceId",
            filter: "\"Status\" = 0");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_WorkflowWorkItems_InstanceId_Open", table: "WorkflowWorkItems");
    }
}
