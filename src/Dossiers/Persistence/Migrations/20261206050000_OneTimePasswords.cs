using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>A password an administrator gave is to be changed at the next sign-in.</summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261206050000_OneTimePasswords")]
public sealed class OneTimePasswords : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<bool>(name: "MustChangePassword", table: "OfficerCredentials", nullable: false, defaultValue: false);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "MustChangePassword", table: "OfficerCredentials");
}
