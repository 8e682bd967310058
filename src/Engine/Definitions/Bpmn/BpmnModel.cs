using System.Collections.Immutable;

namespace DossierWorkflow.Engine.Definitions.Bpmn;

/// <summary>
/// A BPMN file as read, before any validation: every process with its flow elements, and the root-level messages.
/// Nothing here is checked beyond XML well-formedness; ids and references may be missing or dangling.
/// </summary>
internal sealed record BpmnDocument(
    string? Id,
    ImmutableArray<BpmnProcess> Processes,
    ImmutableArray<BpmnMessage> Messages,
    ImmutableDictionary<string, string> ParticipantNames)
{
    /// <summary>The root-level <c>error</c> elements (an error's code is what a handler or an error end event raises).</summary>
    public ImmutableArray<BpmnError> Errors { get; init; } = [];

    /// <summary>The root-level <c>escalation</c> elements.</summary>
    public ImmutableArray<BpmnError> Escalations { get; init; } = [];

    /// <summary>The root-level <c>signal</c> elements (id and name).</summary>
    public ImmutableArray<BpmnMessage> Signals { get; init; } = [];
}

internal sealed record BpmnProcess(
    string? Id,
    string? Name,
    bool? IsExecutable,
    ImmutableArray<BpmnFlowNode> FlowNodes,
    ImmutableArray<BpmnSequenceFlow> SequenceFlows);

/// <summary>
/// A flow node, supported or not: <see cref="ElementType"/> is the BPMN local name (<c>userTask</c>, <c>subProcess</c> …).
/// <see cref="Extensions"/> holds the <c>dw:</c> attributes by local name. The nodes of a sub-process are read into the
/// process's one list, each with the id of the sub-process it is in as its <see cref="ScopeId"/> (null: the process).
/// </summary>
internal sealed record BpmnFlowNode(
    string? Id,
    string ElementType,
    string? Name,
    ImmutableDictionary<string, string> Extensions,
    ImmutableArray<BpmnEventDefinition> EventDefinitions,
    string? AttachedToRef,
    bool CancelActivity,
    string? DefaultFlowRef,
    string? MessageRef,
    BpmnLoop? Loop)
{
    /// <summary>The sub-process the node is in; null for a node of the process itself.</summary>
    public string? ScopeId { get; init; }

    /// <summary>A sub-process's <c>triggeredByEvent</c>: an event sub-process, started by its start event's trigger.</summary>
    public bool TriggeredByEvent { get; init; }

    /// <summary>A start event's <c>isInterrupting</c> (true unless written false).</summary>
    public bool IsInterrupting { get; init; } = true;

    /// <summary>A call activity's <c>calledElement</c>: the key of the definition it starts.</summary>
    public string? CalledElement { get; init; }
}

/// <summary>
/// An activity's loop marker: <see cref="Kind"/> is the element's local name (<c>multiInstanceLoopCharacteristics</c>,
/// <c>standardLoopCharacteristics</c>); its <c>dw:</c> attributes say what it loops over.
/// </summary>
internal sealed record BpmnLoop(
    string Kind,
    bool IsSequential,
    ImmutableDictionary<string, string> Extensions,
    string? LoopCardinality,
    BpmnExpression? CompletionCondition);

/// <summary>An event definition; <see cref="Kind"/> is the BPMN local name (<c>timerEventDefinition</c> …).</summary>
internal sealed record BpmnEventDefinition(
    string Kind,
    string? MessageRef,
    BpmnTimer? Timer,
    ImmutableDictionary<string, string> Extensions)
{
    /// <summary>An error event definition's <c>errorRef</c>.</summary>
    public string? ErrorRef { get; init; }

    /// <summary>An escalation event definition's <c>escalationRef</c>.</summary>
    public string? EscalationRef { get; init; }

    /// <summary>A signal event definition's <c>signalRef</c>.</summary>
    public string? SignalRef { get; init; }
}

/// <summary>The three ways BPMN writes a timer; the text of each is trimmed, null when absent.</summary>
internal sealed record BpmnTimer(string? Duration, string? Date, string? Cycle);

internal sealed record BpmnSequenceFlow(string? Id, string? Name, string? SourceRef, string? TargetRef, BpmnExpression? Condition)
{
    /// <summary>The sub-process the flow is in; null for a flow of the process itself.</summary>
    public string? ScopeId { get; init; }
}

internal sealed record BpmnExpression(string Text, string? Language);

internal sealed record BpmnMessage(string? Id, string? Name);

/// <summary>A root-level <c>error</c> (its <c>errorCode</c>) or <c>escalation</c> (its <c>escalationCode</c>).</summary>
internal sealed record BpmnError(string? Id, string? Code);

/// <summary>The namespaces of BPMN 2.0 XML and of our own <c>dw:</c> attributes.</summary>
public static class BpmnNamespaces
{
    public const string Model = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public const string Extensions = "urn:dossierworkflow:bpmn:1";
    public const string XmlSchemaInstance = "http://www.w3.org/2001/XMLSchema-instance";
}
