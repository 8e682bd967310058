using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>
/// Searching a province's dossiers: the applicant's name folded (no diacritics, lower case) and indexed, the phone
/// indexed. On PostgreSQL the folded name also gets a trigram index (pg_trgm, shipped with PostgreSQL) so that a
/// fragment found anywhere in a name is an index search, and dossier codes compare byte by byte (collation "C") so that
/// a code's beginning is a range of the code's index whatever the database's locale. Existing rows get their folded
/// name at the next start (<see cref="DatabaseInitialisation"/>).
/// </summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261205030000_DossierSearch")]
public sealed class DossierSearch : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "ApplicantNameFolded", table: "Dossiers", maxLength: 300, nullable: false, defaultValue: "");
        migrationBuilder.CreateIndex(name: "IX_Dossiers_ApplicantNameFolded", table: "Dossiers", column: "ApplicantNameFolded");
        migrationBuilder.CreateIndex(name: "IX_Dossiers_ApplicantPhone", table: "Dossiers", column: "ApplicantPhone");
        migrationBuilder.CreateIndex(name: "IX_Dossiers_ApplicantTaxCode", table: "Dossiers", column: "ApplicantTaxCode");
        if (ActiveProvider == PostgresSearchObjects.Provider)
        {
            foreach (var statement in PostgresSearchObjects.Create)
            {
                migrationBuilder.Sql(statement);
            }
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (ActiveProvider == PostgresSearchObjects.Provider)
        {
            foreach (var statement in PostgresSearchObjects.Drop)
            {
                migrationBuilder.Sql(statement);
            }
        }

        migrationBuilder.DropIndex(name: "IX_Dossiers_ApplicantTaxCode", table: "Dossiers");
        migrationBuilder.DropIndex(name: "IX_Dossiers_ApplicantPhone", table: "Dossiers");
        migrationBuilder.DropIndex(name: "IX_Dossiers_ApplicantNameFolded", table: "Dossiers");
        migrationBuilder.DropColumn(name: "ApplicantNameFolded", table: "Dossiers");
    }
}
