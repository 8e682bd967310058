using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>
/// The lifecycle of one BPMN element kind (one implementation per kind, as Zeebe has one processor per element).
/// <para>
/// A behaviour is <b>pure</b>: it reads the <see cref="NodeContext"/> (its node, the token, the variables, the clock and
/// calendar, the other tokens) and returns <see cref="NodeInstruction"/>s; it never changes state, writes rows or calls
/// handlers. The runner applies the instructions in order, journals them and persists the result.
/// </para>
/// <list type="number">
/// <item><see cref="Enter"/> is called once each time a token arrives at the element (from a sequence flow or, for the
/// start event, when the instance starts). It returns what to do now: leave along flows, wait on bookmarks (a work item, a
/// timer, a message subscription; activities also arm their boundary events), invoke a handler, wait at a join, complete
/// the token, terminate the instance or raise an incident.</item>
/// <item><see cref="Resume"/> is called when one of the bookmarks the element asked for is triggered (task completed,
/// timer fired, message received, handler succeeded). For a boundary event it is called with the attached activity's token.
/// When a token leaves an element the runner removes all of that token's remaining bookmarks, so behaviours never have
/// to clean up.</item>
/// </list>
/// An element that raised an incident is entered again when the incident is retried.
/// </summary>
internal interface INodeBehavior
{
    IReadOnlyList<NodeInstruction> Enter(NodeContext context);

    IReadOnlyList<NodeInstruction> Resume(NodeContext context, ResumeSignal signal);
}

/// <summary>Typed base: casts the node once so each behaviour reads its own node kind.</summary>
internal abstract class NodeBehavior<TNode> : INodeBehavior
    where TNode : ExecutableNode
{
    public IReadOnlyList<NodeInstruction> Enter(NodeContext context) => Enter((TNode)context.Node, context);

    public IReadOnlyList<NodeInstruction> Resume(NodeContext context, ResumeSignal signal) => Resume((TNode)context.Node, context, signal);

    protected abstract IReadOnlyList<NodeInstruction> Enter(TNode node, NodeContext context);

    protected virtual IReadOnlyList<NodeInstruction> Resume(TNode node, NodeContext context, ResumeSignal signal) =>
        throw new InvalidOperationException($"Element '{node.Id}' ({typeof(TNode).Name}) does not wait, so it cannot be resumed by {signal}.");
}

/// <summary>Why a waiting element is resumed.</summary>
internal abstract record ResumeSignal
{
    public static ResumeSignal HandlerSucceeded { get; } = new HandlerSucceededSignal();
}

internal sealed record TaskCompletedSignal(string? Outcome) : ResumeSignal;

/// <summary>A timer fired: the one due at <paramref name="DueAt"/>, for a cycle its occurrence counted from 0.</summary>
internal sealed record TimerFiredSignal(DateTimeOffset DueAt, int Occurrence) : ResumeSignal;

internal sealed record MessageReceivedSignal(string MessageName) : ResumeSignal;

internal sealed record HandlerSucceededSignal : ResumeSignal;

internal sealed record SignalReceivedSignal(string SignalName) : ResumeSignal;

/// <summary>The instance a call activity started has ended; its outputs are already in the caller's variables.</summary>
internal sealed record CallCompletedSignal : ResumeSignal
{
    public static CallCompletedSignal Instance { get; } = new();
}

/// <summary>The last token inside a sub-process (or the last instance of a multi-instance activity) has ended.</summary>
internal sealed record ScopeCompletedSignal : ResumeSignal
{
    public static ScopeCompletedSignal Instance { get; } = new();
}
