using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>The citizens' portal accounts and the one-time codes that confirm them and reset their passwords.</summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261209010000_CitizenAccounts")]
public sealed class CitizenAccounts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "CitizenAccounts",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Email = table.Column<string>(maxLength: 254, nullable: true),
                Phone = table.Column<string>(maxLength: 15, nullable: true),
                PasswordHash = table.Column<string>(maxLength: 200, nullable: true),
                FullName = table.Column<string>(maxLength: 200, nullable: false),
                CitizenId = table.Column<string>(maxLength: 12, nullable: true),
                DateOfBirth = table.Column<DateOnly>(nullable: true),
                Gender = table.Column<int>(nullable: true),
                Address = table.Column<string>(maxLength: 500, nullable: true),
                ExternalSubject = table.Column<string>(maxLength: 200, nullable: true),
                Language = table.Column<string>(maxLength: 8, nullable: true),
                SecurityStamp = table.Column<string>(maxLength: 64, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                ConfirmedAt = table.Column<DateTime>(nullable: true),
                FailedAttempts = table.Column<int>(nullable: false),
                LockedOutUntil = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_CitizenAccounts", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_CitizenAccounts_Email", table: "CitizenAccounts", column: "Email", unique: true);
        migrationBuilder.CreateIndex(name: "IX_CitizenAccounts_Phone", table: "CitizenAccounts", column: "Phone", unique: true);
        migrationBuilder.CreateIndex(name: "IX_CitizenAccounts_ExternalSubject", table: "CitizenAccounts", column: "ExternalSubject", unique: true);

        migrationBuilder.CreateTable(
            name: "OneTimeCodes",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AccountId = table.Column<Guid>(nullable: false),
                Purpose = table.Column<int>(nullable: false),
                Destination = table.Column<string>(maxLength: 254, nullable: false),
                CodeHash = table.Column<string>(maxLength: 64, nullable: false),
                SentAt = table.Column<DateTime>(nullable: false),
                ExpiresAt = table.Column<DateTime>(nullable: false),
                Attempts = table.Column<int>(nullable: false),
                UsedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OneTimeCodes", x => x.Id);
                table.ForeignKey("FK_OneTimeCodes_CitizenAccounts_AccountId", x => x.AccountId, "CitizenAccounts", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_OneTimeCodes_AccountId_Purpose_SentAt", table: "OneTimeCodes", columns: ["AccountId", "Purpose", "SentAt"]);
        migrationBuilder.CreateIndex(name: "IX_OneTimeCodes_Destination_SentAt", table: "OneTimeCodes", columns: ["Destination", "SentAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "OneTimeCodes");
        migrationBuilder.DropTable(name: "CitizenAccounts");
    }
}
