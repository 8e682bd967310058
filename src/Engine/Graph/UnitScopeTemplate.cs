using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DossierWorkflow.Engine.Graph;

/// <summary>
/// A user task's <c>dw:unitScope</c> may name variables in braces (<c>department:{department}</c>), filled in when the task
/// is created, so that each instance of a multi-instance step goes to the unit of its own element.
/// </summary>
public static partial class UnitScopeTemplate
{
    [GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial Regex Placeholder();

    /// <summary>The variable paths the scope names (empty when it names none).</summary>
    public static IReadOnlyList<string> Placeholders(string scope) =>
        [.. Placeholder().Matches(scope).Select(m => m.Groups[1].Value.Trim())];

    /// <summary>Whether every brace in <paramref name="scope"/> is part of one placeholder.</summary>
    public static bool IsBalanced(string scope) => !Placeholder().Replace(scope, "").AsSpan().ContainsAny('{', '}');

    /// <summary>The scope with each placeholder replaced by its variable's text (empty when the variable is missing).</summary>
    public static string? Fill(string? scope, JsonObject variables)
    {
        if (scope is null || !scope.Contains('{', StringComparison.Ordinal))
        {
            return scope;
        }

        return Placeholder().Replace(scope, match => VariablePath.Read(variables, match.Groups[1].Value.Trim()) switch
        {
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            null => "",
            var other => other.ToJsonString(),
        });
    }
}
