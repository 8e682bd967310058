using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>Extensions after an apology (form 04), and the signatory's title on the forms a leader signs (04, 05).</summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261205020000_ExtensionsAndStops")]
public sealed class ExtensionsAndStops : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "Title", table: "Officers", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<string>(name: "SignatoryTitle", table: "DossierForms", maxLength: 200, nullable: true);
        migrationBuilder.CreateTable(
            name: "DossierExtensions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                DossierId = table.Column<Guid>(nullable: false),
                WorkingDays = table.Column<int>(nullable: false),
                Reason = table.Column<string>(maxLength: 2000, nullable: false),
                ProposedBy = table.Column<string>(maxLength: 100, nullable: false),
                ProposedAt = table.Column<DateTime>(nullable: false),
                Status = table.Column<int>(nullable: false),
                DecidedBy = table.Column<string>(maxLength: 100, nullable: true),
                DecidedAt = table.Column<DateTime>(nullable: true),
                DecisionComment = table.Column<string>(maxLength: 2000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DossierExtensions", x => x.Id);
                table.ForeignKey("FK_DossierExtensions_Dossiers_DossierId", x => x.DossierId, "Dossiers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_DossierExtensions_DossierId", table: "DossierExtensions", column: "DossierId");
        migrationBuilder.CreateIndex(name: "IX_DossierExtensions_Status", table: "DossierExtensions", column: "Status");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "DossierExtensions");
        migrationBuilder.DropColumn(name: "SignatoryTitle", table: "DossierForms");
        migrationBuilder.DropColumn(name: "Title", table: "Officers");
    }
}
