using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>The systems allowed to submit dossiers online, by the hash of their API key.</summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261204010000_ApiClients")]
public sealed class ApiClients : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ApiClients",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Name = table.Column<string>(maxLength: 60, nullable: false),
                KeyHash = table.Column<string>(maxLength: 64, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                RevokedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_ApiClients", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_ApiClients_Name", table: "ApiClients", column: "Name", unique: true);
        migrationBuilder.CreateIndex(name: "IX_ApiClients_KeyHash", table: "ApiClients", column: "KeyHash", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "ApiClients");
}
