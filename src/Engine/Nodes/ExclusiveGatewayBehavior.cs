using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>
/// Exclusive gateway: the first outgoing flow (in document order) whose condition holds, an unconditioned non-default flow
/// counting as true; else the default flow; else an incident. Several incoming flows simply pass through (no join).
/// </summary>
internal sealed class ExclusiveGatewayBehavior : NodeBehavior<ExclusiveGatewayNode>
{
    protected override IReadOnlyList<NodeInstruction> Enter(ExclusiveGatewayNode node, NodeContext context)
    {
        SequenceFlow? defaultFlow = null;
        foreach (var flow in node.Outgoing)
        {
            if (flow.Id == node.DefaultFlowId)
            {
                defaultFlow = flow;
                continue;
            }

            if (!Conditions.TryEvaluate(flow, context, out var holds, out var problem))
            {
                return [new RaiseIncident(IncidentKind.EvaluationFailed, problem)];
            }

            if (holds)
            {
                return [new TakeFlows([flow])];
            }
        }

        return defaultFlow is not null
            ? [new TakeFlows([defaultFlow])]
            : [new RaiseIncident(IncidentKind.NoMatchingFlow, $"No condition of gateway '{node.DisplayName}' holds and it has no default flow. Set the variables the conditions read, then retry.")];
    }
}
