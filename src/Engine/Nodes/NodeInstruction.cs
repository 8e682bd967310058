using System.Collections.Immutable;
using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>What a node asks the runner to do with the current token (see <see cref="INodeBehavior"/>).</summary>
internal abstract record NodeInstruction;

/// <summary>Leave the element along these flows: the token moves along the first, a new token is forked for each other.</summary>
internal sealed record TakeFlows(ImmutableArray<SequenceFlow> Flows) : NodeInstruction;

/// <summary>Wait for a person: create a work item (the user task's bookmark).</summary>
internal sealed record CreateWorkItem(UserTaskNode Task, DateTimeOffset? DueAt) : NodeInstruction;

/// <summary>
/// Wait for time: a timer bookmark for <paramref name="ElementId"/> (the catch or boundary event); for a cycle, its
/// <paramref name="Occurrence"/> (how many times it fired before).
/// </summary>
internal sealed record ScheduleTimer(string ElementId, DateTimeOffset DueAt, int Occurrence = 0) : NodeInstruction;

/// <summary>Wait for a message: a subscription bookmark for <paramref name="ElementId"/>.</summary>
internal sealed record SubscribeToMessage(string ElementId, string MessageName, string CorrelationKey) : NodeInstruction;

/// <summary>Run the step's handler (in the transaction, or through the outbox for external handlers).</summary>
internal sealed record InvokeHandler(HandlerStepNode Step) : NodeInstruction;

/// <summary>Wait for a signal: a signal subscription bookmark for <paramref name="ElementId"/>.</summary>
internal sealed record SubscribeToSignal(string ElementId, string SignalName) : NodeInstruction;

/// <summary>
/// Enter a sub-process: the token waits at it (the scope's token) while a new token runs from its start event
/// <paramref name="StartId"/>, and the event sub-processes of the scope start waiting for their triggers.
/// </summary>
internal sealed record OpenScope(string StartId) : NodeInstruction;

/// <summary>
/// Enter a multi-instance activity: the token waits at it (the body) while one token per element of
/// <paramref name="Items"/> (all at once, or one after the other when the loop is sequential) runs the activity.
/// </summary>
internal sealed record StartLoop(ImmutableArray<System.Text.Json.Nodes.JsonNode?> Items) : NodeInstruction;

/// <summary>Start an instance of the definition a call activity calls; the token waits for it to end.</summary>
internal sealed record StartCall(CallActivityNode Node) : NodeInstruction;

/// <summary>One instance of a multi-instance activity has ended: its output is collected, and the body may complete.</summary>
internal sealed record CompleteLoopInstance : NodeInstruction;

/// <summary>Throw an error (to the nearest boundary event that catches it), an escalation, or broadcast a signal.</summary>
internal sealed record Throw(EventThrow Thrown) : NodeInstruction;

/// <summary>Stay at the joining gateway until the other branches arrive.</summary>
internal sealed record WaitForJoin : NodeInstruction;

/// <summary>Consume these tokens waiting at the join; the current token continues for all of them.</summary>
internal sealed record MergeTokens(ImmutableArray<Guid> TokenIds) : NodeInstruction;

/// <summary>The token ends here; <paramref name="Result"/> becomes the instance result when it completes.</summary>
internal sealed record CompleteToken(string? Result) : NodeInstruction;

/// <summary>
/// Terminate end event: end the token's scope now — the whole instance at the process level, the sub-process (which then
/// completes) inside one — cancelling every other token and wait in it.
/// </summary>
internal sealed record TerminateInstance(string? Result) : NodeInstruction;

/// <summary>Interrupting boundary event: cancel the attached activity (its work item, timers, subscriptions) and move its token here.</summary>
internal sealed record InterruptActivity(string BoundaryElementId) : NodeInstruction;

/// <summary>
/// The event that came first after an event-based gateway: the token leaves the gateway for it (the other events' waits
/// are cancelled).
/// </summary>
internal sealed record TakeEvent(string EventElementId) : NodeInstruction;

/// <summary>Non-interrupting boundary event: fork a new token here; the activity keeps waiting.</summary>
internal sealed record BranchFromActivity(string BoundaryElementId) : NodeInstruction;

/// <summary>Stop the token at this element with an incident, to be retried or resolved by an operator.</summary>
internal sealed record RaiseIncident(IncidentKind Kind, string Message) : NodeInstruction;
