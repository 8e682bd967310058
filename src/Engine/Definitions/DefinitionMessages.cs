namespace DossierWorkflow.Engine.Definitions;

/// <summary>
/// The messages of definition problems (<c>DefinitionMessages.resx</c>, <c>DefinitionMessages.vi.resx</c>). A key is a
/// problem code, or <c>code.variant</c> when one code has several explanations.
/// </summary>
internal static class DefinitionMessages
{
    public static readonly LocalizedText Text = new("DossierWorkflow.Engine.Definitions.DefinitionMessages");

    public static string Format(string key, params object?[] args) => Text.Format(key, args);

    public static DefinitionProblem Problem(string elementId, string code, string? variant, params object?[] args) =>
        new(elementId, code, Text.Format(variant is null ? code : $"{code}.{variant}", args));
}
