using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>Two-factor sign-in: each officer's authenticator secret (encrypted), recovery code hashes and wrong-code count.</summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261206030000_TwoFactor")]
public sealed class TwoFactor : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "OfficerTwoFactors",
            columns: table => new
            {
                OfficerId = table.Column<int>(nullable: false),
                ProtectedSecret = table.Column<string>(maxLength: 1000, nullable: false),
                EnabledAt = table.Column<DateTime>(nullable: true),
                LastUsedStep = table.Column<long>(nullable: false),
                RecoveryCodeHashes = table.Column<string>(maxLength: 1000, nullable: false),
                FailedAttempts = table.Column<int>(nullable: false),
                LockedOutUntil = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OfficerTwoFactors", x => x.OfficerId);
                table.ForeignKey("FK_OfficerTwoFactors_Officers_OfficerId", x => x.OfficerId, "Officers", "Id", onDelete: ReferentialAction.Cascade);
            });
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "OfficerTwoFactors");
}
