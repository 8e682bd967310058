using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

[DbContext(typeof(DossiersDbContext))]
[Migration("20261122020000_DossierCodes")]
public sealed class DossierCodes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "DossierCodeCounters",
            columns: table => new
            {
                AgencyCode = table.Column<string>(maxLength: 40, nullable: false),
                Day = table.Column<DateOnly>(nullable: false),
                LastSequence = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_DossierCodeCounters", x => new { x.AgencyCode, x.Day }));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "DossierCodeCounters");
    }
}
