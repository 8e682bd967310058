using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>Officers' local password sign-in, in a table of its own (officers signing in elsewhere have no row).</summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261122060000_OfficerSignIn")]
public sealed class OfficerSignIn : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "OfficerCredentials",
            columns: table => new
            {
                OfficerId = table.Column<int>(nullable: false),
                PasswordHash = table.Column<string>(maxLength: 200, nullable: false),
                SecurityStamp = table.Column<string>(maxLength: 64, nullable: false),
                FailedAttempts = table.Column<int>(nullable: false),
                LockedOutUntil = table.Column<DateTime>(nullable: true),
                ChangedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OfficerCredentials", x => x.OfficerId);
                table.ForeignKey("FK_OfficerCredentials_Officers_OfficerId", x => x.OfficerId, "Officers", "Id", onDelete: ReferentialAction.Cascade);
            });
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "OfficerCredentials");
}
