namespace DossierWorkflow.Definitions.Metadata;

/// <summary>A procedure.json that cannot be used; the message names the file and every faulty field.</summary>
public sealed class ProcedureMetadataException(string fileName, IReadOnlyList<string> problems)
    : Exception($"Procedure metadata '{fileName}' is invalid:{Environment.NewLine}" + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
{
    public string FileName { get; } = fileName;

    /// <summary>Each problem as "field path: what is wrong", e.g. "$.versions[0].fee.pageTiers: required when chargedPer is page".</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
