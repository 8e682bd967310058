using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DossierWorkflow.Dossiers.Citizens;

/// <summary>
/// A dossier a citizen is preparing in the portal, saved at every step so that it can be resumed: the procedure and the
/// receiving unit, the applicant, the scans for each line of the procedure's documents, how the result is to be
/// received. Submitting it makes the dossier (<see cref="DossierCode"/>), and it is kept as submitted.
/// </summary>
public sealed class SubmissionDraft
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public required string ProcedureCode { get; set; }

    public string? ReceivingUnit { get; set; }

    public ApplicantKind ApplicantKind { get; set; } = ApplicantKind.Person;

    public string? ApplicantName { get; set; }

    public string? CitizenId { get; set; }

    public DateOnly? DateOfBirth { get; set; }

    public Gender? Gender { get; set; }

    public string? Address { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public ResultDelivery Delivery { get; set; } = ResultDelivery.Counter;

    public string? DeliveryAddress { get; set; }

    public List<DraftFile> Files { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The dossier it became; null while it is a draft.</summary>
    public string? DossierCode { get; set; }

    public DossierApplicant Applicant() => new()
    {
        Kind = ApplicantKind,
        Name = ApplicantName ?? "",
        CitizenId = CitizenId,
        DateOfBirth = DateOfBirth,
        Gender = Gender,
        Address = Address,
        Phone = Phone,
        Email = Email,
    };
}

/// <summary>A scan uploaded for one line of the procedure's documents, already accepted by content and stored.</summary>
public sealed class DraftFile
{
    public Guid Id { get; set; }

    public Guid DraftId { get; set; }

    public int DocumentPosition { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Length { get; set; }

    public required string Sha256 { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}

internal sealed class SubmissionDraftConfiguration : IEntityTypeConfiguration<SubmissionDraft>
{
    public void Configure(EntityTypeBuilder<SubmissionDraft> builder)
    {
        builder.ToTable("SubmissionDrafts");
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.ProcedureCode).HasMaxLength(20);
        builder.Property(d => d.ReceivingUnit).HasMaxLength(50);
        builder.Property(d => d.ApplicantName).HasMaxLength(200);
        builder.Property(d => d.CitizenId).HasMaxLength(20);
        builder.Property(d => d.Address).HasMaxLength(500);
        builder.Property(d => d.Phone).HasMaxLength(20);
        builder.Property(d => d.Email).HasMaxLength(254);
        builder.Property(d => d.DeliveryAddress).HasMaxLength(500);
        builder.Property(d => d.DossierCode).HasMaxLength(40);
        builder.Property(d => d.CreatedAt).HasUtcConversion();
        builder.Property(d => d.UpdatedAt).HasUtcConversion();
        builder.HasIndex(d => new { d.AccountId, d.UpdatedAt });
        builder.HasOne<CitizenAccount>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Files).WithOne().HasForeignKey(f => f.DraftId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DraftFileConfiguration : IEntityTypeConfiguration<DraftFile>
{
    public void Configure(EntityTypeBuilder<DraftFile> builder)
    {
        builder.ToTable("SubmissionDraftFiles");
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.FileName).HasMaxLength(200);
        builder.Property(f => f.ContentType).HasMaxLength(100);
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.Property(f => f.UploadedAt).HasUtcConversion();
    }
}
