using System.Collections.Immutable;

namespace DossierWorkflow.Engine.Graph;

/// <summary>
/// One BPMN flow node, compiled. Flows are wired after construction by the compiler (the graph has cycles),
/// then the node is frozen; nothing may change it afterwards.
/// </summary>
public abstract class ExecutableNode(string id, string? name)
{
    private ImmutableArray<SequenceFlow> _incoming = [];
    private ImmutableArray<SequenceFlow> _outgoing = [];
    private ImmutableArray<BoundaryEventNode> _boundaryEvents = [];
    private bool _frozen;

    public string Id { get; } = id;

    public string? Name { get; } = name;

    /// <summary>The sub-process (embedded or event) the node is in; null for a node of the process itself.</summary>
    public string? ScopeId { get; private set; }

    /// <summary>
    /// An activity's multi-instance marker: the activity runs once per element of a collection (or so many times), in
    /// parallel or one after the other; null for an activity that runs once.
    /// </summary>
    public MultiInstanceLoop? Loop { get; private set; }

    public ImmutableArray<SequenceFlow> Incoming => _incoming;

    public ImmutableArray<SequenceFlow> Outgoing => _outgoing;

    /// <summary>Boundary events attached to this activity (empty for events and gateways).</summary>
    public ImmutableArray<BoundaryEventNode> BoundaryEvents => _boundaryEvents;

    /// <summary>Display name for journals and messages: the name when present, otherwise the id.</summary>
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Id : Name;

    /// <summary>Places the node in its scope, with its loop marker; like wiring, only before the graph is frozen.</summary>
    public ExecutableNode Place(string? scopeId, MultiInstanceLoop? loop = null)
    {
        if (_frozen)
        {
            throw new InvalidOperationException($"Node '{Id}' is already compiled and cannot be moved.");
        }

        ScopeId = scopeId;
        Loop = loop;
        return this;
    }

    internal void Wire(ImmutableArray<SequenceFlow> incoming, ImmutableArray<SequenceFlow> outgoing, ImmutableArray<BoundaryEventNode> boundaryEvents)
    {
        if (_frozen)
        {
            throw new InvalidOperationException($"Node '{Id}' is already compiled and cannot be rewired.");
        }

        _incoming = incoming;
        _outgoing = outgoing;
        _boundaryEvents = boundaryEvents;
        _frozen = true;
    }

    public override string ToString() => $"{GetType().Name}({Id})";
}

/// <summary>A BPMN sequence flow; <see cref="Condition"/> is null for an unconditioned flow.</summary>
public sealed record SequenceFlow(string Id, string SourceId, string TargetId, CompiledCondition? Condition, string? Name = null);

/// <summary>
/// A start event: the none start event of the process or of an embedded sub-process, or the start event of an event
/// sub-process, which waits for its <see cref="Trigger"/> (a timer or a message) while the sub-process's scope runs.
/// </summary>
public sealed class StartEventNode(string id, string? name) : ExecutableNode(id, name)
{
    /// <summary>What starts an event sub-process; null for a none start event.</summary>
    public EventTrigger? Trigger { get; init; }

    /// <summary>For an event sub-process: whether it cancels what else runs in its scope when it starts.</summary>
    public bool IsInterrupting { get; init; } = true;
}

/// <summary>
/// An embedded sub-process: entering it starts its own flow at <see cref="StartId"/> (a scope: its boundary events stay
/// armed while anything in it runs); it is left along its outgoing flows when the last token in it has ended.
/// </summary>
public sealed class SubProcessNode(string id, string? name, string startId) : ExecutableNode(id, name)
{
    public string StartId { get; } = startId;
}

/// <summary>
/// A call activity: starts an instance of another definition (<see cref="Called"/>), passing it variables, and waits for it
/// to end; its variables named by the outputs come back. Cancelling the activity cancels the called instance.
/// </summary>
public sealed class CallActivityNode(string id, string? name, CalledDefinition called) : ExecutableNode(id, name)
{
    public CalledDefinition Called { get; } = called;
}

/// <summary>
/// What a call activity starts: the latest version of <paramref name="Key"/>, or <paramref name="Version"/>; with the
/// variables <paramref name="Inputs"/> maps (all of the caller's when null), and back the ones <paramref name="Outputs"/> maps.
/// </summary>
public sealed record CalledDefinition(string Key, int? Version, ImmutableArray<VariableMapping>? Inputs, ImmutableArray<VariableMapping> Outputs);

/// <summary>One variable passed between a caller and a called instance: <paramref name="Target"/> gets the value at <paramref name="Source"/>.</summary>
public sealed record VariableMapping(string Target, string Source);

/// <summary>
/// An event sub-process (<c>triggeredByEvent</c>): no flow enters it; while its scope (the process, or the sub-process it
/// is in) runs, its start event <see cref="StartId"/> waits for its trigger, and when it comes the event sub-process runs
/// in that scope — after cancelling everything else in it when the start event is interrupting.
/// </summary>
public sealed class EventSubProcessNode(string id, string? name, string startId) : ExecutableNode(id, name)
{
    public string StartId { get; } = startId;
}

/// <summary>
/// An event that throws an error, an escalation or a signal (<see cref="Throw"/>): an end event ends its token after
/// throwing (with <see cref="Result"/>), an intermediate throw event goes on along its flow. An error always ends.
/// </summary>
public sealed class ThrowEventNode(string id, string? name, EventThrow @throw, bool isEnd, string? result) : ExecutableNode(id, name)
{
    public EventThrow Throw { get; } = @throw;

    public bool IsEnd { get; } = isEnd;

    public string? Result { get; } = result;
}

/// <summary>A none end event (consumes its token) or a terminate end event (ends the whole instance).</summary>
public sealed class EndEventNode(string id, string? name, bool terminate, string? result) : ExecutableNode(id, name)
{
    public bool Terminate { get; } = terminate;

    /// <summary>The <c>dw:result</c> recorded on the instance when it completes here (e.g. <c>resolved</c>, <c>refused</c>).</summary>
    public string? Result { get; } = result;
}

/// <summary>A human step: creates a work item and waits for it to be completed with one of <see cref="Outcomes"/>.</summary>
public sealed class UserTaskNode(
    string id,
    string? name,
    string role,
    string? unitScope,
    int? durationDays,
    ImmutableArray<string> outcomes,
    string? form) : ExecutableNode(id, name)
{
    /// <summary><c>dw:role</c>: the candidate role (reception, specialist, leader, …).</summary>
    public string Role { get; } = role;

    /// <summary><c>dw:unitScope</c>: which unit handles the step (receiving unit, parent unit, a named department).</summary>
    public string? UnitScope { get; } = unitScope;

    /// <summary><c>dw:durationDays</c>: the step's time budget in working days; null when the step has none.</summary>
    public int? DurationDays { get; } = durationDays;

    /// <summary><c>dw:outcomes</c>: the decisions offered; empty means the task is simply completed.</summary>
    public ImmutableArray<string> Outcomes { get; } = outcomes;

    /// <summary><c>dw:form</c>: which form the step shows.</summary>
    public string? Form { get; } = form;
}

/// <summary>An element that runs the handler registered under <see cref="Handler"/> (a task, or a message it throws).</summary>
public abstract class HandlerStepNode(string id, string? name, string handler, ImmutableDictionary<string, string> parameters)
    : ExecutableNode(id, name)
{
    public string Handler { get; } = handler;

    /// <summary>The other <c>dw:</c> attributes of the element, passed to the handler.</summary>
    public ImmutableDictionary<string, string> Parameters { get; } = parameters;
}

/// <summary>A <c>serviceTask</c> or <c>sendTask</c>: runs the handler registered under <see cref="HandlerStepNode.Handler"/>.</summary>
public sealed class ServiceTaskNode(string id, string? name, string handler, ImmutableDictionary<string, string> parameters, bool isSendTask)
    : HandlerStepNode(id, name, handler, parameters)
{
    public bool IsSendTask { get; } = isSendTask;
}

/// <summary>
/// A message <c>intermediateThrowEvent</c> or <c>endEvent</c>: sends its message through its handler, as a send task does,
/// then goes on (an intermediate event) or ends its token (an end event, with <see cref="Result"/>).
/// </summary>
public sealed class MessageThrowEventNode(string id, string? name, string handler, ImmutableDictionary<string, string> parameters, bool isEnd, string? result)
    : HandlerStepNode(id, name, handler, parameters)
{
    public bool IsEnd { get; } = isEnd;

    /// <summary>For an end event, the <c>dw:result</c> recorded on the instance when it completes here.</summary>
    public string? Result { get; } = result;
}

/// <summary>A none <c>intermediateThrowEvent</c>: a milestone the token passes (journalled), nothing more.</summary>
public sealed class NoneThrowEventNode(string id, string? name) : ExecutableNode(id, name);

/// <summary>A <c>receiveTask</c>: waits for the named message.</summary>
public sealed class ReceiveTaskNode(string id, string? name, MessageTrigger message) : ExecutableNode(id, name)
{
    public MessageTrigger Message { get; } = message;
}

/// <summary>An intermediate catch event waiting for a timer or a message.</summary>
public sealed class IntermediateCatchEventNode(string id, string? name, EventTrigger trigger) : ExecutableNode(id, name)
{
    public EventTrigger Trigger { get; } = trigger;
}

/// <summary>A timer or message boundary event attached to an activity.</summary>
public sealed class BoundaryEventNode(string id, string? name, string attachedToId, bool cancelActivity, EventTrigger trigger)
    : ExecutableNode(id, name)
{
    public string AttachedToId { get; } = attachedToId;

    /// <summary>Interrupting (the default in BPMN) cancels the activity when the event fires.</summary>
    public bool CancelActivity { get; } = cancelActivity;

    public EventTrigger Trigger { get; } = trigger;
}

/// <summary>Exclusive gateway: the first flow whose condition holds (in document order), else the default flow.</summary>
public sealed class ExclusiveGatewayNode(string id, string? name, string? defaultFlowId) : ExecutableNode(id, name)
{
    public string? DefaultFlowId { get; } = defaultFlowId;
}

/// <summary>Parallel gateway: forks to every outgoing flow; joins by waiting for a token on every incoming flow.</summary>
public sealed class ParallelGatewayNode(string id, string? name) : ExecutableNode(id, name);

/// <summary>
/// Event-based gateway: waits for the events its flows lead to (timer and message catch events) at once; the first to
/// happen takes the token on, the others are no longer waited for.
/// </summary>
public sealed class EventBasedGatewayNode(string id, string? name) : ExecutableNode(id, name);

/// <summary>Inclusive gateway: forks to every flow whose condition holds (else the default flow).</summary>
public sealed class InclusiveGatewayNode(string id, string? name, string? defaultFlowId) : ExecutableNode(id, name)
{
    public string? DefaultFlowId { get; } = defaultFlowId;
}
