using DossierWorkflow.Engine.Definitions;

namespace DossierWorkflow.Engine.Conditions;

internal static class ConditionMessages
{
    public static readonly LocalizedText Text = new("DossierWorkflow.Engine.Conditions.ConditionMessages");

    /// <summary>An error whose message template takes the column as {0} and <paramref name="args"/> from {1}.</summary>
    public static ConditionSyntaxException Error(int column, string code, params object[] args) =>
        new(new ConditionError(column, code, Text.Format(code, [column, .. args])));
}
