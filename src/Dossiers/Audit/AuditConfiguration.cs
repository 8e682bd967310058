using DossierWorkflow.Dossiers.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DossierWorkflow.Dossiers.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.At).HasUtcConversion();
        builder.Property(e => e.Actor).HasMaxLength(AuditLimits.Actor);
        builder.Property(e => e.Action).HasMaxLength(50);
        builder.Property(e => e.Subject).HasMaxLength(AuditLimits.Subject);
        builder.Property(e => e.DossierCode).HasMaxLength(60);
        builder.Property(e => e.UnitCode).HasMaxLength(60);
        builder.Property(e => e.Address).HasMaxLength(AuditLimits.Address);

        // The audit page's searches: the newest first, by person, by dossier, by action.
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.Actor, e.At });
        builder.HasIndex(e => new { e.DossierCode, e.At });
        builder.HasIndex(e => new { e.Action, e.At });
    }
}
