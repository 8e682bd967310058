using System.Runtime.CompilerServices;
using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>
/// Inclusive gateway. Fork: every outgoing flow whose condition holds (unconditioned non-default flows count as true),
/// else the default flow, else an incident. Join (several incoming flows): a token waits at the gateway while any other
/// token of the instance stands on an element from which the gateway can still be reached; when none does, the tokens
/// waiting here merge and continue. The runner re-checks waiting inclusive joins whenever a command has moved every
/// token as far as it goes, so a branch that ends elsewhere releases the join too. The upstream set of each join is
/// computed once per compiled graph.
/// </summary>
internal sealed class InclusiveGatewayBehavior : NodeBehavior<InclusiveGatewayNode>
{
    private static readonly ConditionalWeakTable<InclusiveGatewayNode, HashSet<string>> Upstream = [];

    /// <summary>Whether a token waiting at <paramref name="join"/> may go on: no other token can still reach it.</summary>
    public static bool CanJoin(InclusiveGatewayNode join, IReadOnlyList<TokenView> tokens, Func<string, ExecutableNode> nodes)
    {
        var upstream = Upstream.GetValue(join, j => ElementsReaching(j, nodes));
        return !tokens.Any(t => t.ElementId != join.Id && upstream.Contains(t.ElementId));
    }

    protected override IReadOnlyList<NodeInstruction> Enter(InclusiveGatewayNode node, NodeContext context)
    {
        if (node.Incoming.Length > 1)
        {
            if (!CanJoin(node, context.Tokens, context.NodeById))
            {
                return [new WaitForJoin()];
            }

            var waiting = context.Tokens.Where(t => t.ElementId == node.Id && t.Id != context.Token.Id).Select(t => t.Id);
            return [new MergeTokens([.. waiting]), .. Fork(node, context)];
        }

        return Fork(node, context);
    }

    private static IReadOnlyList<NodeInstruction> Fork(InclusiveGatewayNode node, NodeContext context)
    {
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

    /// <summary>Every element with a path to <paramref name="join"/> (backwards along flows; a boundary event leads back to its activity).</summary>
    private static HashSet<string> ElementsReaching(InclusiveGatewayNode join, Func<string, ExecutableNode> nodes)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(join.Incoming.Select(f => f.SourceId));
        while (pending.TryPop(out var id))
        {
            if (!found.Add(id))
            {
                continue;
            }

            var node = nodes(id);
            foreach (var flow in node.Incoming)
            {
                pending.Push(flow.SourceId);
            }

            if (node is BoundaryEventNode boundary)
            {
                pending.Push(boundary.AttachedToId);
            }
        }

        // A token waiting at the join itself is not "upstream" unless the join sits in a loop; it is handled as waiting.
        found.Remove(join.Id);
        return found;
    }
}
