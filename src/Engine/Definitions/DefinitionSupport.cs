using DossierWorkflow.Engine.Definitions.Validation;

namespace DossierWorkflow.Engine.Definitions;

/// <summary>
/// What the engine executes, by BPMN local name: the flow elements and the event definitions. The workflow designer's
/// palette offers exactly these, so that it grows when the engine does.
/// </summary>
public static class DefinitionSupport
{
    public static IReadOnlySet<string> Elements => BpmnElementTypes.Supported;

    public static IReadOnlySet<string> EventDefinitions { get; } =
        new HashSet<string>([BpmnElementTypes.TimerDefinition, BpmnElementTypes.MessageDefinition, BpmnElementTypes.TerminateDefinition], StringComparer.Ordinal);
}
