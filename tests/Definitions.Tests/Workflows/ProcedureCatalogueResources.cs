using DossierWorkflow.Definitions.Catalogue;

namespace DossierWorkflow.Definitions.Tests.Workflows;

internal static class ProcedureCatalogueResources
{
    /// <summary>The embedded procedure folders, named "&lt;code&gt;-&lt;key&gt;".</summary>
    public static IReadOnlyList<string> Folders { get; } = [.. ProcedureCatalogue.EmbeddedFolders(typeof(ProcedureCatalogue).Assembly)];
}
