using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>Citizens' drafts of online submissions with their scans, and the account a dossier was submitted from.</summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261209020000_SubmissionDrafts")]
public sealed class SubmissionDrafts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<Guid>(name: "CitizenAccountId", table: "Dossiers", nullable: true);
        migrationBuilder.CreateIndex(name: "IX_Dossiers_CitizenAccountId_ReceivedAt", table: "Dossiers", columns: ["CitizenAccountId", "ReceivedAt"]);

        migrationBuilder.CreateTable(
            name: "SubmissionDrafts",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                AccountId = table.Column<Guid>(nullable: false),
                ProcedureCode = table.Column<string>(maxLength: 20, nullable: false),
                ReceivingUnit = table.Column<string>(maxLength: 50, nullable: true),
                ApplicantKind = table.Column<int>(nullable: false),
                ApplicantName = table.Column<string>(maxLength: 200, nullable: true),
                CitizenId = table.Column<string>(maxLength: 20, nullable: true),
                DateOfBirth = table.Column<DateOnly>(nullable: true),
                Gender = table.Column<int>(nullable: true),
                Address = table.Column<string>(maxLength: 500, nullable: true),
                Phone = table.Column<string>(maxLength: 20, nullable: true),
                Email = table.Column<string>(maxLength: 254, nullable: true),
                Delivery = table.Column<int>(nullable: false),
                DeliveryAddress = table.Column<string>(maxLength: 500, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                DossierCode = table.Column<string>(maxLength: 40, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SubmissionDrafts", x => x.Id);
                table.ForeignKey("FK_SubmissionDrafts_CitizenAccounts_AccountId", x => x.AccountId, "CitizenAccounts", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_SubmissionDrafts_AccountId_UpdatedAt", table: "SubmissionDrafts", columns: ["AccountId", "UpdatedAt"]);

        migrationBuilder.CreateTable(
            name: "SubmissionDraftFiles",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                DraftId = table.Column<Guid>(nullable: false),
                DocumentPosition = table.Column<int>(nullable: false),
                FileName = table.Column<string>(maxLength: 200, nullable: false),
                ContentType = table.Column<string>(maxLength: 100, nullable: false),
                Length = table.Column<long>(nullable: false),
                Sha256 = table.Column<string>(maxLength: 64, nullable: false),
                UploadedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SubmissionDraftFiles", x => x.Id);
                table.ForeignKey("FK_SubmissionDraftFiles_SubmissionDrafts_DraftId", x => x.DraftId, "SubmissionDrafts", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_SubmissionDraftFiles_DraftId", table: "SubmissionDraftFiles", column: "DraftId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "SubmissionDraftFiles");
        migrationBuilder.DropTable(name: "SubmissionDrafts");
        migrationBuilder.DropIndex(name: "IX_Dossiers_CitizenAccountId_ReceivedAt", table: "Dossiers");
        migrationBuilder.DropColumn(name: "CitizenAccountId", table: "Dossiers");
    }
}
