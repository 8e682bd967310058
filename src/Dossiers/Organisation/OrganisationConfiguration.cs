using DossierWorkflow.Dossiers.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DossierWorkflow.Dossiers.Organisation;

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> builder)
    {
        builder.ToTable("Units");
        builder.Property(u => u.Code).HasMaxLength(60);
        builder.Property(u => u.Name).HasMaxLength(300);
        builder.Property(u => u.AgencyCode).HasMaxLength(40);
        builder.HasIndex(u => u.Code).IsUnique();
        builder.HasOne(u => u.Parent).WithMany(u => u.Children).HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OfficerConfiguration : IEntityTypeConfiguration<Officer>
{
    public void Configure(EntityTypeBuilder<Officer> builder)
    {
        builder.ToTable("Officers");
        builder.Property(o => o.UserName).HasMaxLength(100);
        builder.Property(o => o.FullName).HasMaxLength(200);
        builder.Property(o => o.Title).HasMaxLength(200);
        builder.Property(o => o.Email).HasMaxLength(200);
        builder.Property(o => o.Phone).HasMaxLength(30);
        builder.Property(o => o.ExternalSubject).HasMaxLength(255);
        builder.HasIndex(o => o.UserName).IsUnique();
        builder.HasIndex(o => o.ExternalSubject).IsUnique();
        builder.HasMany(o => o.Roles).WithOne().HasForeignKey(r => r.OfficerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OfficerRoleConfiguration : IEntityTypeConfiguration<OfficerRole>
{
    public void Configure(EntityTypeBuilder<OfficerRole> builder)
    {
        builder.ToTable("OfficerRoles");
        builder.HasKey(r => new { r.OfficerId, r.UnitId, r.Role });
        builder.Property(r => r.Role).HasMaxLength(40);
        builder.HasOne(r => r.Unit).WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);

        // Work queues ask "who holds role R in unit U".
        builder.HasIndex(r => new { r.UnitId, r.Role });
    }
}

internal sealed class OfficerTwoFactorConfiguration : IEntityTypeConfiguration<OfficerTwoFactor>
{
    public void Configure(EntityTypeBuilder<OfficerTwoFactor> builder)
    {
        builder.ToTable("OfficerTwoFactors");
        builder.HasKey(t => t.OfficerId);
        builder.Property(t => t.ProtectedSecret).HasMaxLength(1000);
        builder.Property(t => t.RecoveryCodeHashes).HasMaxLength(1000);
        builder.Property(t => t.EnabledAt).HasUtcConversion();
        builder.Property(t => t.LockedOutUntil).HasUtcConversion();
        builder.HasOne<Officer>().WithOne().HasForeignKey<OfficerTwoFactor>(t => t.OfficerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SignInThrottleConfiguration : IEntityTypeConfiguration<SignInThrottle>
{
    public void Configure(EntityTypeBuilder<SignInThrottle> builder)
    {
        builder.ToTable("SignInThrottles");
        builder.HasKey(t => t.UserName);
        builder.Property(t => t.UserName).HasMaxLength(100);
        builder.Property(t => t.LockedOutUntil).HasUtcConversion();
    }
}

internal sealed class OfficerCredentialConfiguration : IEntityTypeConfiguration<OfficerCredential>
{
    public void Configure(EntityTypeBuilder<OfficerCredential> builder)
    {
        builder.ToTable("OfficerCredentials");
        builder.HasKey(c => c.OfficerId);
        builder.Property(c => c.PasswordHash).HasMaxLength(200);
        builder.Property(c => c.SecurityStamp).HasMaxLength(64);
        builder.Property(c => c.LockedOutUntil).HasUtcConversion();
        builder.Property(c => c.ChangedAt).HasUtcConversion();

        // The passwords set before one-time passwords existed are the officers' own (migration OneTimePasswords).
        builder.Property(c => c.MustChangePassword).HasDefaultValue(false);
        builder.HasOne<Officer>().WithOne().HasForeignKey<OfficerCredential>(c => c.OfficerId).OnDelete(DeleteBehavior.Cascade);
    }
}
