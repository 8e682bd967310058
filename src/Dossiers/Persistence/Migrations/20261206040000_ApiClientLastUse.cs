using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>When each API client was last used, for the administrators' list.</summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261206040000_ApiClientLastUse")]
public sealed class ApiClientLastUse : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<DateTime>(name: "LastUsedAt", table: "ApiClients", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "LastUsedAt", table: "ApiClients");
}
