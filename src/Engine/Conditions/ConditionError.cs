namespace DossierWorkflow.Engine.Conditions;

/// <summary>
/// Why a condition could not be parsed: the 1-based <see cref="Column"/> in the expression as written, a stable
/// <see cref="Code"/> and a message in the current UI language saying what was expected.
/// </summary>
public sealed record ConditionError(int Column, string Code, string Message)
{
    public override string ToString() => Message;
}

/// <summary>Raised inside the parser to unwind; never escapes <see cref="ConditionExpression.Parse"/>.</summary>
internal sealed class ConditionSyntaxException(ConditionError error) : Exception(error.Message)
{
    public ConditionError Error { get; } = error;
}
