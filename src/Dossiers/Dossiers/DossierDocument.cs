using DossierWorkflow.Definitions.Metadata;

namespace DossierWorkflow.Dossiers.Dossiers;

/// <summary>
/// One line of the procedure version's document list as checked at reception: whether it was provided, in which form and
/// how many. The name and requirement are copied from the version in force at receipt, so later catalogue changes never
/// change a received dossier.
/// </summary>
public sealed class DossierDocument
{
    public Guid Id { get; set; }

    public Guid DossierId { get; set; }

    /// <summary>The line's place in the procedure's list (0-based).</summary>
    public int Position { get; set; }

    public required string Name { get; set; }

    public DocumentRequirement Requirement { get; set; }

    public bool Provided { get; set; }

    public DocumentForm Form { get; set; }

    public int Count { get; set; }
}
