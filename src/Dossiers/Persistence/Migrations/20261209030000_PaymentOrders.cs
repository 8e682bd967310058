using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DossierWorkflow.Dossiers.Persistence.Migrations;

/// <summary>Citizens' attempts to pay a dossier's fee at the online payment gateway.</summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261209030000_PaymentOrders")]
public sealed class PaymentOrders : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "PaymentOrders",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                DossierId = table.Column<Guid>(nullable: false),
                DossierCode = table.Column<string>(maxLength: 40, nullable: false),
                AccountId = table.Column<Guid>(nullable: false),
                OrderRef = table.Column<string>(maxLength: 40, nullable: false),
                Amount = table.Column<long>(nullable: false),
                Status = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CompletedAt = table.Column<DateTime>(nullable: true),
                GatewayTransaction = table.Column<string>(maxLength: 100, nullable: true),
                GatewayResponse = table.Column<string>(maxLength: 10, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_PaymentOrders", x => x.Id));
        migrationBuilder.CreateIndex(name: "IX_PaymentOrders_OrderRef", table: "PaymentOrders", column: "OrderRef", unique: true);
        migrationBuilder.CreateIndex(name: "IX_PaymentOrders_DossierId", table: "PaymentOrders", column: "DossierId");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "PaymentOrders");
}
