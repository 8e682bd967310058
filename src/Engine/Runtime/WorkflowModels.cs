using DossierWorkflow.Engine.Persistence;
using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace DossierWorkflow.Engine;

/// <summary>Starts an instance of the latest version of <see cref="DefinitionKey"/>, or of <see cref="Version"/> when given.</summary>
public sealed record StartInstance(string DefinitionKey)
{
    public int? Version { get; init; }
    public string? BusinessKey { get; init; }
    public JsonObject? Variables { get; init; }
    public string? Actor { get; init; }
}

/// <summary>Completes an open task. <see cref="Outcome"/> must be one of the task's offered outcomes when it offers any.</summary>
public sealed record CompleteWorkItem(Guid WorkItemId)
{
    public string? Outcome { get; init; }
    public JsonObject? Variables { get; init; }
    public string? Comment { get; init; }
    public string? Actor { get; init; }

    /// <summary>
    /// The task as the caller has just read it (<see cref="IWorkflowEngine.ReadWorkItemAsync"/>): the command then loads
    /// nothing more. Its write is checked against the version read, so a read gone stale fails as a conflict.
    /// </summary>
    public WorkItemRead? Read { get; init; }
}

/// <summary>
/// A message to an external handler queued on behalf of an instance from outside its workflow (the domain telling the
/// applicant that their appointment moved): see <see cref="IWorkflowEngine.QueueExternalMessageAsync"/>.
/// </summary>
/// <param name="InstanceId">The instance the message belongs to (running or ended): its incidents show a failed delivery.</param>
/// <param name="Handler">The external handler's <c>dw:handler</c> name.</param>
/// <param name="Source">What queued it, in the journal and in the incident when delivery fails (e.g. <c>dossier:accepted</c>).</param>
/// <param name="IdempotencyKey">Stays the same on every redelivery; unique among all outbox messages.</param>
public sealed record QueueExternalMessage(Guid InstanceId, string Handler, string Source, string IdempotencyKey)
{
    /// <summary>What the handler receives as <see cref="Handlers.ExternalTaskMessage.Parameters"/>.</summary>
    public ImmutableDictionary<string, string> Parameters { get; init; } = ImmutableDictionary<string, string>.Empty;

    public string? Actor { get; init; }
}

/// <summary>
/// A task read together with its instance's active rows, in one round trip, for a command on it that the caller runs next
/// (after checking, say, that the officer may act on it). Handed to the command explicitly; the engine keeps nothing.
/// </summary>
public sealed class WorkItemRead
{
    internal WorkItemRead(WorkItem item, StoredWorkItemInstance stored)
    {
        Item = item;
        Stored = stored;
    }

    public WorkItem Item { get; }

    internal StoredWorkItemInstance Stored { get; }
}

public sealed record DeploymentResult(string Key, int Version, string ContentHash, bool Created);

/// <summary>Where an instance is: its status, the elements holding tokens, its open tasks and open incidents.</summary>
public sealed record InstancePosition(
    Guid InstanceId,
    string DefinitionKey,
    int DefinitionVersion,
    string? BusinessKey,
    InstanceStatus Status,
    string? Result,
    long Version,
    ImmutableArray<string> ActiveElementIds,
    ImmutableArray<WorkItem> OpenWorkItems,
    ImmutableArray<Incident> OpenIncidents,
    JsonObject Variables);

/// <summary>A user task as officers see it.</summary>
public sealed record WorkItem(
    Guid Id,
    Guid InstanceId,
    string DefinitionKey,
    int DefinitionVersion,
    string? BusinessKey,
    string ElementId,
    string Name,
    string? CandidateRole,
    string? UnitScope,
    string? CandidateUnit,
    string? Form,
    ImmutableArray<string> Outcomes,
    string? Assignee,
    string? Owner,
    WorkItemStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt,
    string? Outcome,
    string? Comment,
    string? CompletedBy,
    DateTimeOffset? CompletedAt);

/// <summary>One journal line: who did what, when, at which element, with which outcome and comment.</summary>
public sealed record JournalEntry(
    Guid InstanceId,
    long Sequence,
    DateTimeOffset At,
    JournalEntryKind Kind,
    string? ElementId,
    string? ElementName,
    string? Actor,
    Guid? WorkItemId,
    string? CandidateRole,
    string? UnitScope,
    string? Assignee,
    string? PreviousAssignee,
    string? Outcome,
    string? Comment,
    DateTimeOffset? DueAt,
    string? Detail);

public sealed record Incident(
    Guid Id,
    Guid InstanceId,
    string ElementId,
    IncidentKind Kind,
    string Message,
    int Attempts,
    IncidentStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextRetryAt,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy);

/// <summary>The instances a message was delivered to; empty when no subscription matched.</summary>
public sealed record MessageDelivery(string MessageName, string CorrelationKey, ImmutableArray<Guid> InstanceIds)
{
    public bool Delivered => !InstanceIds.IsEmpty;
}

/// <summary>An instance a call activity started, as its caller lists it.</summary>
public sealed record CalledInstance(
    Guid InstanceId,
    string DefinitionKey,
    int DefinitionVersion,
    InstanceStatus Status,
    string? Result,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt);

/// <summary>The instances a broadcast signal reached (each resumed in its own command), and how many reads of waits it took.</summary>
public sealed record SignalBroadcast(string SignalName, ImmutableArray<Guid> InstanceIds, int Batches);

/// <summary>
/// A relocation of an instance's tokens (see <see cref="IWorkflowEngine.RelocateAsync"/>): to <see cref="ToVersion"/>
/// (null: its own version), each token at a step named in <see cref="Moves"/> to the step it maps to, every other token
/// to the step of the same id. On the same version only the tokens at a step named in <see cref="Moves"/> move (to the
/// same step again: the step is repeated); onto another version all move.
/// </summary>
public sealed record RelocateInstance(Guid InstanceId, string Actor, string Reason)
{
    public int? ToVersion { get; init; }

    public IReadOnlyDictionary<string, string> Moves { get; init; } = new Dictionary<string, string>();
}
