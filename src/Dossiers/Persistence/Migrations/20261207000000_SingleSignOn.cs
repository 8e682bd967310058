using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>An officer's identity at the province's OpenID provider, for single sign-on linked by subject.</summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261207000000_SingleSignOn")]
public sealed class SingleSignOn : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "ExternalSubject", table: "Officers", maxLength: 255, nullable: true);
        migrationBuilder.CreateIndex(name: "IX_Officers_ExternalSubject", table: "Officers", column: "ExternalSubject", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Officers_ExternalSubject", table: "Officers");
        migrationBuilder.DropColumn(name: "ExternalSubject", table: "Officers");
    }
}
