using System.Text.Json;
using System.Text.Json.Nodes;
using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Testing;

/// <summary>A condition backed by a delegate, standing in for the real expression parser.</summary>
public sealed class TestCondition(string source, Func<JsonObject, bool> evaluate, params string[] variables) : CompiledCondition(source)
{
    public override IReadOnlyCollection<string> Variables { get; } = variables;

    public override bool Evaluate(JsonObject variables) => evaluate(variables);

    /// <summary><c>name == "value"</c> on a string variable.</summary>
    public static TestCondition Is(string name, string value) =>
        new($"{name} == \"{value}\"", v => v[name] is JsonValue j && j.GetValueKind() == JsonValueKind.String && j.GetValue<string>() == value, name);

    /// <summary><c>name</c> is true.</summary>
    public static TestCondition IsTrue(string name) =>
        new(name, v => v[name] is JsonValue j && j.GetValueKind() == JsonValueKind.True, name);

    /// <summary>A condition whose evaluation throws, as a broken expression would.</summary>
    public static TestCondition Throws(string message) => new("broken", _ => throw new InvalidOperationException(message));
}
