using System.Collections.Immutable;
using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>
/// Parallel gateway. Join (several incoming flows): a token waits until a token has arrived along every incoming flow;
/// the last to arrive merges one waiting token per flow (the earliest) and continues. Fork: the token leaves along every
/// outgoing flow, conditions ignored.
/// </summary>
internal sealed class ParallelGatewayBehavior : NodeBehavior<ParallelGatewayNode>
{
    protected override IReadOnlyList<NodeInstruction> Enter(ParallelGatewayNode node, NodeContext context)
    {
        if (node.Incoming.Length <= 1)
        {
            return [new TakeFlows(node.Outgoing)];
        }

        var waiting = context.Tokens
            .Where(t => t.ElementId == node.Id && t.Status == TokenStatus.Joining && t.Id != context.Token.Id)
            .ToList();
        var merged = ImmutableArray.CreateBuilder<Guid>();
        foreach (var flow in node.Incoming)
        {
            if (flow.Id == context.Token.ArrivedViaFlowId)
            {
                continue;
            }

            var arrived = waiting.FirstOrDefault(t => t.ArrivedViaFlowId == flow.Id);
            if (arrived is null)
            {
                return [new WaitForJoin()];
            }

            merged.Add(arrived.Id);
        }

        return [new MergeTokens(merged.ToImmutable()), new TakeFlows(node.Outgoing)];
    }
}
