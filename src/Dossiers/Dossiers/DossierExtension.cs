namespace DossierWorkflow.Dossiers.Dossiers;

/// <summary>
/// An extension of a late dossier's appointment, with the apology to the applicant (form 04): proposed by the specialist
/// (how many working days, and why), then approved or rejected by a leader. A dossier is extended at most once.
/// </summary>
public sealed class DossierExtension
{
    public Guid Id { get; set; }

    public Guid DossierId { get; set; }

    /// <summary>Working days added to the appointment in force.</summary>
    public int WorkingDays { get; set; }

    /// <summary>Why the dossier is late, as printed on form 04.</summary>
    public required string Reason { get; set; }

    public required string ProposedBy { get; set; }

    public DateTimeOffset ProposedAt { get; set; }

    public ExtensionStatus Status { get; set; } = ExtensionStatus.Proposed;

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The leader's comment (why rejected, typically).</summary>
    public string? DecisionComment { get; set; }
}

public enum ExtensionStatus
{
    Proposed = 1,
    Approved = 2,
    Rejected = 3,
}
