using DossierWorkflow.Definitions.Catalogue;

namespace DossierWorkflow.Dossiers.Dossiers;

/// <summary>Who the dossier is for: a person, or an organisation with its legal representative.</summary>
public sealed class DossierApplicant
{
    public ApplicantKind Kind { get; set; }

    /// <summary>The person's full name, or the organisation's name.</summary>
    public required string Name { get; set; }

    /// <summary>
    /// <see cref="Name"/> folded for search (<see cref="SearchText.FoldName"/>): stored beside it and indexed, always derived
    /// from it — saved with a new dossier and whenever the name changes (rows saved before the column existed are filled
    /// at start-up, <see cref="Persistence.DatabaseInitialisation"/>).
    /// </summary>
    public string NameFolded
    {
        get => SearchText.FoldName(Name);
        private set { }
    }

    /// <summary>The person's 12-digit citizen ID (số định danh cá nhân).</summary>
    public string? CitizenId { get; set; }

    public DateOnly? DateOfBirth { get; set; }

    public Gender? Gender { get; set; }

    /// <summary>The person's permanent address, or the organisation's head-office address.</summary>
    public string? Address { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    /// <summary>The organisation's tax code (mã số thuế).</summary>
    public string? TaxCode { get; set; }

    /// <summary>The organisation's legal representative (người đại diện theo pháp luật).</summary>
    public string? LegalRepresentative { get; set; }
}

/// <summary>Someone who submits on the applicant's behalf (người được ủy quyền).</summary>
public sealed class DossierRepresentative
{
    public required string Name { get; set; }

    public string? CitizenId { get; set; }

    public string? Phone { get; set; }
}

public enum ApplicantKind
{
    Person = 1,
    Organisation = 2,
}

public enum Gender
{
    Male = 1,
    Female = 2,
}
