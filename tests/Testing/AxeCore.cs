using System.Reflection;

namespace DossierWorkflow.Testing;

/// <summary>axe-core, the accessibility checker the browser tests run in each page (installed by this project's npm packages).</summary>
public static class AxeCore
{
    /// <summary>The minified script, which defines <c>window.axe</c>.</summary>
    public static string ScriptPath { get; } = typeof(AxeCore).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AxeCoreScript").Value!;
}
