using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>
/// The moments the reports count a dossier by: accepted, resolved (with its timeliness against the appointment) and
/// closed (withdrawn or stopped). Dossiers recorded before are filled in from what they kept: accepted at their first
/// appointment; resolved and closed at their last status change (a returned result was resolved at the latest then);
/// their timeliness late or on time against the appointment in force (early cannot be told apart from the rows here).
/// </summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261207020000_ReportTimes")]
public sealed class ReportTimes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<DateTime>(name: "AcceptedAt", table: "Dossiers", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "ResolvedAt", table: "Dossiers", nullable: true);
        migrationBuilder.AddColumn<int>(name: "ResolvedTimeliness", table: "Dossiers", nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "ClosedAt", table: "Dossiers", nullable: true);
        migrationBuilder.Sql("""
            UPDATE "Dossiers" SET "AcceptedAt" = (SELECT MIN(a."ChangedAt") FROM "DossierAppointments" a WHERE a."DossierId" = "Dossiers"."Id");
            UPDATE "Dossiers" SET "ResolvedAt" = "StatusChangedAt" WHERE "AcceptedAt" IS NOT NULL AND "Status" IN (3, 9, 10);
            UPDATE "Dossiers" SET "ResolvedTimeliness" = CASE WHEN "ResolvedAt" > "AppointmentAt" THEN 3 ELSE 2 END
                WHERE "ResolvedAt" IS NOT NULL AND "AppointmentAt" IS NOT NULL;
            UPDATE "Dossiers" SET "ClosedAt" = "StatusChangedAt" WHERE "Status" IN (7, 8);
            """);
        migrationBuilder.CreateIndex(name: "IX_Dossiers_ReceivingUnit_AcceptedAt", table: "Dossiers", columns: ["ReceivingUnit", "AcceptedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Dossiers_ReceivingUnit_AcceptedAt", table: "Dossiers");
        migrationBuilder.DropColumn(name: "AcceptedAt", table: "Dossiers");
        migrationBuilder.DropColumn(name: "ResolvedAt", table: "Dossiers");
        migrationBuilder.DropColumn(name: "ResolvedTimeliness", table: "Dossiers");
        migrationBuilder.DropColumn(name: "ClosedAt", table: "Dossiers");
    }
}
