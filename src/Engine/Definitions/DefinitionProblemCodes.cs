namespace DossierWorkflow.Engine.Definitions;

/// <summary>
/// The stable codes of <see cref="DefinitionProblem.Code"/>. Messages are translated; codes never change, so tools
/// and tests can rely on them.
/// </summary>
public static class DefinitionProblemCodes
{
    // The file as a whole
    public const string FileUnreadable = "file-unreadable";
    public const string FileTooLarge = "file-too-large";
    public const string DocumentTypeForbidden = "xml-dtd-forbidden";
    public const string MalformedXml = "xml-malformed";
    public const string XmlTooDeep = "xml-too-deep";
    public const string NotBpmn = "not-bpmn";
    public const string NoProcess = "no-process";
    public const string NoExecutableProcess = "no-executable-process";
    public const string SeveralExecutableProcesses = "several-executable-processes";

    /// <summary>Whether a problem concerns the file as a whole (it cannot be read as one BPMN process), not an element.</summary>
    public static bool IsFileLevel(string code) =>
        code is FileUnreadable or FileTooLarge or DocumentTypeForbidden or MalformedXml or XmlTooDeep or NotBpmn or NoProcess
            or NoExecutableProcess or SeveralExecutableProcesses;

    // Elements and their support
    public const string MissingId = "missing-id";
    public const string DuplicateId = "duplicate-id";
    public const string UnsupportedElement = "unsupported-element";
    public const string UnsupportedEventDefinition = "unsupported-event-definition";
    public const string MissingEventDefinition = "event-definition-missing";

    // Structure
    public const string NoStartEvent = "no-start-event";
    public const string SeveralStartEvents = "several-start-events";
    public const string MissingIncomingFlow = "missing-incoming-flow";
    public const string MissingOutgoingFlow = "missing-outgoing-flow";
    public const string FlowNotAllowed = "flow-not-allowed";
    public const string UnknownFlowNode = "unknown-flow-node";
    public const string UnreachableNode = "unreachable-node";
    public const string BoundaryNotOnActivity = "boundary-not-on-activity";
    public const string FlowCrossesScope = "flow-crosses-scope";
    public const string SubProcessStart = "sub-process-start";
    public const string MultiInstanceInvalid = "multi-instance-invalid";
    public const string CallActivityInvalid = "call-activity-invalid";

    // Gateways and conditions
    public const string GatewayUnconditionedFlow = "gateway-unconditioned-flow";
    public const string GatewayWithoutDefault = "gateway-without-default";
    public const string EventGatewayFlows = "event-gateway-flows";
    public const string EventGatewayTarget = "event-gateway-target";
    public const string ErrorMissing = "error-missing";
    public const string EscalationMissing = "escalation-missing";
    public const string SignalMissing = "signal-missing";
    public const string DefaultFlowNotOutgoing = "default-flow-not-outgoing";
    public const string DefaultFlowConditioned = "default-flow-conditioned";
    public const string ConditionNotEvaluated = "condition-not-evaluated";
    public const string ConditionSyntax = "condition-syntax";
    public const string ConditionLanguageUnsupported = "condition-language-unsupported";
    public const string ParallelJoinNeverCompletes = "parallel-join-never-completes";

    // Tasks
    public const string MissingRole = "missing-role";
    public const string OutcomesInvalid = "outcomes-invalid";
    public const string OutcomeNotOffered = "outcome-not-offered";
    public const string DurationDaysInvalid = "duration-days-invalid";
    public const string UnitScopeInvalid = "unit-scope-invalid";
    public const string MissingHandler = "missing-handler";
    public const string UnknownHandler = "unknown-handler";

    // Timers and messages
    public const string TimerMissing = "timer-missing";
    public const string TimerDurationInvalid = "timer-duration-invalid";
    public const string TimerDateInvalid = "timer-date-invalid";
    public const string WorkingDaysInvalid = "working-days-invalid";
    public const string MessageMissing = "message-missing";
    public const string CorrelationKeyInvalid = "correlation-key-invalid";
}
