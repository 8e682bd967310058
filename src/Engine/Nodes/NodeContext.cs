using System.Text.Json.Nodes;
using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Timers;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>A read-only view of a token for behaviours.</summary>
internal sealed record TokenView(Guid Id, string ElementId, TokenStatus Status, string? ArrivedViaFlowId, int? LoopIndex = null)
{
    /// <summary>One instance of a multi-instance activity (not its body).</summary>
    public bool IsLoopInstance => LoopIndex is not null;
}

/// <summary>What a behaviour may read. Behaviours must not modify <see cref="Variables"/>.</summary>
internal sealed class NodeContext(
    ExecutableNode node,
    TokenView token,
    IReadOnlyList<TokenView> tokens,
    JsonObject variables,
    string? businessKey,
    DateTimeOffset now,
    IWorkingCalendar calendar,
    Func<string, ExecutableNode>? nodeById = null)
{
    public ExecutableNode Node { get; } = node;

    public TokenView Token { get; } = token;

    /// <summary>Every live token of the instance in the same scope (the process, or one sub-process), including <see cref="Token"/>.</summary>
    public IReadOnlyList<TokenView> Tokens { get; } = tokens;

    /// <summary>The variables as the token sees them: the instance's, with those of the scopes it is in over them.</summary>
    public JsonObject Variables { get; } = variables;

    public string? BusinessKey { get; } = businessKey;

    public DateTimeOffset Now { get; } = now;

    public IWorkingCalendar Calendar { get; } = calendar;

    /// <summary>Looks up another element of the same graph (for joins that reason about reachability).</summary>
    public Func<string, ExecutableNode> NodeById { get; } = nodeById ?? (id => throw new InvalidOperationException($"No graph to look up '{id}' in."));
}
