using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>
/// Draft result files: a file of a dossier may be a draft attached to a processing step (<c>Kind</c> 2), which it
/// names by its work item.
/// </summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261206010000_DraftResultFiles")]
public sealed class DraftResultFiles : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<Guid>(name: "WorkItemId", table: "DossierFiles", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "WorkItemId", table: "DossierFiles");
}
