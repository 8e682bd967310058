using DossierWorkflow.Dossiers.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DossierWorkflow.Dossiers.Payments;

/// <summary>
/// One attempt of a citizen to pay a dossier's outstanding fee at the gateway: its reference (<see cref="OrderRef"/>,
/// what the gateway knows it by) and amount, pending until the gateway's server-to-server notification says how it went.
/// </summary>
public sealed class PaymentOrder
{
    public Guid Id { get; set; }

    public Guid DossierId { get; set; }

    public required string DossierCode { get; set; }

    public Guid AccountId { get; set; }

    /// <summary>Unique; sent to the gateway as <c>vnp_TxnRef</c>.</summary>
    public required string OrderRef { get; set; }

    /// <summary>In đồng.</summary>
    public long Amount { get; set; }

    public PaymentOrderStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The gateway's transaction number (<c>vnp_TransactionNo</c>), the payment's reference on the dossier.</summary>
    public string? GatewayTransaction { get; set; }

    /// <summary>The gateway's response code of the notification (<c>00</c> paid).</summary>
    public string? GatewayResponse { get; set; }
}

public enum PaymentOrderStatus
{
    Pending = 0,
    Paid = 1,
    Failed = 2,
}

internal sealed class PaymentOrderConfiguration : IEntityTypeConfiguration<PaymentOrder>
{
    public void Configure(EntityTypeBuilder<PaymentOrder> builder)
    {
        builder.ToTable("PaymentOrders");
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.DossierCode).HasMaxLength(40);
        builder.Property(o => o.OrderRef).HasMaxLength(40);
        builder.HasIndex(o => o.OrderRef).IsUnique();
        builder.HasIndex(o => o.DossierId);
        builder.Property(o => o.GatewayTransaction).HasMaxLength(100);

        // Two notifications of one order at once: the second to save finds the status changed and records nothing.
        builder.Property(o => o.Status).IsConcurrencyToken();
        builder.Property(o => o.GatewayResponse).HasMaxLength(10);
        builder.Property(o => o.CreatedAt).HasUtcConversion();
        builder.Property(o => o.CompletedAt).HasUtcConversion();
    }
}
