using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>Result return: the result's hand-overs (counter, post, electronic), the fee's payments, and result files.</summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261205010000_ResultReturn")]
public sealed class ResultReturn : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "Kind", table: "DossierFiles", nullable: false, defaultValue: 0);

        migrationBuilder.CreateTable(
            name: "DossierPayments",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                DossierId = table.Column<Guid>(nullable: false),
                Amount = table.Column<long>(nullable: false),
                Method = table.Column<int>(nullable: false),
                Reference = table.Column<string>(maxLength: 100, nullable: true),
                PaidAt = table.Column<DateTime>(nullable: false),
                RecordedBy = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DossierPayments", x => x.Id);
                table.ForeignKey("FK_DossierPayments_Dossiers_DossierId", x => x.DossierId, "Dossiers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_DossierPayments_DossierId", table: "DossierPayments", column: "DossierId");

        migrationBuilder.CreateTable(
            name: "DossierHandovers",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                DossierId = table.Column<Guid>(nullable: false),
                Method = table.Column<int>(nullable: false),
                HandedOverAt = table.Column<DateTime>(nullable: false),
                RecordedBy = table.Column<string>(maxLength: 100, nullable: false),
                RecordedAt = table.Column<DateTime>(nullable: false),
                CollectorKind = table.Column<int>(nullable: true),
                CollectorName = table.Column<string>(maxLength: 300, nullable: true),
                CollectorIdNumber = table.Column<string>(maxLength: 20, nullable: true),
                TrackingNumber = table.Column<string>(maxLength: 40, nullable: true),
                PostalOutcome = table.Column<int>(nullable: true),
                PostalOutcomeAt = table.Column<DateTime>(nullable: true),
                ResultFileId = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DossierHandovers", x => x.Id);
                table.ForeignKey("FK_DossierHandovers_Dossiers_DossierId", x => x.DossierId, "Dossiers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_DossierHandovers_DossierId", table: "DossierHandovers", column: "DossierId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "DossierHandovers");
        migrationBuilder.DropTable(name: "DossierPayments");
        migrationBuilder.DropColumn(name: "Kind", table: "DossierFiles");
    }
}
