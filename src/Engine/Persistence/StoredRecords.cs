namespace DossierWorkflow.Engine.Persistence;

// Stored records: the persistence models of the engine, one per table. They are flat, immutable and carry only scalar
// columns, so an EF Core store can map each with one IEntityTypeConfiguration and copy them freely. The runtime works on
// its own models (Runtime/InstanceState) and maps to these at the edge of a command, as Elsa separates Bookmark from
// StoredBookmark. The comment on each record names the indexes its queries need.

/// <summary>
/// A deployed definition version. Unique index (Key, Version); latest by key is answered by the same index read backwards.
/// <see cref="Source"/> is the BPMN XML the definition was compiled from (null for definitions built in code), so a cold
/// process can recompile it once and cache it.
/// </summary>
public sealed record StoredDefinition
{
    public required string Key { get; init; }
    public required int Version { get; init; }
    public string? Name { get; init; }
    public required string ContentHash { get; init; }
    public string? Source { get; init; }
    public required DateTimeOffset DeployedAt { get; init; }
    public string? DeployedBy { get; init; }
}

/// <summary>
/// One workflow instance. Primary key Id; <see cref="Version"/> is the optimistic concurrency token (every command
/// increments it with <c>UPDATE … WHERE Version = @expected</c>). <see cref="JournalSequence"/> is the last journal sequence
/// number written, so a command appends to the journal without reading it. Index (BusinessKey) for look-ups by dossier.
/// </summary>
public sealed record StoredInstance
{
    public required Guid Id { get; init; }
    public required string DefinitionKey { get; init; }
    public required int DefinitionVersion { get; init; }
    public string? BusinessKey { get; init; }

    /// <summary>For an instance a call activity started: the calling instance (index) and its token at the call activity.</summary>
    public Guid? ParentInstanceId { get; init; }
    public Guid? ParentTokenId { get; init; }
    public required InstanceStatus Status { get; init; }
    public string? Result { get; init; }
    public required string VariablesJson { get; init; }
    public required long Version { get; init; }
    public required long JournalSequence { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public string? StartedBy { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public string? EndedBy { get; init; }
    public string? EndReason { get; init; }
}

/// <summary>An active token (where the instance is). Deleted when consumed; history lives in the journal. Index (InstanceId).</summary>
public sealed record StoredToken
{
    public required Guid Id { get; init; }
    public required Guid InstanceId { get; init; }
    public required string ElementId { get; init; }
    public required TokenStatus Status { get; init; }
    public string? ArrivedViaFlowId { get; init; }

    /// <summary>The token of the sub-process or multi-instance body it runs in; null for the process's own tokens.</summary>
    public Guid? ScopeId { get; init; }

    /// <summary>For one instance of a multi-instance activity, its index.</summary>
    public int? LoopIndex { get; init; }

    /// <summary>The variables of the token's own scope (JSON object), null when it has none.</summary>
    public string? LocalsJson { get; init; }

    /// <summary>At a call activity, the instance it started and waits for.</summary>
    public Guid? CalledInstanceId { get; init; }
}

/// <summary>
/// A user task (the bookmark of a human step). Index InstanceId where Status = Open (partial) to load the open items of an
/// instance, (InstanceId, Status) for its task history, and (Status, CandidateRole, CandidateUnit), (Status, Assignee) for
/// the officers' queues. Completed rows stay as the task history.
/// </summary>
public sealed record StoredWorkItem
{
    public required Guid Id { get; init; }
    public required Guid InstanceId { get; init; }
    public required Guid TokenId { get; init; }
    public required string DefinitionKey { get; init; }
    public required int DefinitionVersion { get; init; }
    public string? BusinessKey { get; init; }
    public required string ElementId { get; init; }
    public required string Name { get; init; }
    public string? CandidateRole { get; init; }
    public string? UnitScope { get; init; }

    /// <summary>The unit the task was routed to when it was created (see <c>ICandidateUnitResolver</c>); null when not routed.</summary>
    public string? CandidateUnit { get; init; }
    public string? Form { get; init; }

    /// <summary>The offered outcomes, comma-separated; empty when the task is simply completed.</summary>
    public required string Outcomes { get; init; }
    public string? Assignee { get; init; }

    /// <summary>The officer who delegated the task (the original owner); null when never delegated.</summary>
    public string? Owner { get; init; }
    public required WorkItemStatus Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public string? Outcome { get; init; }
    public string? Comment { get; init; }
    public string? CompletedBy { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
}

/// <summary>
/// A scheduled timer. Index (DueAt) for the due-timer scan; (InstanceId) to load an instance's timers. A worker claims a
/// batch by setting <see cref="LockedBy"/>/<see cref="LockedUntil"/> (a lease) with <c>FOR UPDATE SKIP LOCKED</c>; the command
/// that fires the timer deletes the row.
/// </summary>
public sealed record StoredTimer
{
    public required Guid Id { get; init; }
    public required Guid InstanceId { get; init; }
    public required Guid TokenId { get; init; }
    public required string ElementId { get; init; }
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>For a cycle, how many times it fired before this occurrence (0: its first); 0 for other timers.</summary>
    public int Occurrence { get; init; }
    public string? LockedBy { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
}

/// <summary>
/// A message wait, or a signal wait (<see cref="IsSignal"/>: <see cref="MessageName"/> is the signal's name and the
/// correlation key empty). Index (MessageName, CorrelationKey) for delivery; (InstanceId) to load an instance's waits.
/// </summary>
public sealed record StoredMessageSubscription
{
    public required Guid Id { get; init; }
    public required Guid InstanceId { get; init; }
    public required Guid TokenId { get; init; }
    public required string ElementId { get; init; }
    public required string MessageName { get; init; }
    public required string CorrelationKey { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public bool IsSignal { get; init; }
}

/// <summary>One journal line. Primary key (InstanceId, Sequence); append-only.</summary>
public sealed record StoredJournalEntry
{
    public required Guid InstanceId { get; init; }
    public required long Sequence { get; init; }
    public required DateTimeOffset At { get; init; }
    public required JournalEntryKind Kind { get; init; }
    public string? ElementId { get; init; }
    public string? ElementName { get; init; }
    public string? Actor { get; init; }
    public Guid? WorkItemId { get; init; }
    public string? CandidateRole { get; init; }
    public string? UnitScope { get; init; }

    /// <summary>The holder of the task after this entry (claim, assign, delegate) or the officer it was completed by.</summary>
    public string? Assignee { get; init; }

    /// <summary>The holder before this entry (the "from" of a hand-off).</summary>
    public string? PreviousAssignee { get; init; }
    public string? Outcome { get; init; }
    public string? Comment { get; init; }
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Extra detail as JSON (e.g. the flow taken, the message name, an error text).</summary>
    public string? Detail { get; init; }
}

/// <summary>
/// A problem that stopped a token (failed handler, no matching gateway condition, failed external delivery). Index
/// (Status, NextRetryAt) for automatic retries, (InstanceId, Status) for an instance's open incidents.
/// </summary>
public sealed record StoredIncident
{
    public required Guid Id { get; init; }
    public required Guid InstanceId { get; init; }
    public Guid? TokenId { get; init; }
    public required string ElementId { get; init; }
    public required IncidentKind Kind { get; init; }
    public required string Message { get; init; }
    public required int Attempts { get; init; }
    public required IncidentStatus Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? NextRetryAt { get; init; }
    public Guid? OutboxMessageId { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public string? ResolvedBy { get; init; }
}

/// <summary>
/// A message to an external handler, written in the command's transaction and delivered at least once afterwards.
/// Index (Status, NextAttemptAt) for the delivery scan; <see cref="IdempotencyKey"/> is unique and stays the same on every
/// redelivery, so receivers can drop duplicates.
/// </summary>
public sealed record StoredOutboxMessage
{
    public required Guid Id { get; init; }
    public required Guid InstanceId { get; init; }
    public required string ElementId { get; init; }
    public required string Handler { get; init; }
    public required string IdempotencyKey { get; init; }

    /// <summary>JSON object: <c>{ "parameters": {…}, "variables": {…}, "businessKey": … }</c>.</summary>
    public required string PayloadJson { get; init; }
    public required OutboxStatus Status { get; init; }
    public required int Attempts { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset NextAttemptAt { get; init; }
    public string? LastError { get; init; }
    public string? LockedBy { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }
}
