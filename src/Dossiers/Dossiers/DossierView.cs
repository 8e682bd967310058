namespace DossierWorkflow.Dossiers.Dossiers;

/// <summary>
/// An officer opened a dossier's page (Decree 13/2023: every read of personal data is attributable). Written on every
/// view, never changed; administrators list them per dossier.
/// </summary>
public sealed class DossierView
{
    public Guid Id { get; set; }

    public Guid DossierId { get; set; }

    /// <summary>The officer's user name.</summary>
    public required string Officer { get; set; }

    public DateTimeOffset ViewedAt { get; set; }
}
