using System.Collections.Immutable;

namespace DossierWorkflow.Engine.Definitions.Validation;

/// <summary>The BPMN element local names the engine knows, and which of them it executes.</summary>
internal static class BpmnElementTypes
{
    public const string StartEvent = "startEvent";
    public const string EndEvent = "endEvent";
    public const string IntermediateCatchEvent = "intermediateCatchEvent";
    public const string IntermediateThrowEvent = "intermediateThrowEvent";
    public const string BoundaryEvent = "boundaryEvent";
    public const string UserTask = "userTask";
    public const string ServiceTask = "serviceTask";
    public const string SendTask = "sendTask";
    public const string ReceiveTask = "receiveTask";
    public const string ExclusiveGateway = "exclusiveGateway";
    public const string ParallelGateway = "parallelGateway";
    public const string InclusiveGateway = "inclusiveGateway";
    public const string EventBasedGateway = "eventBasedGateway";
    public const string SubProcess = "subProcess";
    public const string CallActivity = "callActivity";

    public const string TimerDefinition = "timerEventDefinition";
    public const string MessageDefinition = "messageEventDefinition";
    public const string TerminateDefinition = "terminateEventDefinition";
    public const string ErrorDefinition = "errorEventDefinition";
    public const string EscalationDefinition = "escalationEventDefinition";
    public const string SignalDefinition = "signalEventDefinition";

    public static readonly ImmutableHashSet<string> Supported =
    [
        StartEvent, EndEvent, IntermediateCatchEvent, IntermediateThrowEvent, BoundaryEvent, UserTask, ServiceTask, SendTask, ReceiveTask,
        ExclusiveGateway, ParallelGateway, InclusiveGateway, EventBasedGateway, SubProcess, CallActivity,
    ];

    /// <summary>Activities that may carry a multi-instance marker.</summary>
    public static readonly ImmutableHashSet<string> MultiInstanceActivities = [UserTask, SubProcess, CallActivity];

    /// <summary>Activities a business error or an escalation can come out of, so that a boundary event may catch it there.</summary>
    public static readonly ImmutableHashSet<string> ErrorSources = [ServiceTask, SendTask, SubProcess, CallActivity];

    /// <summary>Activities an escalation can come out of: what runs a flow of its own.</summary>
    public static readonly ImmutableHashSet<string> EscalationSources = [SubProcess, CallActivity];

    /// <summary>Activities, supported or not: what boundary events may be attached to.</summary>
    public static readonly ImmutableHashSet<string> Activities =
    [
        UserTask, ServiceTask, SendTask, ReceiveTask, "task", "manualTask", "scriptTask", "businessRuleTask",
        "subProcess", "adHocSubProcess", "transaction", "callActivity",
    ];

    /// <summary>Unsupported elements with a specific explanation in the messages; others get a general one.</summary>
    public static readonly ImmutableHashSet<string> ExplainedUnsupported =
    [
        "task", "manualTask", "scriptTask", "businessRuleTask", "adHocSubProcess", "transaction", "complexGateway",
    ];

    public static bool IsGateway(string type) => type.EndsWith("Gateway", StringComparison.Ordinal);

    /// <summary>Gateways that choose among outgoing flows by condition.</summary>
    public static bool IsConditionalGateway(string type) => type is ExclusiveGateway or InclusiveGateway;
}
