using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>
/// The audit journal: one append-only record of who did what, when and from where. The dossier views recorded so far
/// (table <c>DossierViews</c>) become its first entries, and that table goes: a view of a dossier is one kind of record.
/// And the wrong passwords typed for user names nobody signs in with (<c>SignInThrottles</c>), locked out like known
/// names so that the sign-in page does not tell which names exist.
/// </summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261206020000_AuditJournal")]
public sealed class AuditJournal : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AuditEntries",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                Actor = table.Column<string>(maxLength: 100, nullable: false),
                Action = table.Column<string>(maxLength: 50, nullable: false),
                Subject = table.Column<string>(maxLength: 300, nullable: true),
                DossierCode = table.Column<string>(maxLength: 60, nullable: true),
                UnitCode = table.Column<string>(maxLength: 60, nullable: true),
                Before = table.Column<string>(nullable: true),
                After = table.Column<string>(nullable: true),
                Address = table.Column<string>(maxLength: 64, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_AuditEntries", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_AuditEntries_At", table: "AuditEntries", column: "At");
        migrationBuilder.CreateIndex(name: "IX_AuditEntries_Actor_At", table: "AuditEntries", columns: ["Actor", "At"]);
        migrationBuilder.CreateIndex(name: "IX_AuditEntries_DossierCode_At", table: "AuditEntries", columns: ["DossierCode", "At"]);
        migrationBuilder.CreateIndex(name: "IX_AuditEntries_Action_At", table: "AuditEntries", columns: ["Action", "At"]);

        migrationBuilder.Sql("""
            INSERT INTO "AuditEntries" ("Id", "At", "Actor", "Action", "DossierCode", "UnitCode")
            SELECT v."Id", v."ViewedAt", v."Officer", 'dossier-viewed', d."Code", d."ReceivingUnit"
            FROM "DossierViews" v JOIN "Dossiers" d ON d."Id" = v."DossierId";
            """);
        migrationBuilder.DropTable(name: "DossierViews");

        migrationBuilder.CreateTable(
            name: "SignInThrottles",
            columns: table => new
            {
                UserName = table.Column<string>(maxLength: 100, nullable: false),
                FailedAttempts = table.Column<int>(nullable: false),
                LockedOutUntil = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_SignInThrottles", x => x.UserName));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "SignInThrottles");
        migrationBuilder.CreateTable(
            name: "DossierViews",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                DossierId = table.Column<Guid>(nullable: false),
                Officer = table.Column<string>(maxLength: 100, nullable: false),
                ViewedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DossierViews", x => x.Id);
                table.ForeignKey("FK_DossierViews_Dossiers_DossierId", x => x.DossierId, "Dossiers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_DossierViews_DossierId_ViewedAt", table: "DossierViews", columns: ["DossierId", "ViewedAt"]);
        migrationBuilder.Sql("""
            INSERT INTO "DossierViews" ("Id", "DossierId", "Officer", "ViewedAt")
            SELECT a."Id", d."Id", a."Actor", a."At"
            FROM "AuditEntries" a JOIN "Dossiers" d ON d."Code" = a."DossierCode"
            WHERE a."Action" = 'dossier-viewed';
            """);
        migrationBuilder.DropTable(name: "AuditEntries");
    }
}
