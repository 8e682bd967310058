using DossierWorkflow.Engine.Definitions.Bpmn;
using static DossierWorkflow.Engine.Definitions.DefinitionProblemCodes;
using static DossierWorkflow.Engine.Definitions.Validation.BpmnElementTypes;

namespace DossierWorkflow.Engine.Definitions.Validation;

/// <summary>Gateways that could leave a dossier stuck: no flow taken at a split, or a join waiting forever.</summary>
internal static class GatewayRules
{
    /// <summary>
    /// An exclusive or inclusive split must always take a flow: every outgoing flow needs a condition except the
    /// default one, and when all are conditioned there must be a default.
    /// </summary>
    public static void CheckSplits(ValidationContext context)
    {
        foreach (var gateway in context.Nodes.Values.Where(n => IsConditionalGateway(n.ElementType)))
        {
            var outgoing = context.Outgoing[gateway.Id!].ToList();
            var defaultId = gateway.DefaultFlowRef;
            var hasValidDefault = false;
            if (defaultId is not null)
            {
                var defaultFlow = outgoing.FirstOrDefault(f => f.Id == defaultId);
                if (defaultFlow is null)
                {
                    context.Report(gateway.Id!, DefaultFlowNotOutgoing, defaultId);
                }
                else if (defaultFlow.Condition is not null)
                {
                    context.Report(defaultId, DefaultFlowConditioned, gateway.Id);
                }
                else
                {
                    hasValidDefault = true;
                }
            }

            if (outgoing.Count >= 2)
            {
                foreach (var flow in outgoing.Where(f => f.Condition is null && f.Id != defaultId))
                {
                    context.Report(flow.Id!, GatewayUnconditionedFlow, gateway.Id);
                }
            }

            if (outgoing.Count > 0 && outgoing.All(f => f.Condition is not null) && !hasValidDefault && defaultId is null)
            {
                context.Report(gateway.Id!, GatewayWithoutDefault);
            }
        }
    }

    /// <summary>
    /// An event-based gateway waits for the events its flows lead to: at least two flows, each to a timer or message catch
    /// event that nothing else leads to (the event is only waited for through the gateway). A condition on one of its
    /// flows is reported as on any flow that no gateway evaluates.
    /// </summary>
    public static void CheckEventGateways(ValidationContext context)
    {
        foreach (var gateway in context.Nodes.Values.Where(n => n.ElementType == EventBasedGateway))
        {
            var outgoing = context.Outgoing[gateway.Id!].ToList();
            if (outgoing.Count < 2)
            {
                context.ReportVariant(gateway.Id!, EventGatewayFlows, "too-few");
            }

            foreach (var flow in outgoing)
            {
                if (flow.TargetRef is not { } target || !context.Nodes.TryGetValue(target, out var node))
                {
                    continue;
                }

                if (node.ElementType != IntermediateCatchEvent)
                {
                    context.ReportVariant(flow.Id!, EventGatewayTarget, "not-event", gateway.Id, node.ElementType);
                }
                else if (context.Incoming[target].Count() > 1)
                {
                    context.ReportVariant(target, EventGatewayTarget, "other-incoming", gateway.Id);
                }
            }
        }
    }

    /// <summary>
    /// A parallel join waits for a token on every incoming flow. It can never complete when two of those flows
    /// come from alternatives of which only one is ever taken.
    /// </summary>
    /// <remarks>
    /// The check is structural and deliberately simple, so it never rejects a sound model: each incoming flow is
    /// followed backwards through plain steps (one way in, one way out, no boundary event) to the node where its
    /// branch begins. Two branches that begin at different flows of the same exclusive gateway, or at an
    /// interrupting boundary event and the normal exit of its activity, exclude each other. It does not see
    /// alternatives hidden behind further gateways (e.g. an exclusive split whose branches fork again before the
    /// join), nor inclusive splits whose conditions may or may not all hold; the runtime's stuck-token incident
    /// covers those. It assumes a split runs once per token arriving at the join, which is how our procedures
    /// are drawn: a model relying on several passes through one exclusive gateway to fill a join is rejected.
    /// </remarks>
    public static void CheckParallelJoins(ValidationContext context)
    {
        foreach (var join in context.Nodes.Values.Where(n => n.ElementType == ParallelGateway))
        {
            var origins = context.Incoming[join.Id!].Select(f => BranchOrigin(context, f)).OfType<(BpmnFlowNode Node, string FlowId)>().ToList();
            var exclusive = origins
                .Where(o => o.Node.ElementType == ExclusiveGateway)
                .GroupBy(o => o.Node.Id!, StringComparer.Ordinal)
                .FirstOrDefault(g => g.Select(o => o.FlowId).Distinct(StringComparer.Ordinal).Count() > 1);
            if (exclusive is not null)
            {
                context.ReportVariant(join.Id!, ParallelJoinNeverCompletes, "exclusive", exclusive.Key);
                continue;
            }

            var interrupting = origins.FirstOrDefault(o =>
                o.Node.ElementType == BoundaryEvent && o.Node.CancelActivity
                && origins.Any(other => other.Node.Id == o.Node.AttachedToRef));
            if (interrupting.Node is not null)
            {
                context.ReportVariant(join.Id!, ParallelJoinNeverCompletes, "boundary", interrupting.Node.Id, interrupting.Node.AttachedToRef);
            }
        }
    }

    /// <summary>Where the branch ending with <paramref name="flow"/> begins: the node and the flow it leaves by.</summary>
    private static (BpmnFlowNode Node, string FlowId)? BranchOrigin(ValidationContext context, BpmnSequenceFlow flow)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var current = flow;
        while (true)
        {
            var node = context.Nodes[current.SourceRef!];
            if (!IsPlainStep(context, node))
            {
                return (node, current.Id!);
            }

            if (!visited.Add(node.Id!))
            {
                return null;
            }

            current = context.Incoming[node.Id!].Single();
        }
    }

    private static bool IsPlainStep(ValidationContext context, BpmnFlowNode node) =>
        node.ElementType is not (StartEvent or BoundaryEvent)
        && !IsGateway(node.ElementType)
        && context.Incoming[node.Id!].Count() == 1
        && context.Outgoing[node.Id!].Count() == 1
        && !context.BoundaryEvents[node.Id!].Any();
}
