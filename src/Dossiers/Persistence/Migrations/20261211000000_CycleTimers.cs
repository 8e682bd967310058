using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>A cycle timer's occurrence (how many times it fired before), so that it stops after its number of times.</summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261211000000_CycleTimers")]
public sealed class CycleTimers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<int>(name: "Occurrence", table: "WorkflowTimers", nullable: false, defaultValue: 0);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn(name: "Occurrence", table: "WorkflowTimers");
}
