using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>
/// The workflow engine's tables (see <c>Workflow/WorkflowTableConfigurations.cs</c> and the engine's
/// <c>Persistence/README.md</c>). Instants are UTC <see cref="DateTime"/> columns: <c>timestamp with time zone</c> on
/// PostgreSQL, ordered text on SQLite.
/// </summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261122040000_WorkflowEngine")]
public sealed class WorkflowEngine : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "WorkflowDefinitions",
            columns: table => new
            {
                Key = table.Column<string>(maxLength: 200, nullable: false),
                Version = table.Column<int>(nullable: false),
                Name = table.Column<string>(maxLength: 500, nullable: true),
                ContentHash = table.Column<string>(maxLength: 100, nullable: false),
                Source = table.Column<string>(nullable: true),
                DeployedAt = table.Column<DateTime>(nullable: false),
                DeployedBy = table.Column<string>(maxLength: 200, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_WorkflowDefinitions", x => new { x.Key, x.Version }));

        migrationBuilder.CreateTable(
            name: "WorkflowInstances",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                DefinitionKey = table.Column<string>(maxLength: 200, nullable: false),
                DefinitionVersion = table.Column<int>(nullable: false),
                BusinessKey = table.Column<string>(maxLength: 200, nullable: true),
                Status = table.Column<int>(nullable: false),
                Result = table.Column<string>(maxLength: 200, nullable: true),
                VariablesJson = table.Column<string>(nullable: false),
                Version = table.Column<long>(nullable: false),
                JournalSequence = table.Column<long>(nullable: false),
                StartedAt = table.Column<DateTime>(nullable: false),
                StartedBy = table.Column<string>(maxLength: 200, nullable: true),
                EndedAt = table.Column<DateTime>(nullable: true),
                EndedBy = table.Column<string>(maxLength: 200, nullable: true),
                EndReason = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_WorkflowInstances", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_WorkflowInstances_BusinessKey", table: "WorkflowInstances", column: "BusinessKey");

        migrationBuilder.CreateTable(
            name: "WorkflowTokens",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                InstanceId = table.Column<Guid>(nullable: false),
                ElementId = table.Column<string>(maxLength: 200, nullable: false),
                Status = table.Column<int>(nullable: false),
                ArrivedViaFlowId = table.Column<string>(maxLength: 200, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_WorkflowTokens", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_WorkflowTokens_InstanceId", table: "WorkflowTokens", column: "InstanceId");

        migrationBuilder.CreateTable(
            name: "WorkflowWorkItems",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                InstanceId = table.Column<Guid>(nullable: false),
                TokenId = table.Column<Guid>(nullable: false),
                DefinitionKey = table.Column<string>(maxLength: 200, nullable: false),
                DefinitionVersion = table.Column<int>(nullable: false),
                BusinessKey = table.Column<string>(maxLength: 200, nullable: true),
                ElementId = table.Column<string>(maxLength: 200, nullable: false),
                Name = table.Column<string>(maxLength: 500, nullable: false),
                CandidateRole = table.Column<string>(maxLength: 200, nullable: true),
                UnitScope = table.Column<string>(maxLength: 200, nullable: true),
                Form = table.Column<string>(maxLength: 200, nullable: true),
                Outcomes = table.Column<string>(maxLength: 500, nullable: false),
                Assignee = table.Column<string>(maxLength: 200, nullable: true),
                Owner = table.Column<string>(maxLength: 200, nullable: true),
                Status = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                DueAt = table.Column<DateTime>(nullable: true),
                Outcome = table.Column<string>(maxLength: 200, nullable: true),
                Comment = table.Column<string>(nullable: true),
                CompletedBy = table.Column<string>(maxLength: 200, nullable: true),
                CompletedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_WorkflowWorkItems", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_WorkflowWorkItems_InstanceId_Status", table: "WorkflowWorkItems", columns: ["InstanceId", "Status"]);
        migrationBuilder.CreateIndex(name: "IX_WorkflowWorkItems_Status_CandidateRole_UnitScope", table: "WorkflowWorkItems", columns: ["Status", "CandidateRole", "UnitScope"]);
        migrationBuilder.CreateIndex(name: "IX_WorkflowWorkItems_Status_Assignee", table: "WorkflowWorkItems", columns: ["Status", "Assignee"]);
        migrationBuilder.CreateIndex(name: "IX_WorkflowWorkItems_BusinessKey", table: "WorkflowWorkItems", column: "BusinessKey");

        migrationBuilder.CreateTable(
            name: "WorkflowTimers",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                InstanceId = table.Column<Guid>(nullable: false),
                TokenId = table.Column<Guid>(nullable: false),
                ElementId = table.Column<string>(maxLength: 200, nullable: false),
                DueAt = table.Column<DateTime>(nullable: false),
                LockedBy = table.Column<string>(maxLength: 200, nullable: true),
                LockedUntil = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_WorkflowTimers", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_WorkflowTimers_DueAt", table: "WorkflowTimers", column: "DueAt");
        migrationBuilder.CreateIndex(name: "IX_WorkflowTimers_InstanceId", table: "WorkflowTimers", column: "InstanceId");

        migrationBuilder.CreateTable(
            name: "WorkflowMessageSubscriptions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                InstanceId = table.Column<Guid>(nullable: false),
                TokenId = table.Column<Guid>(nullable: false),
                ElementId = table.Column<string>(maxLength: 200, nullable: false),
                MessageName = table.Column<string>(maxLength: 200, nullable: false),
                CorrelationKey = table.Column<string>(maxLength: 400, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_WorkflowMessageSubscriptions", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_WorkflowMessageSubscriptions_MessageName_CorrelationKey", table: "WorkflowMessageSubscriptions", columns: ["MessageName", "CorrelationKey"]);
        migrationBuilder.CreateIndex(name: "IX_WorkflowMessageSubscriptions_InstanceId", table: "WorkflowMessageSubscriptions", column: "InstanceId");

        migrationBuilder.CreateTable(
            name: "WorkflowJournalEntries",
            columns: table => new
            {
                InstanceId = table.Column<Guid>(nullable: false),
                Sequence = table.Column<long>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                Kind = table.Column<int>(nullable: false),
                ElementId = table.Column<string>(maxLength: 200, nullable: true),
                ElementName = table.Column<string>(maxLength: 500, nullable: true),
                Actor = table.Column<string>(maxLength: 200, nullable: true),
                WorkItemId = table.Column<Guid>(nullable: true),
                CandidateRole = table.Column<string>(maxLength: 200, nullable: true),
                UnitScope = table.Column<string>(maxLength: 200, nullable: true),
                Assignee = table.Column<string>(maxLength: 200, nullable: true),
                PreviousAssignee = table.Column<string>(maxLength: 200, nullable: true),
                Outcome = table.Column<string>(maxLength: 200, nullable: true),
                Comment = table.Column<string>(nullable: true),
                DueAt = table.Column<DateTime>(nullable: true),
                Detail = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_WorkflowJournalEntries", x => new { x.InstanceId, x.Sequence }));

        migrationBuilder.CreateTable(
            name: "WorkflowIncidents",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                InstanceId = table.Column<Guid>(nullable: false),
                TokenId = table.Column<Guid>(nullable: true),
                ElementId = table.Column<string>(maxLength: 200, nullable: false),
                Kind = table.Column<int>(nullable: false),
                Message = table.Column<string>(nullable: false),
                Attempts = table.Column<int>(nullable: false),
                Status = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                NextRetryAt = table.Column<DateTime>(nullable: true),
                OutboxMessageId = table.Column<Guid>(nullable: true),
                ResolvedAt = table.Column<DateTime>(nullable: true),
                ResolvedBy = table.Column<string>(maxLength: 200, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_WorkflowIncidents", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_WorkflowIncidents_Status_NextRetryAt", table: "WorkflowIncidents", columns: ["Status", "NextRetryAt"]);
        migrationBuilder.CreateIndex(name: "IX_WorkflowIncidents_InstanceId_Status", table: "WorkflowIncidents", columns: ["InstanceId", "Status"]);

        migrationBuilder.CreateTable(
            name: "WorkflowOutboxMessages",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                InstanceId = table.Column<Guid>(nullable: false),
                ElementId = table.Column<string>(maxLength: 200, nullable: false),
                Handler = table.Column<string>(maxLength: 200, nullable: false),
                IdempotencyKey = table.Column<string>(maxLength: 400, nullable: false),
                PayloadJson = table.Column<string>(nullable: false),
                Status = table.Column<int>(nullable: false),
                Attempts = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                NextAttemptAt = table.Column<DateTime>(nullable: false),
                LastError = table.Column<string>(nullable: true),
                LockedBy = table.Column<string>(maxLength: 200, nullable: true),
                LockedUntil = table.Column<DateTime>(nullable: true),
                DeliveredAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_WorkflowOutboxMessages", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_WorkflowOutboxMessages_Status_NextAttemptAt", table: "WorkflowOutboxMessages", columns: ["Status", "NextAttemptAt"]);
        migrationBuilder.CreateIndex(name: "IX_WorkflowOutboxMessages_IdempotencyKey", table: "WorkflowOutboxMessages", column: "IdempotencyKey", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "WorkflowOutboxMessages");
        migrationBuilder.DropTable(name: "WorkflowIncidents");
        migrationBuilder.DropTable(name: "WorkflowJournalEntries");
        migrationBuilder.DropTable(name: "WorkflowMessageSubscriptions");
        migrationBuilder.DropTable(name: "WorkflowTimers");
        migrationBuilder.DropTable(name: "WorkflowWorkItems");
        migrationBuilder.DropTable(name: "WorkflowTokens");
        migrationBuilder.DropTable(name: "WorkflowInstances");
        migrationBuilder.DropTable(name: "WorkflowDefinitions");
    }
}
