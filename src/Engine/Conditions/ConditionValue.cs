using System.Text.Json;
using System.Text.Json.Nodes;

namespace DossierWorkflow.Engine.Conditions;

internal enum ValueKind
{
    Null,
    Boolean,
    Number,
    String,
    Structured,
}

/// <summary>
/// A value seen by the condition language. Numbers are doubles (reading the same decimal text twice always compares
/// equal; arithmetic follows double rules, as counts and whole amounts need); objects and arrays are
/// <see cref="ValueKind.Structured"/>.
/// </summary>
internal readonly record struct ConditionValue(ValueKind Kind, bool Boolean = false, double Number = 0, string? Text = null, JsonNode? Node = null)
{
    public static readonly ConditionValue Null = new(ValueKind.Null);
    public static readonly ConditionValue True = new(ValueKind.Boolean, Boolean: true);
    public static readonly ConditionValue False = new(ValueKind.Boolean, Boolean: false);

    public static ConditionValue Of(bool value) => value ? True : False;

    public static ConditionValue Of(double value) => new(ValueKind.Number, Number: value);

    public static ConditionValue Of(string value) => new(ValueKind.String, Text: value);

    /// <summary>Only the boolean <c>true</c> is true: a missing variable, a string or a number is not.</summary>
    public bool IsTrue => Kind == ValueKind.Boolean && Boolean;

    public static ConditionValue FromJson(JsonNode? node)
    {
        if (node is null)
        {
            return Null;
        }

        switch (node.GetValueKind())
        {
            case JsonValueKind.True:
                return True;
            case JsonValueKind.False:
                return False;
            case JsonValueKind.Number:
                return double.TryParse(node.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
                    ? Of(number)
                    : Null;
            case JsonValueKind.String:
                return node is JsonValue value && value.TryGetValue<string>(out var text)
                    ? Of(text)
                    : Of(JsonSerializer.Deserialize<string>(node.ToJsonString()) ?? "");
            case JsonValueKind.Object:
            case JsonValueKind.Array:
                return new ConditionValue(ValueKind.Structured, Node: node);
            default:
                return Null;
        }
    }

    /// <summary>Equality that never throws: values of different kinds are simply not equal.</summary>
    public static bool AreEqual(ConditionValue left, ConditionValue right) => (left.Kind, right.Kind) switch
    {
        (ValueKind.Null, ValueKind.Null) => true,
        (ValueKind.Boolean, ValueKind.Boolean) => left.Boolean == right.Boolean,
        (ValueKind.Number, ValueKind.Number) => left.Number == right.Number,
        (ValueKind.String, ValueKind.String) => string.Equals(left.Text, right.Text, StringComparison.Ordinal),
        (ValueKind.Structured, ValueKind.Structured) => JsonNode.DeepEquals(left.Node, right.Node),
        _ => false,
    };

    /// <summary>Ordering of two numbers or two strings (ordinal, so ISO dates order correctly); null for anything else.</summary>
    public static int? Compare(ConditionValue left, ConditionValue right) => (left.Kind, right.Kind) switch
    {
        (ValueKind.Number, ValueKind.Number) => left.Number.CompareTo(right.Number),
        (ValueKind.String, ValueKind.String) => string.CompareOrdinal(left.Text, right.Text),
        _ => null,
    };
}
