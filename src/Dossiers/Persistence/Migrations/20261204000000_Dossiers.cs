using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>The dossier: its row (applicant and representative inline), documents, files, appointment history and issued forms.</summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261204000000_Dossiers")]
public sealed class Dossiers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Dossiers",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Code = table.Column<string>(maxLength: 60, nullable: false),
                ProcedureCode = table.Column<string>(maxLength: 40, nullable: false),
                ProcedureKey = table.Column<string>(maxLength: 100, nullable: false),
                ProcedureName = table.Column<string>(maxLength: 500, nullable: false),
                Sector = table.Column<string>(maxLength: 200, nullable: false),
                ProcedureVersionJson = table.Column<string>(nullable: false),
                FormTemplateVersion = table.Column<string>(maxLength: 40, nullable: false),
                ReceivingUnit = table.Column<string>(maxLength: 60, nullable: false),
                Channel = table.Column<int>(nullable: false),
                ApplicantKind = table.Column<int>(nullable: false),
                ApplicantName = table.Column<string>(maxLength: 300, nullable: false),
                ApplicantCitizenId = table.Column<string>(maxLength: 12, nullable: true),
                ApplicantDateOfBirth = table.Column<DateOnly>(nullable: true),
                ApplicantGender = table.Column<int>(nullable: true),
                ApplicantAddress = table.Column<string>(maxLength: 500, nullable: true),
                ApplicantPhone = table.Column<string>(maxLength: 20, nullable: true),
                ApplicantEmail = table.Column<string>(maxLength: 200, nullable: true),
                ApplicantTaxCode = table.Column<string>(maxLength: 20, nullable: true),
                ApplicantLegalRepresentative = table.Column<string>(maxLength: 300, nullable: true),
                RepresentativeName = table.Column<string>(maxLength: 300, nullable: true),
                RepresentativeCitizenId = table.Column<string>(maxLength: 12, nullable: true),
                RepresentativePhone = table.Column<string>(maxLength: 20, nullable: true),
                SetCount = table.Column<int>(nullable: false),
                Delivery = table.Column<int>(nullable: false),
                DeliveryAddress = table.Column<string>(maxLength: 500, nullable: true),
                FeeAmount = table.Column<long>(nullable: false),
                FeeExplanation = table.Column<string>(maxLength: 1000, nullable: false),
                FeeExemption = table.Column<string>(maxLength: 60, nullable: true),
                FeePaid = table.Column<bool>(nullable: false),
                ReceivedAt = table.Column<DateTime>(nullable: false),
                ReceivedBy = table.Column<string>(maxLength: 100, nullable: false),
                AppointmentAt = table.Column<DateTime>(nullable: true),
                Status = table.Column<int>(nullable: false),
                StatusChangedAt = table.Column<DateTime>(nullable: false),
                WorkflowInstanceId = table.Column<Guid>(nullable: true),
                IdempotencyKey = table.Column<string>(maxLength: 200, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_Dossiers", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_Dossiers_Code", table: "Dossiers", column: "Code", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Dossiers_IdempotencyKey", table: "Dossiers", column: "IdempotencyKey", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Dossiers_ReceivingUnit_ReceivedAt", table: "Dossiers", columns: ["ReceivingUnit", "ReceivedAt"]);
        migrationBuilder.CreateIndex(name: "IX_Dossiers_ApplicantCitizenId", table: "Dossiers", column: "ApplicantCitizenId");

        migrationBuilder.CreateTable(
            name: "DossierDocuments",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                DossierId = table.Column<Guid>(nullable: false),
                Position = table.Column<int>(nullable: false),
                Name = table.Column<string>(maxLength: 1000, nullable: false),
                Requirement = table.Column<int>(nullable: false),
                Provided = table.Column<bool>(nullable: false),
                Form = table.Column<int>(nullable: false),
                Count = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DossierDocuments", x => x.Id);
                table.ForeignKey("FK_DossierDocuments_Dossiers_DossierId", x => x.DossierId, "Dossiers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_DossierDocuments_DossierId", table: "DossierDocuments", column: "DossierId");

        migrationBuilder.CreateTable(
            name: "DossierAppointments",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                DossierId = table.Column<Guid>(nullable: false),
                Reason = table.Column<int>(nullable: false),
                AppointmentAt = table.Column<DateTime>(nullable: false),
                ChangedAt = table.Column<DateTime>(nullable: false),
                ChangedBy = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DossierAppointments", x => x.Id);
                table.ForeignKey("FK_DossierAppointments_Dossiers_DossierId", x => x.DossierId, "Dossiers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_DossierAppointments_DossierId", table: "DossierAppointments", column: "DossierId");

        migrationBuilder.CreateTable(
            name: "DossierForms",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                DossierId = table.Column<Guid>(nullable: false),
                Form = table.Column<string>(maxLength: 2, nullable: false),
                Number = table.Column<string>(maxLength: 60, nullable: false),
                IssuedAt = table.Column<DateTime>(nullable: false),
                IssuedBy = table.Column<string>(maxLength: 100, nullable: false),
                IssuedByName = table.Column<string>(maxLength: 200, nullable: false),
                Items = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DossierForms", x => x.Id);
                table.ForeignKey("FK_DossierForms_Dossiers_DossierId", x => x.DossierId, "Dossiers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_DossierForms_DossierId", table: "DossierForms", column: "DossierId");

        migrationBuilder.CreateTable(
            name: "DossierFiles",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                DossierId = table.Column<Guid>(nullable: false),
                DocumentPosition = table.Column<int>(nullable: true),
                FileName = table.Column<string>(maxLength: 200, nullable: false),
                ContentType = table.Column<string>(maxLength: 100, nullable: false),
                Length = table.Column<long>(nullable: false),
                Sha256 = table.Column<string>(maxLength: 64, nullable: false),
                UploadedAt = table.Column<DateTime>(nullable: false),
                UploadedBy = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DossierFiles", x => x.Id);
                table.ForeignKey("FK_DossierFiles_Dossiers_DossierId", x => x.DossierId, "Dossiers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_DossierFiles_DossierId", table: "DossierFiles", column: "DossierId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "DossierFiles");
        migrationBuilder.DropTable(name: "DossierForms");
        migrationBuilder.DropTable(name: "DossierAppointments");
        migrationBuilder.DropTable(name: "DossierDocuments");
        migrationBuilder.DropTable(name: "Dossiers");
    }
}
