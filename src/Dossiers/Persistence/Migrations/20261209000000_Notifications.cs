using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>The applicant's language for notices, and the record of each notice a channel took.</summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261209000000_Notifications")]
public sealed class Notifications : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "Language", table: "Dossiers", maxLength: 8, nullable: true);
        migrationBuilder.CreateTable(
            name: "NotificationDeliveries",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                IdempotencyKey = table.Column<string>(maxLength: 200, nullable: false),
                Channel = table.Column<int>(nullable: false),
                DossierCode = table.Column<string>(maxLength: 40, nullable: false),
                Event = table.Column<int>(nullable: false),
                SentAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_NotificationDeliveries", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_NotificationDeliveries_IdempotencyKey_Channel", table: "NotificationDeliveries", columns: ["IdempotencyKey", "Channel"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_NotificationDeliveries_DossierCode", table: "NotificationDeliveries", column: "DossierCode");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "NotificationDeliveries");
        migrationBuilder.DropColumn(name: "Language", table: "Dossiers");
    }
}
