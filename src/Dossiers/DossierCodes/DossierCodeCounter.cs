using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DossierWorkflow.Dossiers.DossierCodes;

/// <summary>The last sequence number handed out for one agency on one day of receipt.</summary>
public sealed class DossierCodeCounter
{
    public required string AgencyCode { get; init; }

    public DateOnly Day { get; init; }

    public int LastSequence { get; set; }
}

internal sealed class DossierCodeCounterConfiguration : IEntityTypeConfiguration<DossierCodeCounter>
{
    public void Configure(EntityTypeBuilder<DossierCodeCounter> builder)
    {
        builder.ToTable("DossierCodeCounters");
        builder.HasKey(c => new { c.AgencyCode, c.Day });
        builder.Property(c => c.AgencyCode).HasMaxLength(DossierCodeGenerator.MaxAgencyCodeLength);
    }
}
