using System.Collections.Immutable;
using DossierWorkflow.Engine.Definitions.Bpmn;
using DossierWorkflow.Engine.Definitions.Validation;
using DossierWorkflow.Engine.Graph;
using static DossierWorkflow.Engine.Definitions.Validation.BpmnElementTypes;

namespace DossierWorkflow.Engine.Definitions.Compilation;

/// <summary>
/// Turns a validated process into the immutable executable graph. Only called when validation found no problem,
/// so every reference resolves and every condition and trigger is already interpreted.
/// </summary>
internal static class GraphBuilder
{
    public static ExecutableDefinition Build(ValidationContext context, string contentHash)
    {
        var process = context.Process;
        var nodes = process.FlowNodes.Select(n => CreateNode(context, n)).ToList();
        var flows = process.SequenceFlows
            .Select(f => new SequenceFlow(f.Id!, f.SourceRef!, f.TargetRef!, context.Conditions.GetValueOrDefault(f.Id!), f.Name))
            .ToList();
        var name = process.Name ?? context.Document.ParticipantNames.GetValueOrDefault(process.Id!);
        var englishNames = process.FlowNodes
            .Where(n => Optional(n.Extensions, "nameEn") is not null)
            .ToDictionary(n => n.Id!, n => Optional(n.Extensions, "nameEn")!, StringComparer.Ordinal);
        return GraphWiring.Build(process.Id!, name, contentHash, nodes, flows, englishNames);
    }

    private static ExecutableNode CreateNode(ValidationContext context, BpmnFlowNode node)
    {
        var id = node.Id!;
        var dw = node.Extensions;
        var loop = context.Loops.GetValueOrDefault(id);
        ExecutableNode created = node.ElementType switch
        {
            StartEvent => new StartEventNode(id, node.Name) { Trigger = context.Triggers.GetValueOrDefault(id), IsInterrupting = node.IsInterrupting },
            SubProcess when node.TriggeredByEvent => new EventSubProcessNode(id, node.Name, StartOf(context, id)),
            SubProcess => new SubProcessNode(id, node.Name, StartOf(context, id)),
            CallActivity => new CallActivityNode(id, node.Name, context.Calls[id]),
            EndEvent or IntermediateThrowEvent when context.Throws.TryGetValue(id, out var thrown) =>
                new ThrowEventNode(id, node.Name, thrown, node.ElementType == EndEvent, Optional(dw, "result")),
            _ => CreateFlatNode(context, node),
        };
        return created.Place(node.ScopeId, loop);
    }

    /// <summary>The start event of a sub-process (validation made sure it has exactly one).</summary>
    private static string StartOf(ValidationContext context, string subProcessId) =>
        context.Process.FlowNodes.Single(n => n.ElementType == StartEvent && n.ScopeId == subProcessId).Id!;

    private static ExecutableNode CreateFlatNode(ValidationContext context, BpmnFlowNode node)
    {
        var id = node.Id!;
        var dw = node.Extensions;
        return node.ElementType switch
        {
            EndEvent when node.EventDefinitions.Any(d => d.Kind == MessageDefinition) => new MessageThrowEventNode(
                id, node.Name, dw["handler"].Trim(), HandlerParameters(dw).Remove("result"), isEnd: true, Optional(dw, "result")),
            EndEvent => new EndEventNode(id, node.Name, node.EventDefinitions.Any(d => d.Kind == TerminateDefinition), Optional(dw, "result")),
            IntermediateThrowEvent when node.EventDefinitions.IsEmpty => new NoneThrowEventNode(id, node.Name),
            IntermediateThrowEvent => new MessageThrowEventNode(id, node.Name, dw["handler"].Trim(), HandlerParameters(dw), isEnd: false, result: null),
            UserTask => new UserTaskNode(
                id,
                node.Name,
                dw["role"].Trim(),
                Optional(dw, "unitScope"),
                context.DurationDays.TryGetValue(id, out var days) ? days : null,
                context.Outcomes[id],
                Optional(dw, "form")),
            ServiceTask or SendTask => new ServiceTaskNode(
                id,
                node.Name,
                dw["handler"].Trim(),
                HandlerParameters(dw),
                node.ElementType == SendTask),
            ReceiveTask => new ReceiveTaskNode(id, node.Name, (MessageTrigger)context.Triggers[id]),
            IntermediateCatchEvent => new IntermediateCatchEventNode(id, node.Name, context.Triggers[id]),
            BoundaryEvent => new BoundaryEventNode(id, node.Name, node.AttachedToRef!, node.CancelActivity, context.Triggers[id]),
            ExclusiveGateway => new ExclusiveGatewayNode(id, node.Name, node.DefaultFlowRef),
            ParallelGateway => new ParallelGatewayNode(id, node.Name),
            InclusiveGateway => new InclusiveGatewayNode(id, node.Name, node.DefaultFlowRef),
            EventBasedGateway => new EventBasedGatewayNode(id, node.Name),
            _ => throw new InvalidOperationException($"'{id}' ({node.ElementType}) passed validation but has no executable node."),
        };
    }

    /// <summary>What a handler step passes its handler: its <c>dw:</c> attributes but the handler's name and the English name.</summary>
    private static ImmutableDictionary<string, string> HandlerParameters(ImmutableDictionary<string, string> extensions) =>
        extensions.Remove("handler").Remove("nameEn");

    private static string? Optional(ImmutableDictionary<string, string> extensions, string name) =>
        extensions.GetValueOrDefault(name)?.Trim() is { Length: > 0 } value ? value : null;
}
