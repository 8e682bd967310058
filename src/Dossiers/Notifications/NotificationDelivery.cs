using DossierWorkflow.Dossiers.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DossierWorkflow.Dossiers.Notifications;

/// <summary>
/// A notice sent to the applicant through one channel: kept so that a redelivery of the same outbox message (another
/// channel failed, a worker died after sending) never sends it twice through a channel that already took it, and so
/// that officers see what the applicant was told. Unique by (<see cref="IdempotencyKey"/>, <see cref="Channel"/>).
/// </summary>
public sealed class NotificationDelivery
{
    public Guid Id { get; set; }

    /// <summary>The outbox message's idempotency key.</summary>
    public required string IdempotencyKey { get; set; }

    public NotificationChannel Channel { get; set; }

    public required string DossierCode { get; set; }

    public ApplicantEvent Event { get; set; }

    public DateTimeOffset SentAt { get; set; }
}

public enum NotificationChannel
{
    Email = 1,
    Sms = 2,
}

internal sealed class NotificationDeliveryConfiguration : IEntityTypeConfiguration<NotificationDelivery>
{
    public void Configure(EntityTypeBuilder<NotificationDelivery> builder)
    {
        builder.ToTable("NotificationDeliveries");
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.IdempotencyKey).HasMaxLength(200);
        builder.Property(d => d.DossierCode).HasMaxLength(40);
        builder.Property(d => d.SentAt).HasUtcConversion();
        builder.HasIndex(d => new { d.IdempotencyKey, d.Channel }).IsUnique();
        builder.HasIndex(d => d.DossierCode);
    }
}
