using System.Globalization;
using DossierWorkflow.Engine.Conditions;
using DossierWorkflow.Engine.Definitions.Bpmn;
using DossierWorkflow.Engine.Graph;
using static DossierWorkflow.Engine.Definitions.DefinitionProblemCodes;
using static DossierWorkflow.Engine.Definitions.Validation.BpmnElementTypes;

namespace DossierWorkflow.Engine.Definitions.Validation;

/// <summary>
/// A multi-instance marker: on a user task or an embedded sub-process, over a list variable (<c>dw:collection</c>) or a
/// number of times (<c>loopCardinality</c>), with an optional element variable, completion condition (in our condition
/// language) and output (<c>dw:outputElement</c> collected into <c>dw:outputCollection</c>). A standard loop is refused.
/// </summary>
internal static class MultiInstanceRules
{
    private const string MultiInstance = "multiInstanceLoopCharacteristics";

    public static void Check(ValidationContext context, BpmnFlowNode node, BpmnLoop loop)
    {
        var id = node.Id!;
        if (loop.Kind != MultiInstance)
        {
            context.ReportVariant(id, UnsupportedElement, "loop", loop.Kind);
            return;
        }

        if (!MultiInstanceActivities.Contains(node.ElementType) || node.TriggeredByEvent)
        {
            context.ReportVariant(id, MultiInstanceInvalid, "placement", node.ElementType);
            return;
        }

        var ok = true;
        var collection = Optional(loop.Extensions, "collection");
        var cardinality = loop.LoopCardinality is { Length: > 0 } text ? Unwrap(text) : null;
        if ((collection is null) == (cardinality is null))
        {
            context.ReportVariant(id, MultiInstanceInvalid, collection is null ? "no-source" : "both-sources");
            ok = false;
        }
        else if (collection is not null && !ConditionExpression.IsVariablePath(collection))
        {
            context.ReportVariant(id, MultiInstanceInvalid, "collection", collection);
            ok = false;
        }
        else if (cardinality is not null && !IsCardinality(cardinality))
        {
            context.ReportVariant(id, MultiInstanceInvalid, "cardinality", cardinality);
            ok = false;
        }

        var element = Optional(loop.Extensions, "elementVariable");
        if (element is not null && !ConditionExpression.IsVariableName(element))
        {
            context.ReportVariant(id, MultiInstanceInvalid, "element-variable", element);
            ok = false;
        }

        var outputElement = Optional(loop.Extensions, "outputElement");
        var outputCollection = Optional(loop.Extensions, "outputCollection");
        if ((outputElement is null) != (outputCollection is null)
            || (outputElement is not null && !ConditionExpression.IsVariablePath(outputElement))
            || (outputCollection is not null && !ConditionExpression.IsVariableName(outputCollection)))
        {
            context.ReportVariant(id, MultiInstanceInvalid, "output", outputElement ?? "-", outputCollection ?? "-");
            ok = false;
        }

        CompiledCondition? completion = null;
        if (loop.CompletionCondition is { } condition && !string.IsNullOrWhiteSpace(condition.Text))
        {
            if (!string.IsNullOrWhiteSpace(condition.Language))
            {
                context.Report(id, ConditionLanguageUnsupported, condition.Language);
                ok = false;
            }
            else if (ConditionExpression.Parse(condition.Text) is { Expression: { } parsed })
            {
                completion = parsed;
            }
            else
            {
                context.ReportVariant(id, MultiInstanceInvalid, "completion", ConditionExpression.Parse(condition.Text).Error!.Message, condition.Text.Trim());
                ok = false;
            }
        }

        if (ok)
        {
            context.Loops[id] = new MultiInstanceLoop(loop.IsSequential, collection, cardinality, element, completion, outputElement, outputCollection);
        }
    }

    /// <summary>A count: a whole number (up to the limit), or a variable holding one.</summary>
    private static bool IsCardinality(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count <= MultiInstanceLoop.MaxInstances
            : ConditionExpression.IsVariablePath(text);

    /// <summary>A Camunda-style <c>${…}</c> around a cardinality is accepted, as around conditions.</summary>
    private static string Unwrap(string text) =>
        text.StartsWith("${", StringComparison.Ordinal) && text.EndsWith('}') ? text[2..^1].Trim() : text.Trim();

    private static string? Optional(IReadOnlyDictionary<string, string> extensions, string name) =>
        extensions.GetValueOrDefault(name)?.Trim() is { Length: > 0 } value ? value : null;
}
