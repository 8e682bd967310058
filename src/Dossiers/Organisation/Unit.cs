namespace DossierWorkflow.Dossiers.Organisation;

/// <summary>
/// A unit of the organisation tree: a province, a commune (xã/phường), a department of either, or — for records from
/// before 1 July 2025 only — a district. The levels are data, never hard-coded: any unit may have child units.
/// </summary>
public sealed class Unit
{
    public int Id { get; set; }

    /// <summary>Short stable code, unique, used in configuration and in <c>dw:unitScope</c> (e.g. <c>HN.HOANKIEM.VP</c>).</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public UnitKind Kind { get; set; }

    public int? ParentId { get; set; }

    public Unit? Parent { get; set; }

    public List<Unit> Children { get; } = [];

    /// <summary>The agency code printed in the dossier codes of dossiers this unit receives (e.g. <c>000.00.25.H12</c>); null when it receives none.</summary>
    public string? AgencyCode { get; set; }

    /// <summary>False for units that no longer exist (e.g. abolished districts) but are still named by historic dossiers.</summary>
    public bool IsActive { get; set; } = true;
}

public enum UnitKind
{
    Province = 1,

    /// <summary>Abolished on 1 July 2025; kept for historic records.</summary>
    District = 2,
    Commune = 3,
    Department = 4,
}
