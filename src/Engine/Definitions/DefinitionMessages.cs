namespace DossierWorkflow.Engine.Definitions;

/// <summary>
/// The messages of definition problems (<c>DefinitionMessages.resx</c>, <c>DefinitionMessages.vi.resx</c>). A key is a
/// problem code, or <c>code.variant</c> when one code has several explanations.
/// </summary>
internal static class DefinitionMessages
{
    public static readonly LocalizedText Text = new("DossierWorkflow.Engine.Definitions.DefinitionMessages");

    public static string Format(string key, params object?[] args) => Text.Format(key, args);

    /// <summary>
    /// A problem of <paramref name="elementId"/>, its message on one line: what it echoes from the file (a condition
    /// written over several lines, a name) has its line breaks and the indentation after them made single spaces, so that
    /// a list of problems keeps one line per problem, each naming its element.
    /// </summary>
    public static DefinitionProblem Problem(string elementId, string code, string? variant, params object?[] args) =>
        new(elementId, code, Text.Format(variant is null ? code : $"{code}.{variant}", [.. args.Select(a => a is string text ? OneLine(text) : a)]));

    private static string OneLine(string text) =>
        text.AsSpan().ContainsAny('\r', '\n') ? string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) : text;
}
