using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>Every officer's view of a dossier: who, when, which dossier.</summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261204020000_DossierViews")]
public sealed class DossierViews : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
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
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "DossierViews");
}
