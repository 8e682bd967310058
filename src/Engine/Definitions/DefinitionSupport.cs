using DossierWorkflow.Engine.Definitions.Validation;

namespace DossierWorkflow.Engine.Definitions;

/// <summary>
/// What the engine executes, by BPMN local name: the flow elements (with the multi-instance marker) and the event
/// definitions. The workflow designer's palette and replace menu offer exactly these, so that they grow when the engine does.
/// </summary>
public static class DefinitionSupport
{
    public const string MultiInstanceMarker = "multiInstanceLoopCharacteristics";

    public static IReadOnlySet<string> Elements { get; } = new HashSet<string>(BpmnElementTypes.Supported.Append(MultiInstanceMarker), StringComparer.Ordinal);

    public static IReadOnlySet<string> EventDefinitions { get; } = new HashSet<string>(
        [
            BpmnElementTypes.TimerDefinition, BpmnElementTypes.MessageDefinition, BpmnElementTypes.TerminateDefinition, BpmnElementTypes.ErrorDefinition,
            BpmnElementTypes.EscalationDefinition, BpmnElementTypes.SignalDefinition,
        ],
        StringComparer.Ordinal);
}
