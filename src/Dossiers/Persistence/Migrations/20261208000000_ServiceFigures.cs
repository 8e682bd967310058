using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>
/// The months the dashboard's trend groups by: the month (<c>yyyyMM</c>, Vietnamese time, UTC+7 all year) a dossier was
/// accepted and resolved in, filled in for the dossiers recorded before; indexes to find a unit's acceptances and
/// resolutions in a range of time that also hold their month (and channel, or timeliness), so that the trend is counted
/// from them alone; one to find the steps completed in a span (the officers' pace and productivity); and the
/// applicants' ratings of how their dossiers were served (one per dossier).
/// </summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261208000000_ServiceFigures")]
public sealed class ServiceFigures : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "AcceptedMonth", table: "Dossiers", nullable: true);
        migrationBuilder.AddColumn<int>(name: "ResolvedMonth", table: "Dossiers", nullable: true);
        migrationBuilder.Sql(ActiveProvider == PostgresSearchObjects.Provider
            ? """
              UPDATE "Dossiers" SET "AcceptedMonth" = CAST(to_char("AcceptedAt" AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYYMM') AS integer) WHERE "AcceptedAt" IS NOT NULL;
              UPDATE "Dossiers" SET "ResolvedMonth" = CAST(to_char("ResolvedAt" AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYYMM') AS integer) WHERE "ResolvedAt" IS NOT NULL;
              """
            : """
              UPDATE "Dossiers" SET "AcceptedMonth" = CAST(strftime('%Y%m', "AcceptedAt", '+7 hours') AS INTEGER) WHERE "AcceptedAt" IS NOT NULL;
              UPDATE "Dossiers" SET "ResolvedMonth" = CAST(strftime('%Y%m', "ResolvedAt", '+7 hours') AS INTEGER) WHERE "ResolvedAt" IS NOT NULL;
              """);
        migrationBuilder.DropIndex(name: "IX_Dossiers_ReceivingUnit_AcceptedAt", table: "Dossiers");
        migrationBuilder.CreateIndex(name: "IX_Dossiers_ReceivingUnit_AcceptedAt_Month", table: "Dossiers", columns: ["ReceivingUnit", "AcceptedAt", "AcceptedMonth", "Channel"]);
        migrationBuilder.CreateIndex(name: "IX_Dossiers_ReceivingUnit_ResolvedAt_Month", table: "Dossiers", columns: ["ReceivingUnit", "ResolvedAt", "ResolvedMonth", "ResolvedTimeliness"]);
        migrationBuilder.CreateIndex(name: "IX_WorkflowWorkItems_CompletedAt", table: "WorkflowWorkItems", column: "CompletedAt");

        migrationBuilder.CreateTable(
            name: "DossierRatings",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                DossierId = table.Column<Guid>(nullable: false),
                Score = table.Column<int>(nullable: false),
                Comment = table.Column<string>(maxLength: 1000, nullable: true),
                Channel = table.Column<int>(nullable: false),
                RatedAt = table.Column<DateTime>(nullable: false),
                RecordedBy = table.Column<string>(maxLength: 100, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DossierRatings", x => x.Id);
                table.ForeignKey("FK_DossierRatings_Dossiers_DossierId", x => x.DossierId, "Dossiers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_DossierRatings_DossierId", table: "DossierRatings", column: "DossierId", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "DossierRatings");
        migrationBuilder.DropIndex(name: "IX_WorkflowWorkItems_CompletedAt", table: "WorkflowWorkItems");
        migrationBuilder.DropIndex(name: "IX_Dossiers_ReceivingUnit_ResolvedAt_Month", table: "Dossiers");
        migrationBuilder.DropIndex(name: "IX_Dossiers_ReceivingUnit_AcceptedAt_Month", table: "Dossiers");
        migrationBuilder.CreateIndex(name: "IX_Dossiers_ReceivingUnit_AcceptedAt", table: "Dossiers", columns: ["ReceivingUnit", "AcceptedAt"]);
        migrationBuilder.DropColumn(name: "AcceptedMonth", table: "Dossiers");
        migrationBuilder.DropColumn(name: "ResolvedMonth", table: "Dossiers");
    }
}
