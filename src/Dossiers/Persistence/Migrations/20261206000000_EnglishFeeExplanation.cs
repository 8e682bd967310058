using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>
/// The fee's reasoning is kept in English too, for the English UI (the Vietnamese one is printed). Dossiers received
/// before keep only the Vietnamese text, which the English UI then shows.
/// </summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261206000000_EnglishFeeExplanation")]
public sealed class EnglishFeeExplanation : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "FeeExplanationEn", table: "Dossiers", maxLength: 1000, nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "FeeExplanationEn", table: "Dossiers");
}
