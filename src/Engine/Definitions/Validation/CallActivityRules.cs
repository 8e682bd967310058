using System.Collections.Immutable;
using System.Globalization;
using DossierWorkflow.Engine.Conditions;
using DossierWorkflow.Engine.Definitions.Bpmn;
using DossierWorkflow.Engine.Graph;
using static DossierWorkflow.Engine.Definitions.DefinitionProblemCodes;

namespace DossierWorkflow.Engine.Definitions.Validation;

/// <summary>
/// A call activity starts another definition by its key (<c>calledElement</c>): its latest version, or the one
/// <c>dw:version</c> pins. <c>dw:inputs</c> says which variables the called instance starts with (all of them when absent),
/// <c>dw:outputs</c> which of its variables come back when it ends (none when absent); each a comma-separated list of
/// <c>name</c> or <c>target=source</c>.
/// </summary>
internal static class CallActivityRules
{
    public static void Check(ValidationContext context, BpmnFlowNode node)
    {
        var id = node.Id!;
        var ok = true;
        var called = node.CalledElement?.Trim();
        if (string.IsNullOrEmpty(called))
        {
            context.ReportVariant(id, CallActivityInvalid, "no-called-element");
            ok = false;
        }
        else if (called == context.ProcessId)
        {
            context.ReportVariant(id, CallActivityInvalid, "calls-itself", called);
            ok = false;
        }

        int? version = null;
        if (node.Extensions.GetValueOrDefault("version") is { } pinned)
        {
            if (int.TryParse(pinned.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0)
            {
                version = number;
            }
            else
            {
                context.ReportVariant(id, CallActivityInvalid, "version", pinned);
                ok = false;
            }
        }

        var inputs = ReadMappings(context, id, node.Extensions.GetValueOrDefault("inputs"), "inputs", ref ok);
        var outputs = ReadMappings(context, id, node.Extensions.GetValueOrDefault("outputs"), "outputs", ref ok);
        if (ok)
        {
            context.Calls[id] = new CalledDefinition(called!, version, inputs, outputs ?? []);
        }
    }

    /// <summary>A mapping list; null when the attribute is absent.</summary>
    private static ImmutableArray<VariableMapping>? ReadMappings(ValidationContext context, string id, string? text, string attribute, ref bool ok)
    {
        if (text is null)
        {
            return null;
        }

        var mappings = ImmutableArray.CreateBuilder<VariableMapping>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var sides = part.Split('=', StringSplitOptions.TrimEntries);
            var target = sides[0];
            var source = sides.Length == 2 ? sides[1] : sides[0];
            if (sides.Length > 2 || !ConditionExpression.IsVariableName(target) || !ConditionExpression.IsVariablePath(source))
            {
                context.ReportVariant(id, CallActivityInvalid, "mapping", attribute, part);
                ok = false;
                continue;
            }

            mappings.Add(new VariableMapping(target, source));
        }

        return mappings.ToImmutable();
    }
}
