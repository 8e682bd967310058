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
    /// <summary>The root-level <c>error</c> elements (an error's code is what a handler raises).</summary>
    public ImmutableArray<BpmnError> Errors { get; init; } = [];
}

internal sealed record BpmnProcess(
    string? Id,
    string? Name,
    bool? IsExecutable,
    ImmutableArray<BpmnFlowNode> FlowNodes,
    ImmutableArray<BpmnSequenceFlow> SequenceFlows);

/// <summary>
/// A flow node, supported or not: <see cref="ElementType"/> is the BPMN local name (<c>userTask</c>, <c>subProcess</c> …).
/// <see cref="Extensions"/> holds the <c>dw:</c> attributes by local name.
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
    ImmutableArray<string> LoopCharacteristics);

/// <summary>An event definition; <see cref="Kind"/> is the BPMN local name (<c>timerEventDefinition</c> …).</summary>
internal sealed record BpmnEventDefinition(
    string Kind,
    string? MessageRef,
    BpmnTimer? Timer,
    ImmutableDictionary<string, string> Extensions)
{
    /// <summary>An error event definition's <c>errorRef</c>.</summary>
    public string? ErrorRef { get; init; }
}

/// <summary>The three ways BPMN writes a timer; the text of each is trimmed, null when absent.</summary>
internal sealed record BpmnTimer(string? Duration, string? Date, string? Cycle);

internal sealed record BpmnSequenceFlow(string? Id, string? Name, string? SourceRef, string? TargetRef, BpmnExpression? Condition);

internal sealed record BpmnExpression(string Text, string? Language);

internal sealed record BpmnMessage(string? Id, string? Name);

internal sealed record BpmnError(string? Id, string? Code);

/// <summary>The namespaces of BPMN 2.0 XML and of our own <c>dw:</c> attributes.</summary>
public static class BpmnNamespaces
{
    public const string Model = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public const string Extensions = "urn:dossierworkflow:bpmn:1";
    public const string XmlSchemaInstance = "http://www.w3.org/2001/XMLSchema-instance";
}
