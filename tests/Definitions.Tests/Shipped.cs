using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Definitions.Metadata;

namespace DossierWorkflow.Definitions.Tests;

/// <summary>The embedded catalogue, loaded once for the whole run (it is immutable), and its procedure codes for theories.</summary>
internal static class Shipped
{
    private static readonly Lazy<ProcedureCatalogue> Lazy = new(ProcedureCatalogue.LoadEmbedded);

    public static ProcedureCatalogue Catalogue => Lazy.Value;

    public static DateOnly Today { get; } = new(2026, 11, 22);

    public static Procedure Procedure(string code) =>
        Catalogue.FindByCode(code) ?? throw new InvalidOperationException($"Procedure {code} is not in the catalogue.");

    public static TheoryData<string> Codes => [.. Catalogue.Procedures.Select(p => p.Code)];
}
