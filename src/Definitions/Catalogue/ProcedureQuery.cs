using DossierWorkflow.Definitions.Metadata;

namespace DossierWorkflow.Definitions.Catalogue;

/// <summary>
/// A catalogue search: every given criterion must hold for the metadata version in force <see cref="On"/>.
/// <see cref="Keywords"/> ignore case and Vietnamese diacritics; every word must match.
/// </summary>
public sealed record ProcedureQuery
{
    public required DateOnly On { get; init; }

    public string? Keywords { get; init; }

    /// <summary>Sector name, compared like keywords ("Hộ tịch", "ho tich").</summary>
    public string? Sector { get; init; }

    public OnlineServiceLevel? OnlineLevel { get; init; }

    public UnitLevel? ImplementingLevel { get; init; }
}

/// <summary>One search hit: the procedure, the version the criteria were checked against, and its rank (higher first).</summary>
public sealed record ProcedureMatch(Procedure Procedure, ProcedureVersion Version, int Score)
{
    /// <summary>
    /// The keywords were found only in the procedure's notes, documents or legal basis — not in its name, code, sector or
    /// result: a mention ("bản sao có chứng thực" among a marriage registration's documents), shown apart from the
    /// procedures the words name.
    /// </summary>
    public bool IsMention => Score > 0 && Score < ProcedureCatalogue.FieldRank;
}
