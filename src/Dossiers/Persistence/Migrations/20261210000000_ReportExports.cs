using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>Report exports kept in the database, so that every instance shows their progress and serves their files.</summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261210000000_ReportExports")]
public sealed class ReportExports : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ReportExports",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Owner = table.Column<string>(maxLength: 100, nullable: false),
                Kind = table.Column<int>(nullable: false),
                UnitCode = table.Column<string>(maxLength: 50, nullable: false),
                First = table.Column<DateOnly>(nullable: false),
                Last = table.Column<DateOnly>(nullable: false),
                FileName = table.Column<string>(maxLength: 200, nullable: false),
                StartedAt = table.Column<DateTime>(nullable: false),
                Status = table.Column<int>(nullable: false),
                Done = table.Column<int>(nullable: false),
                Total = table.Column<int>(nullable: false),
                Rows = table.Column<int>(nullable: false),
                FinishedAt = table.Column<DateTime>(nullable: true),
                FileSha256 = table.Column<string>(maxLength: 64, nullable: true),
                HeartbeatAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_ReportExports", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_ReportExports_Owner_Status", table: "ReportExports", columns: ["Owner", "Status"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "ReportExports");
}
