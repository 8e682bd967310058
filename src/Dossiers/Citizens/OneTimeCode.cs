using DossierWorkflow.Dossiers.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DossierWorkflow.Dossiers.Citizens;

/// <summary>
/// A one-time code sent to an e-mail address or a mobile number to prove it is the citizen's: six digits, kept only as
/// a hash, valid for <see cref="OneTimeCodes.Lifetime"/>, good for <see cref="OneTimeCodes.MaximumAttempts"/> tries,
/// used once.
/// </summary>
public sealed class OneTimeCode
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public OneTimeCodePurpose Purpose { get; set; }

    /// <summary>Where it was sent (the e-mail address or the number).</summary>
    public required string Destination { get; set; }

    public required string CodeHash { get; set; }

    public DateTimeOffset SentAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Wrong codes typed against it.</summary>
    public int Attempts { get; set; }

    public DateTimeOffset? UsedAt { get; set; }
}

public enum OneTimeCodePurpose
{
    /// <summary>Confirms the address or number a new account signs in with.</summary>
    Registration = 1,

    /// <summary>Lets the owner of the address or number choose a new password.</summary>
    PasswordReset = 2,
}

internal sealed class OneTimeCodeConfiguration : IEntityTypeConfiguration<OneTimeCode>
{
    public void Configure(EntityTypeBuilder<OneTimeCode> builder)
    {
        builder.ToTable("OneTimeCodes");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Destination).HasMaxLength(254);
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        builder.Property(c => c.SentAt).HasUtcConversion();
        builder.Property(c => c.ExpiresAt).HasUtcConversion();
        builder.Property(c => c.UsedAt).HasUtcConversion();
        builder.HasIndex(c => new { c.AccountId, c.Purpose, c.SentAt });
        builder.HasIndex(c => new { c.Destination, c.SentAt });
        builder.HasOne<CitizenAccount>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
