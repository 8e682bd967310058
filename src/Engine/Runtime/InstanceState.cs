using System.Text.Json.Nodes;
using DossierWorkflow.Engine.Persistence;

namespace DossierWorkflow.Engine.Runtime;

/// <summary>
/// The runtime model of one instance during one command: where its tokens are and what they wait for. Loaded from the
/// stored rows at the start of a command, changed by the runner, diffed back into a <see cref="WorkflowChangeSet"/> at the end.
/// </summary>
internal sealed class InstanceState
{
    public required Guid Id { get; init; }
    public required string DefinitionKey { get; init; }
    /// <summary>The version the instance runs on; changed only by a migration.</summary>
    public required int DefinitionVersion { get; set; }
    public string? BusinessKey { get; init; }

    /// <summary>For an instance a call activity started: the calling instance, and its token at the call activity.</summary>
    public Guid? ParentInstanceId { get; init; }
    public Guid? ParentTokenId { get; init; }
    public InstanceStatus Status { get; set; }
    public string? Result { get; set; }
    public required JsonObject Variables { get; set; }
    public long Version { get; set; }
    public long JournalSequence { get; set; }
    public required DateTimeOffset StartedAt { get; init; }
    public string? StartedBy { get; init; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndedBy { get; set; }
    public string? EndReason { get; set; }

    public List<Token> Tokens { get; } = [];

    public List<Bookmark> Bookmarks { get; } = [];

    /// <summary>The work items the command loaded (the open ones) or touched.</summary>
    public Dictionary<Guid, StoredWorkItem> WorkItems { get; } = [];

    /// <summary>The incidents the command loaded (the open ones) or touched.</summary>
    public Dictionary<Guid, StoredIncident> Incidents { get; } = [];

    public Token? FindToken(Guid id) => Tokens.Find(t => t.Id == id);
}

/// <summary>
/// Where one line of execution is. A token inside a sub-process has the token of that sub-process as its scope
/// (<see cref="ScopeId"/>); the token of a multi-instance activity (its body) is the scope of one token per instance, each
/// with its <see cref="LoopIndex"/> and its own variables (<see cref="Locals"/>).
/// </summary>
internal sealed class Token(Guid id, string elementId, Guid? scopeId = null)
{
    public Guid Id { get; } = id;

    public string ElementId { get; set; } = elementId;

    public TokenStatus Status { get; set; } = TokenStatus.Active;

    public string? ArrivedViaFlowId { get; set; }

    /// <summary>The token of the sub-process (or multi-instance body) this token runs in; null: the process.</summary>
    public Guid? ScopeId { get; } = scopeId;

    /// <summary>For one instance of a multi-instance activity, its index (0-based); null otherwise.</summary>
    public int? LoopIndex { get; init; }

    /// <summary>
    /// Variables of this token's scope only: an instance's element and what the instance wrote, or a body's counters and
    /// collected outputs. Null when it has none.
    /// </summary>
    public JsonObject? Locals { get; set; }

    /// <summary>At a call activity: the instance it started and waits for; null otherwise.</summary>
    public Guid? CalledInstanceId { get; set; }
}

internal enum BookmarkKind
{
    WorkItem,
    Timer,
    Message,
    Signal,
}

/// <summary>
/// What a token waits for: the one mechanism for waiting (as in Elsa). <see cref="ElementId"/> is the element resumed when
/// it triggers: the task or catch event itself, a boundary event armed on the token's activity, or the start event of an
/// event sub-process armed on the token of its scope (the instance's id for the process's own scope). Stored as a work
/// item, a timer or a subscription row (message or signal), each with the bookmark's id.
/// </summary>
internal sealed record Bookmark(Guid Id, Guid TokenId, string ElementId, BookmarkKind Kind, DateTimeOffset CreatedAt)
{
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>A cycle timer's occurrences fired before this one.</summary>
    public int Occurrence { get; init; }
    public string? MessageName { get; init; }
    public string? CorrelationKey { get; init; }
}
