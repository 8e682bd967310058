using DossierWorkflow.Engine.Definitions.Bpmn;
using static DossierWorkflow.Engine.Definitions.DefinitionProblemCodes;
using static DossierWorkflow.Engine.Definitions.Validation.BpmnElementTypes;

namespace DossierWorkflow.Engine.Definitions.Validation;

/// <summary>
/// A gateway routing on <c>outcome</c> right after user tasks must test outcomes those tasks offer, otherwise
/// the branch is dead and the officers' buttons lead nowhere.
/// </summary>
internal static class OutcomeRules
{
    public const string OutcomeVariable = "outcome";

    public static void Check(ValidationContext context)
    {
        foreach (var (flowId, condition) in context.Conditions.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var tested = condition.StringsComparedWith(OutcomeVariable);
            var flow = context.WiredFlows.FirstOrDefault(f => f.Id == flowId);
            if (tested.Count == 0 || flow is null || UpstreamUserTasks(context, flow.SourceRef!) is not { Count: > 0 } tasks)
            {
                continue;
            }

            foreach (var outcome in tested)
            {
                if (!tasks.Any(t => context.Outcomes.GetValueOrDefault(t.Id!) is { IsDefault: false } offered && offered.Contains(outcome)))
                {
                    var offeredByTask = string.Join("; ", tasks.Select(t => $"{t.Id}: {Offered(context, t)}"));
                    context.Report(flowId, OutcomeNotOffered, outcome, string.Join(", ", tasks.Select(t => t.Id)), offeredByTask);
                }
            }
        }
    }

    private static string Offered(ValidationContext context, BpmnFlowNode task) =>
        context.Outcomes.GetValueOrDefault(task.Id!) is { IsDefaultOrEmpty: false } outcomes ? string.Join(",", outcomes) : "-";

    /// <summary>
    /// The user tasks whose completion sets <c>outcome</c> for a gateway: found by walking back through gateways
    /// only. When anything else (a service task, an event) could also arrive, nothing is returned, since such a
    /// step may set the variable itself.
    /// </summary>
    private static List<BpmnFlowNode>? UpstreamUserTasks(ValidationContext context, string gatewayId)
    {
        var tasks = new List<BpmnFlowNode>();
        var visited = new HashSet<string>(StringComparer.Ordinal) { gatewayId };
        var pending = new Queue<string>([gatewayId]);
        while (pending.TryDequeue(out var id))
        {
            foreach (var flow in context.Incoming[id])
            {
                var source = context.Nodes[flow.SourceRef!];
                if (source.ElementType == UserTask)
                {
                    if (!tasks.Contains(source))
                    {
                        tasks.Add(source);
                    }
                }
                else if (IsGateway(source.ElementType))
                {
                    if (visited.Add(source.Id!))
                    {
                        pending.Enqueue(source.Id!);
                    }
                }
                else
                {
                    return null;
                }
            }
        }

        return tasks;
    }
}
