namespace DossierWorkflow.Engine.Tests.Definitions;

/// <summary>The BPMN files beside the tests (copied to the output folder).</summary>
internal static class DefinitionFolder
{
    public static readonly string[] RegisteredHandlers = ["notify", "issue-form", "post"];

    public static string PathOf(string folder, string fileName) => Path.Combine(AppContext.BaseDirectory, "Definitions", folder, fileName);

    public static string Read(string folder, string fileName) => File.ReadAllText(PathOf(folder, fileName));

    public static TheoryData<string> FileNames(string folder) =>
        new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Definitions", folder), "*.bpmn").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);
}
