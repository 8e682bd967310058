using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DossierWorkflow.Dossiers.Citizens;

/// <summary>
/// A citizen's account in the portal: signed in with an e-mail address or a mobile number and a password (confirmed by a
/// one-time code sent there before it can be used), or through the national identity provider (<see cref="ExternalSubject"/>).
/// What it knows of the person pre-fills their online submissions.
/// </summary>
public sealed class CitizenAccount : ILockable
{
    public Guid Id { get; set; }

    /// <summary>Lower case; unique among accounts.</summary>
    public string? Email { get; set; }

    /// <summary>As <c>0xxxxxxxxx</c>; unique among accounts.</summary>
    public string? Phone { get; set; }

    /// <summary>ASP.NET Core Identity's hash format; null for an account that signs in only through the identity provider.</summary>
    public string? PasswordHash { get; set; }

    public required string FullName { get; set; }

    /// <summary>The 12-digit citizen ID (căn cước), when given or vouched for by the identity provider.</summary>
    public string? CitizenId { get; set; }

    public DateOnly? DateOfBirth { get; set; }

    public Gender? Gender { get; set; }

    public string? Address { get; set; }

    /// <summary>The identity provider's subject (<c>sub</c>) for an account signed in there; unique.</summary>
    public string? ExternalSubject { get; set; }

    /// <summary><c>en</c> when the citizen uses the portal in English (notices are then written in English), else null.</summary>
    public string? Language { get; set; }

    /// <summary>Changes with the password: sessions begun before a change end.</summary>
    public required string SecurityStamp { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the address or number was confirmed by its one-time code; null: the account cannot sign in yet.</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }

    public int FailedAttempts { get; set; }

    public DateTimeOffset? LockedOutUntil { get; set; }

    /// <summary>The address or number the account signs in with, as shown to its owner.</summary>
    public string SignInName => Email ?? Phone ?? FullName;
}

internal sealed class CitizenAccountConfiguration : IEntityTypeConfiguration<CitizenAccount>
{
    public void Configure(EntityTypeBuilder<CitizenAccount> builder)
    {
        builder.ToTable("CitizenAccounts");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Email).HasMaxLength(254);
        builder.HasIndex(a => a.Email).IsUnique();
        builder.Property(a => a.Phone).HasMaxLength(15);
        builder.HasIndex(a => a.Phone).IsUnique();
        builder.Property(a => a.PasswordHash).HasMaxLength(200);
        builder.Property(a => a.FullName).HasMaxLength(200);
        builder.Property(a => a.CitizenId).HasMaxLength(12);
        builder.Property(a => a.Address).HasMaxLength(500);
        builder.Property(a => a.ExternalSubject).HasMaxLength(200);
        builder.HasIndex(a => a.ExternalSubject).IsUnique();
        builder.Property(a => a.Language).HasMaxLength(8);
        builder.Property(a => a.SecurityStamp).HasMaxLength(64);
        builder.Property(a => a.CreatedAt).HasUtcConversion();
        builder.Property(a => a.ConfirmedAt).HasUtcConversion();
        builder.Property(a => a.LockedOutUntil).HasUtcConversion();
    }
}
