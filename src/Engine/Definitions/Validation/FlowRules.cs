using DossierWorkflow.Engine.Conditions;
using DossierWorkflow.Engine.Definitions.Bpmn;
using static DossierWorkflow.Engine.Definitions.DefinitionProblemCodes;
using static DossierWorkflow.Engine.Definitions.Validation.BpmnElementTypes;

namespace DossierWorkflow.Engine.Definitions.Validation;

/// <summary>
/// The shape of the graph: ids, sequence flows and their conditions, one start event, every node entered and
/// left, every node reachable from the start, boundary events on activities.
/// </summary>
internal static class FlowRules
{
    public static void CheckIdentities(ValidationContext context)
    {
        var elements = context.Process.FlowNodes.Select(n => (n.Id, Type: n.ElementType, n.Name))
            .Concat(context.Process.SequenceFlows.Select(f => (f.Id, Type: "sequenceFlow", f.Name)));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, type, name) in elements)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                context.Report(type, MissingId, type, name ?? "");
            }
            else if (!seen.Add(id) && reported.Add(id))
            {
                context.Report(id, DuplicateId);
            }
        }
    }

    public static void CheckSequenceFlows(ValidationContext context)
    {
        foreach (var flow in context.Process.SequenceFlows.Where(f => f.Id is not null))
        {
            var id = flow.Id!;
            var source = CheckEnd(context, id, flow.SourceRef, "source");
            var target = CheckEnd(context, id, flow.TargetRef, "target");
            if ((source is not null && source.ScopeId != flow.ScopeId) || (target is not null && target.ScopeId != flow.ScopeId))
            {
                context.Report(id, FlowCrossesScope, flow.SourceRef, flow.TargetRef);
            }

            if (flow.Condition is not { } condition)
            {
                continue;
            }

            if (source is not null && !IsConditionalGateway(source.ElementType))
            {
                context.Report(id, ConditionNotEvaluated, source.Id);
            }

            if (!string.IsNullOrWhiteSpace(condition.Language))
            {
                context.Report(id, ConditionLanguageUnsupported, condition.Language);
                continue;
            }

            var parsed = ConditionExpression.Parse(condition.Text);
            if (parsed.Expression is { } expression)
            {
                context.Conditions[id] = expression;
            }
            else
            {
                context.Report(id, ConditionSyntax, parsed.Error!.Message, condition.Text.Trim());
            }
        }
    }

    private static BpmnFlowNode? CheckEnd(ValidationContext context, string flowId, string? reference, string end)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            context.ReportVariant(flowId, UnknownFlowNode, $"no-{end}");
            return null;
        }

        if (!context.Nodes.TryGetValue(reference, out var node))
        {
            context.ReportVariant(flowId, UnknownFlowNode, end, reference);
        }

        return node;
    }

    /// <summary>
    /// The process has one none start event; an embedded sub-process has exactly one start event, and so has an event
    /// sub-process (with its trigger, see <see cref="ElementRules"/>).
    /// </summary>
    public static void CheckStartEvents(ValidationContext context)
    {
        foreach (var scope in context.Nodes.Values.Where(n => n.ElementType == SubProcess))
        {
            var inside = context.Nodes.Values.Where(n => n.ElementType == StartEvent && n.ScopeId == scope.Id).Select(n => n.Id!).Order(StringComparer.Ordinal).ToList();
            if (inside.Count != 1)
            {
                context.ReportVariant(scope.Id!, SubProcessStart, inside.Count == 0 ? "none" : "several", string.Join(", ", inside));
            }
        }

        var starts = context.Nodes.Values.Where(n => n.ElementType == StartEvent && n.ScopeId is null).ToList();
        var noneStarts = starts.Where(n => n.EventDefinitions.IsEmpty).Select(n => n.Id!).Order(StringComparer.Ordinal).ToList();
        if (starts.Count == 0)
        {
            context.Report(context.ProcessId, NoStartEvent);
        }
        else if (noneStarts.Count > 1)
        {
            context.Report(context.ProcessId, SeveralStartEvents, noneStarts.Count, string.Join(", ", noneStarts));
        }
    }

    public static void CheckConnections(ValidationContext context)
    {
        foreach (var node in context.Process.FlowNodes.Where(n => n.Id is not null))
        {
            var id = node.Id!;
            var hasIncoming = context.Incoming[id].Any();
            var hasOutgoing = context.Outgoing[id].Any();
            if (node.ElementType == SubProcess && node.TriggeredByEvent)
            {
                if (hasIncoming || hasOutgoing)
                {
                    context.ReportVariant(id, FlowNotAllowed, "event-sub-process");
                }

                continue;
            }

            switch (node.ElementType)
            {
                case StartEvent or BoundaryEvent:
                    if (hasIncoming)
                    {
                        context.ReportVariant(id, FlowNotAllowed, node.ElementType == StartEvent ? "into-start" : "into-boundary");
                    }

                    break;
                case EndEvent:
                    if (hasOutgoing)
                    {
                        context.ReportVariant(id, FlowNotAllowed, "out-of-end");
                    }

                    if (!hasIncoming)
                    {
                        context.Report(id, MissingIncomingFlow);
                    }

                    break;
                default:
                    if (!hasIncoming)
                    {
                        context.Report(id, MissingIncomingFlow);
                    }

                    break;
            }

            if (node.ElementType != EndEvent && !hasOutgoing)
            {
                context.Report(id, MissingOutgoingFlow);
            }
        }
    }

    public static void CheckBoundaryAttachments(ValidationContext context)
    {
        foreach (var boundary in context.Nodes.Values.Where(n => n.ElementType == BoundaryEvent))
        {
            if (string.IsNullOrWhiteSpace(boundary.AttachedToRef) || !context.Nodes.TryGetValue(boundary.AttachedToRef, out var host))
            {
                context.ReportVariant(boundary.Id!, BoundaryNotOnActivity, "unknown", boundary.AttachedToRef ?? "");
            }
            else if (!Activities.Contains(host.ElementType))
            {
                context.ReportVariant(boundary.Id!, BoundaryNotOnActivity, "not-activity", host.Id, host.ElementType);
            }
            else if (host.TriggeredByEvent)
            {
                context.ReportVariant(boundary.Id!, BoundaryNotOnActivity, "event-sub-process", host.Id);
            }
            else if (host.ScopeId != boundary.ScopeId)
            {
                context.ReportVariant(boundary.Id!, BoundaryNotOnActivity, "other-scope", host.Id);
            }
        }
    }

    /// <summary>
    /// Nodes no token can reach from the process's none start events. Nodes without any incoming flow are left to
    /// <see cref="MissingIncomingFlow"/>; a boundary event is reachable with its activity, the start event of a sub-process
    /// with the sub-process, and an event sub-process (and its start) with the scope it is in.
    /// </summary>
    public static void CheckReachability(ValidationContext context)
    {
        var starts = context.Nodes.Values.Where(n => n.ElementType == StartEvent && n.EventDefinitions.IsEmpty && n.ScopeId is null).Select(n => n.Id!).ToList();
        if (starts.Count == 0)
        {
            return;
        }

        var byScope = context.Nodes.Values.Where(n => n.ScopeId is not null).ToLookup(n => n.ScopeId!, StringComparer.Ordinal);
        var opened = context.Nodes.Values.Where(n => n.ScopeId is null && n.TriggeredByEvent).Select(n => n.Id!);
        var reached = new HashSet<string>(starts.Concat(opened), StringComparer.Ordinal);
        var pending = new Queue<string>(reached);
        while (pending.TryDequeue(out var id))
        {
            // Entering a sub-process reaches its start event and its event sub-processes.
            var inside = byScope[id].Where(n => n.ElementType == StartEvent || n.TriggeredByEvent).Select(n => n.Id!);
            var next = context.Outgoing[id].Select(f => f.TargetRef!).Concat(context.BoundaryEvents[id].Select(b => b.Id!).Where(b => b is not null)).Concat(inside);
            foreach (var target in next)
            {
                if (reached.Add(target))
                {
                    pending.Enqueue(target);
                }
            }
        }

        foreach (var node in context.Process.FlowNodes.Where(n => n.Id is not null && !reached.Contains(n.Id)))
        {
            if (context.Incoming[node.Id!].Any())
            {
                context.Report(node.Id!, UnreachableNode);
            }
        }
    }
}
