using System.Text.Json;
using DossierWorkflow.Dossiers.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DossierWorkflow.Dossiers.Dossiers;

internal sealed class DossierConfiguration : IEntityTypeConfiguration<Dossier>
{
    public void Configure(EntityTypeBuilder<Dossier> builder)
    {
        builder.ToTable("Dossiers");
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Code).HasMaxLength(60);
        builder.HasIndex(d => d.Code).IsUnique();
        builder.Property(d => d.ProcedureCode).HasMaxLength(40);
        builder.Property(d => d.ProcedureKey).HasMaxLength(100);
        builder.Property(d => d.ProcedureName).HasMaxLength(500);
        builder.Property(d => d.Sector).HasMaxLength(200);
        builder.Property(d => d.FormTemplateVersion).HasMaxLength(40);
        builder.Property(d => d.ReceivingUnit).HasMaxLength(60);
        builder.Property(d => d.DeliveryAddress).HasMaxLength(500);
        builder.Property(d => d.FeeExplanation).HasMaxLength(1000);
        builder.Property(d => d.FeeExplanationEn).HasMaxLength(1000);
        builder.Property(d => d.FeeExemption).HasMaxLength(60);
        builder.Property(d => d.ReceivedAt).HasUtcConversion();
        builder.Property(d => d.ReceivedBy).HasMaxLength(100);
        builder.Property(d => d.AppointmentAt).HasUtcConversion();
        builder.Property(d => d.SupplementArrivedAt).HasUtcConversion();
        builder.Property(d => d.Status);
        builder.Property(d => d.StatusChangedAt).HasUtcConversion();
        builder.Property(d => d.IdempotencyKey).HasMaxLength(200);
        builder.HasIndex(d => d.IdempotencyKey).IsUnique();
        builder.Property(d => d.Language).HasMaxLength(8);
        builder.HasIndex(d => new { d.CitizenAccountId, d.ReceivedAt });
        builder.HasIndex(d => new { d.ReceivingUnit, d.ReceivedAt });
        builder.Property(d => d.AcceptedAt).HasUtcConversion();
        builder.Property(d => d.ResolvedAt).HasUtcConversion();
        builder.Property(d => d.ClosedAt).HasUtcConversion();

        // The reports read a unit's dossiers accepted before a period's end (and, of those, the ones still open at its
        // start); the trend counts a unit's acceptances and resolutions by month from the index alone (its last columns).
        builder.HasIndex(d => new { d.ReceivingUnit, d.AcceptedAt, d.AcceptedMonth, d.Channel }, "IX_Dossiers_ReceivingUnit_AcceptedAt_Month");
        builder.HasIndex(d => new { d.ReceivingUnit, d.ResolvedAt, d.ResolvedMonth, d.ResolvedTimeliness }, "IX_Dossiers_ReceivingUnit_ResolvedAt_Month");
        builder.Ignore(d => d.ProcedureVersion);

        builder.OwnsOne(d => d.Applicant, applicant =>
        {
            applicant.Property(a => a.Kind).HasColumnName("ApplicantKind");
            applicant.Property(a => a.Name).HasColumnName("ApplicantName").HasMaxLength(300);
            applicant.Property(a => a.NameFolded).HasColumnName("ApplicantNameFolded").HasMaxLength(300).HasDefaultValue("");
            applicant.HasIndex(a => a.NameFolded);
            applicant.HasIndex(a => a.Phone);
            applicant.HasIndex(a => a.TaxCode);
            applicant.Property(a => a.CitizenId).HasColumnName("ApplicantCitizenId").HasMaxLength(12);
            applicant.Property(a => a.DateOfBirth).HasColumnName("ApplicantDateOfBirth");
            applicant.Property(a => a.Gender).HasColumnName("ApplicantGender");
            applicant.Property(a => a.Address).HasColumnName("ApplicantAddress").HasMaxLength(500);
            applicant.Property(a => a.Phone).HasColumnName("ApplicantPhone").HasMaxLength(20);
            applicant.Property(a => a.Email).HasColumnName("ApplicantEmail").HasMaxLength(200);
            applicant.Property(a => a.TaxCode).HasColumnName("ApplicantTaxCode").HasMaxLength(20);
            applicant.Property(a => a.LegalRepresentative).HasColumnName("ApplicantLegalRepresentative").HasMaxLength(300);
            applicant.HasIndex(a => a.CitizenId);
        });
        builder.Navigation(d => d.Applicant).IsRequired();
        builder.OwnsOne(d => d.Representative, representative =>
        {
            representative.Property(r => r.Name).HasColumnName("RepresentativeName").HasMaxLength(300);
            representative.Property(r => r.CitizenId).HasColumnName("RepresentativeCitizenId").HasMaxLength(12);
            representative.Property(r => r.Phone).HasColumnName("RepresentativePhone").HasMaxLength(20);
        });

        builder.HasMany(d => d.Documents).WithOne().HasForeignKey(d => d.DossierId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Appointments).WithOne().HasForeignKey(a => a.DossierId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Forms).WithOne().HasForeignKey(f => f.DossierId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Files).WithOne().HasForeignKey(f => f.DossierId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Extensions).WithOne().HasForeignKey(e => e.DossierId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Payments).WithOne().HasForeignKey(p => p.DossierId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Handovers).WithOne().HasForeignKey(h => h.DossierId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DossierExtensionConfiguration : IEntityTypeConfiguration<DossierExtension>
{
    public void Configure(EntityTypeBuilder<DossierExtension> builder)
    {
        builder.ToTable("DossierExtensions");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Reason).HasMaxLength(2000);
        builder.Property(e => e.ProposedBy).HasMaxLength(100);
        builder.Property(e => e.ProposedAt).HasUtcConversion();
        builder.Property(e => e.DecidedBy).HasMaxLength(100);
        builder.Property(e => e.DecidedAt).HasUtcConversion();
        builder.Property(e => e.DecisionComment).HasMaxLength(2000);
        builder.HasIndex(e => e.Status);
    }
}

internal sealed class DossierPaymentConfiguration : IEntityTypeConfiguration<DossierPayment>
{
    public void Configure(EntityTypeBuilder<DossierPayment> builder)
    {
        builder.ToTable("DossierPayments");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Reference).HasMaxLength(100);
        builder.Property(p => p.PaidAt).HasUtcConversion();
        builder.Property(p => p.RecordedBy).HasMaxLength(100);
    }
}

internal sealed class ResultHandoverConfiguration : IEntityTypeConfiguration<ResultHandover>
{
    public void Configure(EntityTypeBuilder<ResultHandover> builder)
    {
        builder.ToTable("DossierHandovers");
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.HandedOverAt).HasUtcConversion();
        builder.Property(h => h.RecordedBy).HasMaxLength(100);
        builder.Property(h => h.RecordedAt).HasUtcConversion();
        builder.Property(h => h.CollectorName).HasMaxLength(300);
        builder.Property(h => h.CollectorIdNumber).HasMaxLength(20);
        builder.Property(h => h.TrackingNumber).HasMaxLength(40);
        builder.Property(h => h.PostalOutcomeAt).HasUtcConversion();
    }
}

internal sealed class DossierFileConfiguration : IEntityTypeConfiguration<DossierFile>
{
    public void Configure(EntityTypeBuilder<DossierFile> builder)
    {
        builder.ToTable("DossierFiles");
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.FileName).HasMaxLength(200);
        builder.Property(f => f.ContentType).HasMaxLength(100);
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.Property(f => f.UploadedAt).HasUtcConversion();
        builder.Property(f => f.UploadedBy).HasMaxLength(100);

        // The files saved before result files existed are scans (migration ResultReturn).
        builder.Property(f => f.Kind).HasDefaultValue(DossierFileKind.Submitted);
    }
}

internal sealed class DossierDocumentConfiguration : IEntityTypeConfiguration<DossierDocument>
{
    public void Configure(EntityTypeBuilder<DossierDocument> builder)
    {
        builder.ToTable("DossierDocuments");
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Name).HasMaxLength(1000);
    }
}

internal sealed class AppointmentChangeConfiguration : IEntityTypeConfiguration<AppointmentChange>
{
    public void Configure(EntityTypeBuilder<AppointmentChange> builder)
    {
        builder.ToTable("DossierAppointments");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.AppointmentAt).HasUtcConversion();
        builder.Property(a => a.ChangedAt).HasUtcConversion();
        builder.Property(a => a.ChangedBy).HasMaxLength(100);
    }
}

internal sealed class IssuedFormConfiguration : IEntityTypeConfiguration<IssuedForm>
{
    private static readonly ValueConverter<List<FormItem>, string> ItemsAsJson = new(
        items => JsonSerializer.Serialize(items, JsonSerializerOptions.Web),
        json => JsonSerializer.Deserialize<List<FormItem>>(json, JsonSerializerOptions.Web) ?? new List<FormItem>());

    private static readonly ValueComparer<List<FormItem>> ItemsComparer = new(
        (a, b) => a!.SequenceEqual(b!),
        items => items.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)),
        items => items.ToList());

    public void Configure(EntityTypeBuilder<IssuedForm> builder)
    {
        builder.ToTable("DossierForms");
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Form).HasMaxLength(2);
        builder.Property(f => f.Number).HasMaxLength(60);
        builder.Property(f => f.IssuedAt).HasUtcConversion();
        builder.Property(f => f.IssuedBy).HasMaxLength(100);
        builder.Property(f => f.IssuedByName).HasMaxLength(200);
        builder.Property(f => f.SignatoryTitle).HasMaxLength(200);
        builder.Property(f => f.Items).HasConversion(ItemsAsJson, ItemsComparer);
    }
}

internal sealed class DossierRatingConfiguration : IEntityTypeConfiguration<DossierRating>
{
    public void Configure(EntityTypeBuilder<DossierRating> builder)
    {
        builder.ToTable("DossierRatings");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Comment).HasMaxLength(DossierRating.CommentLength);
        builder.Property(r => r.RatedAt).HasUtcConversion();
        builder.Property(r => r.RecordedBy).HasMaxLength(100);
        builder.HasOne<Dossier>().WithMany().HasForeignKey(r => r.DossierId).OnDelete(DeleteBehavior.Cascade);

        // One rating per dossier.
        builder.HasIndex(r => r.DossierId).IsUnique();
    }
}
