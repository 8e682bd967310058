using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>The organisation tree, officers and their roles per unit, and the working calendar's overrides.</summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261122030000_Organisation")]
public sealed class Organisation : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Units",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Code = table.Column<string>(maxLength: 60, nullable: false),
                Name = table.Column<string>(maxLength: 300, nullable: false),
                Kind = table.Column<int>(nullable: false),
                ParentId = table.Column<int>(nullable: true),
                AgencyCode = table.Column<string>(maxLength: 40, nullable: true),
                IsActive = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Units", x => x.Id);
                table.ForeignKey("FK_Units_Units_ParentId", x => x.ParentId, "Units", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "IX_Units_Code", table: "Units", column: "Code", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Units_ParentId", table: "Units", column: "ParentId");

        migrationBuilder.CreateTable(
            name: "Officers",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserName = table.Column<string>(maxLength: 100, nullable: false),
                FullName = table.Column<string>(maxLength: 200, nullable: false),
                Email = table.Column<string>(maxLength: 200, nullable: true),
                Phone = table.Column<string>(maxLength: 30, nullable: true),
                IsActive = table.Column<bool>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Officers", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_Officers_UserName", table: "Officers", column: "UserName", unique: true);

        migrationBuilder.CreateTable(
            name: "OfficerRoles",
            columns: table => new
            {
                OfficerId = table.Column<int>(nullable: false),
                UnitId = table.Column<int>(nullable: false),
                Role = table.Column<string>(maxLength: 40, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OfficerRoles", x => new { x.OfficerId, x.UnitId, x.Role });
                table.ForeignKey("FK_OfficerRoles_Officers_OfficerId", x => x.OfficerId, "Officers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_OfficerRoles_Units_UnitId", x => x.UnitId, "Units", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "IX_OfficerRoles_UnitId_Role", table: "OfficerRoles", columns: ["UnitId", "Role"]);

        migrationBuilder.CreateTable(
            name: "CalendarDays",
            columns: table => new
            {
                Date = table.Column<DateOnly>(nullable: false),
                IsWorkingDay = table.Column<bool>(nullable: false),
                Note = table.Column<string>(maxLength: 300, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_CalendarDays", x => x.Date));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "CalendarDays");
        migrationBuilder.DropTable(name: "OfficerRoles");
        migrationBuilder.DropTable(name: "Officers");
        migrationBuilder.DropTable(name: "Units");
    }
}
