using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>
/// The body of a multi-instance activity (a user task or a sub-process with a <see cref="MultiInstanceLoop"/>): entering it
/// reads the collection (or the count), arms the activity's boundary events once, and asks the runner to start the
/// instances; each instance then runs the activity's own behaviour. When the loop is done (every instance ended, or the
/// completion condition held) the body leaves along the activity's outgoing flows; with no element at all it leaves at once.
/// </summary>
internal sealed class MultiInstanceBodyBehavior : INodeBehavior
{
    public IReadOnlyList<NodeInstruction> Enter(NodeContext context)
    {
        var node = context.Node;
        if (!TryReadItems(node.Loop!, context.Variables, out var items, out var problem))
        {
            return [new RaiseIncident(IncidentKind.EvaluationFailed, $"'{node.DisplayName}': {problem}")];
        }

        return [new StartLoop(items), .. ActivityExits.ArmBoundaryEvents(node, context)];
    }

    public IReadOnlyList<NodeInstruction> Resume(NodeContext context, ResumeSignal signal) =>
        signal is ScopeCompletedSignal
            ? ActivityExits.Leave(context.Node, context)
            : throw new InvalidOperationException($"The multi-instance body of '{context.Node.Id}' cannot be resumed by {signal}.");

    /// <summary>
    /// The elements the loop runs over: those of the list variable, or as many nulls as the cardinality says. A missing
    /// variable is an empty list; anything else that is not a list, or a list longer than the limit, is a problem.
    /// </summary>
    public static bool TryReadItems(MultiInstanceLoop loop, JsonObject variables, out ImmutableArray<JsonNode?> items, out string problem)
    {
        items = [];
        problem = "";
        if (loop.Collection is { } path)
        {
            switch (VariablePath.Read(variables, path))
            {
                case null:
                    return true;
                case JsonArray array when array.Count <= MultiInstanceLoop.MaxInstances:
                    items = [.. array.Select(e => e?.DeepClone())];
                    return true;
                case JsonArray array:
                    problem = $"the list '{path}' has {array.Count} elements, more than the {MultiInstanceLoop.MaxInstances} instances allowed.";
                    return false;
                default:
                    problem = $"the variable '{path}' the activity runs over is not a list.";
                    return false;
            }
        }

        var cardinality = loop.Cardinality!;
        int count;
        if (!int.TryParse(cardinality, NumberStyles.None, CultureInfo.InvariantCulture, out count))
        {
            var value = VariablePath.Read(variables, cardinality);
            if (value is not JsonValue number || number.GetValueKind() != JsonValueKind.Number || !number.TryGetValue(out count))
            {
                problem = $"the number of instances '{cardinality}' is not a whole number.";
                return false;
            }
        }

        if (count is < 0 or > MultiInstanceLoop.MaxInstances)
        {
            problem = $"the number of instances {count} is not between 0 and {MultiInstanceLoop.MaxInstances}.";
            return false;
        }

        items = [.. Enumerable.Repeat<JsonNode?>(null, count)];
        return true;
    }
}
