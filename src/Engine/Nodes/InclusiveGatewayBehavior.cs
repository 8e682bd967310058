using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>
/// Inclusive gateway. Fork: every outgoing flow whose condition holds (unconditioned non-default flows count as true),
/// else the default flow, else an incident. Join (several incoming flows) is not supported at run time: deciding when no
/// further token can still arrive needs an upstream reachability analysis the engine does not do yet, so a token reaching
/// an inclusive join raises an <see cref="IncidentKind.Unsupported"/> incident naming the gateway (model the join with a
/// parallel or exclusive gateway instead).
/// </summary>
internal sealed class InclusiveGatewayBehavior : NodeBehavior<InclusiveGatewayNode>
{
    protected override IReadOnlyList<NodeInstruction> Enter(InclusiveGatewayNode node, NodeContext context)
    {
        if (node.Incoming.Length > 1)
        {
            return [new RaiseIncident(IncidentKind.Unsupported, $"Inclusive gateway '{node.DisplayName}' joins {node.Incoming.Length} flows; inclusive joins are not supported. Use a parallel gateway (all branches) or an exclusive gateway (any branch) to join.")];
        }

        var candidates = node.Outgoing.Where(f => f.Id != node.DefaultFlowId);
        if (!Conditions.TrySelect(candidates, context, out var selected, out var problem))
        {
            return [new RaiseIncident(IncidentKind.EvaluationFailed, problem)];
        }

        if (!selected.IsEmpty)
        {
            return [new TakeFlows(selected)];
        }

        var defaultFlow = node.Outgoing.FirstOrDefault(f => f.Id == node.DefaultFlowId);
        return defaultFlow is not null
            ? [new TakeFlows([defaultFlow])]
            : [new RaiseIncident(IncidentKind.NoMatchingFlow, $"No condition of gateway '{node.DisplayName}' holds and it has no default flow. Set the variables the conditions read, then retry.")];
    }
}
