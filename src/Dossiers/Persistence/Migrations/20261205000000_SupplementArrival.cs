using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>When a supplement request's documents came back: the moment the legal clock restarts from.</summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261205000000_SupplementArrival")]
public sealed class SupplementArrival : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<DateTime>(name: "SupplementArrivedAt", table: "Dossiers", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "SupplementArrivedAt", table: "Dossiers");
}
