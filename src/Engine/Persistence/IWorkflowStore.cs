namespace DossierWorkflow.Engine.Persistence;

/// <summary>
/// The engine's storage port. The engine defines it; the domain implements it (EF Core on SQLite and PostgreSQL).
/// <para>
/// <b>Transactions.</b> Every engine command runs in one <see cref="IWorkflowStoreTransaction"/>: it loads one instance with
/// its concurrency token and only its active rows, runs to the next wait states, writes one <see cref="WorkflowChangeSet"/>
/// and commits. <see cref="BeginAsync"/> <b>joins the caller's transaction</b> when one is open: an EF store shares the
/// scoped DbContext with the domain's unit of work, so when <c>Database.CurrentTransaction</c> is set the engine's write goes
/// into it, <see cref="IWorkflowStoreTransaction.CommitAsync"/> does nothing more, and the caller's commit or rollback
/// decides for the engine's writes and its own together. This is how an officer's action commits "complete the task" and
/// "update the dossier" as one transaction at the edge. Without a caller's transaction the command begins its own.
/// </para>
/// <para>
/// <b>Concurrency.</b> <see cref="IWorkflowStoreTransaction.SaveAsync"/> must throw <see cref="WorkflowConcurrencyException"/>
/// when the instance's <see cref="StoredInstance.Version"/> is no longer the expected one, when an instance or definition
/// version being inserted already exists, or on any unique-key conflict of these tables. Nothing of the command may then
/// be committed: its own transaction is rolled back when disposed; inside the caller's transaction the exception says
/// <see cref="WorkflowConcurrencyException.CallerMustRollBack"/> when part of the write may be there, and the caller's
/// unit of work fails as a whole.
/// </para>
/// <para>
/// <b>Cost.</b> Every read below is answerable through an index whose cost does not grow with an instance's history or the
/// number of definition versions (see each stored record for its index).
/// </para>
/// </summary>
public interface IWorkflowStore
{
    /// <summary>Begins a command's transaction, or joins the caller's ambient one (see the type's remarks).</summary>
    Task<IWorkflowStoreTransaction> BeginAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="batchSize"/> timers due at <paramref name="now"/> and not leased by another worker
    /// (<c>LockedUntil</c> null or past), in due order, leasing them to <paramref name="workerId"/> until
    /// <paramref name="leaseUntil"/>. Runs in its own short transaction; on PostgreSQL:
    /// <c>UPDATE timers SET locked_by=@w, locked_until=@l WHERE id IN (SELECT id FROM timers WHERE due_at &lt;= @now AND
    /// (locked_until IS NULL OR locked_until &lt; @now) ORDER BY due_at LIMIT @n FOR UPDATE SKIP LOCKED) RETURNING *</c>.
    /// </summary>
    Task<IReadOnlyList<StoredTimer>> ClaimDueTimersAsync(DateTimeOffset now, int batchSize, string workerId, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default);

    /// <summary>The same lease-based claim for pending outbox messages whose <c>NextAttemptAt</c> has come.</summary>
    Task<IReadOnlyList<StoredOutboxMessage>> ClaimDueOutboxMessagesAsync(DateTimeOffset now, int batchSize, string workerId, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default);

    /// <summary>Writes the outcome of one delivery attempt (delivered, rescheduled or failed) of a claimed outbox message.</summary>
    Task UpdateOutboxMessageAsync(StoredOutboxMessage message, CancellationToken cancellationToken = default);

    /// <summary>Open incidents whose automatic retry is due, by (Status, NextRetryAt).</summary>
    Task<IReadOnlyList<StoredIncident>> FindRetryableIncidentsAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken = default);

    // Queries (read committed, no transaction needed).

    Task<StoredInstance?> FindInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default);

    /// <summary>The instances call activities of <paramref name="parentInstanceId"/> started, by start time (index ParentInstanceId).</summary>
    Task<IReadOnlyList<StoredInstance>> FindCalledInstancesAsync(Guid parentInstanceId, CancellationToken cancellationToken = default);

    Task<StoredWorkItem?> FindWorkItemAsync(Guid workItemId, CancellationToken cancellationToken = default);

    /// <summary>Work items for queues; every filter is optional and they combine with AND. Ordered by CreatedAt then Id.</summary>
    Task<IReadOnlyList<StoredWorkItem>> QueryWorkItemsAsync(WorkItemFilter filter, CancellationToken cancellationToken = default);

    /// <summary>The journal of one instance, ordered by sequence, from <paramref name="afterSequence"/> (exclusive).</summary>
    Task<IReadOnlyList<StoredJournalEntry>> GetJournalAsync(Guid instanceId, long afterSequence = 0, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StoredIncident>> QueryIncidentsAsync(IncidentFilter filter, CancellationToken cancellationToken = default);

    Task<StoredIncident?> FindIncidentAsync(Guid incidentId, CancellationToken cancellationToken = default);

    /// <summary>The message (not signal) subscriptions for a message name and correlation key.</summary>
    Task<IReadOnlyList<StoredMessageSubscription>> FindMessageSubscriptionsAsync(string messageName, string correlationKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="batchSize"/> signal subscriptions for <paramref name="signalName"/> created at or before
    /// <paramref name="createdUpTo"/>, oldest first (index (MessageName, CorrelationKey): a signal's key is empty).
    /// </summary>
    Task<IReadOnlyList<StoredMessageSubscription>> FindSignalSubscriptionsAsync(string signalName, DateTimeOffset createdUpTo, int batchSize, CancellationToken cancellationToken = default);

    Task<StoredDefinition?> FindDefinitionAsync(string key, int version, CancellationToken cancellationToken = default);
}

/// <summary>One command's unit of work on the store. Disposing without <see cref="CommitAsync"/> rolls back.</summary>
public interface IWorkflowStoreTransaction : IAsyncDisposable
{
    /// <summary>True when this transaction joined the caller's transaction (its commit then does nothing).</summary>
    bool JoinsAmbientTransaction { get; }

    Task<StoredDefinition?> FindDefinitionAsync(string key, int version, CancellationToken cancellationToken = default);

    /// <summary>
    /// The highest version of <paramref name="key"/>, by the (Key, Version) index read backwards — without its
    /// <see cref="StoredDefinition.Source"/>: starting an instance needs only which version runs, whose compiled form is
    /// usually cached; <see cref="FindDefinitionAsync"/> reads the source when it is not.
    /// </summary>
    Task<StoredDefinition?> FindLatestDefinitionAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Inserts a definition version; a duplicate (Key, Version) is a <see cref="WorkflowConcurrencyException"/>.</summary>
    Task AddDefinitionAsync(StoredDefinition definition, CancellationToken cancellationToken = default);

    /// <summary>
    /// Loads one instance with its concurrency token and only its active rows: tokens, open work items, timers, message
    /// subscriptions and open incidents. Never its journal or closed work items. Null when the instance does not exist.
    /// </summary>
    Task<StoredInstanceState?> LoadInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Loads the instance a work item belongs to, as <see cref="LoadInstanceAsync"/> does, together with that work item
    /// whatever its status, read consistently with the instance: an item open at the loaded version is one of
    /// <see cref="StoredInstanceState.OpenWorkItems"/>, a closed one is not. Null when the work item does not exist. A
    /// command on a task needs no separate look-up of the item to find its instance.
    /// </summary>
    Task<StoredWorkItemInstance?> LoadInstanceOfWorkItemAsync(Guid workItemId, CancellationToken cancellationToken = default);

    Task<StoredIncident?> FindIncidentAsync(Guid incidentId, CancellationToken cancellationToken = default);

    Task<StoredOutboxMessage?> FindOutboxMessageAsync(Guid outboxMessageId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes everything one command changed, at once, into the caller's transaction or the command's own. The instance row
    /// is inserted when <see cref="WorkflowChangeSet.ExpectedVersion"/> is 0, otherwise updated only if its stored version
    /// equals it (else <see cref="WorkflowConcurrencyException"/>).
    /// </summary>
    Task SaveAsync(WorkflowChangeSet changes, CancellationToken cancellationToken = default);

    Task CommitAsync(CancellationToken cancellationToken = default);
}

/// <summary>An instance as loaded for a command: the row plus its active rows only.</summary>
public sealed record StoredInstanceState(
    StoredInstance Instance,
    IReadOnlyList<StoredToken> Tokens,
    IReadOnlyList<StoredWorkItem> OpenWorkItems,
    IReadOnlyList<StoredTimer> Timers,
    IReadOnlyList<StoredMessageSubscription> MessageSubscriptions,
    IReadOnlyList<StoredIncident> OpenIncidents);

/// <summary>
/// A work item (any status) and the instance it belongs to, as loaded for a command on the item; <see cref="Instance"/>
/// is null only when the instance row is missing.
/// </summary>
public sealed record StoredWorkItemInstance(StoredWorkItem WorkItem, StoredInstanceState? Instance);

/// <summary>Rows of one table changed by a command.</summary>
public sealed record RowChanges<T>(IReadOnlyList<T> Added, IReadOnlyList<T> Updated, IReadOnlyList<Guid> Deleted)
{
    public static RowChanges<T> None { get; } = new([], [], []);

    public bool IsEmpty => Added.Count == 0 && Updated.Count == 0 && Deleted.Count == 0;
}

/// <summary>
/// Everything one command wrote, saved in one transaction. <see cref="Instance"/> carries the new version
/// (<see cref="ExpectedVersion"/> + 1).
/// </summary>
public sealed record WorkflowChangeSet(
    StoredInstance Instance,
    long ExpectedVersion,
    RowChanges<StoredToken> Tokens,
    RowChanges<StoredWorkItem> WorkItems,
    RowChanges<StoredTimer> Timers,
    RowChanges<StoredMessageSubscription> MessageSubscriptions,
    RowChanges<StoredIncident> Incidents,
    RowChanges<StoredOutboxMessage> Outbox,
    IReadOnlyList<StoredJournalEntry> Journal)
{
    /// <summary>
    /// The instance as loaded before the command (null for a new instance): the changes were computed from it, and a store
    /// may write only the columns of an updated row that differ from its loaded row.
    /// </summary>
    public StoredInstanceState? Original { get; init; }
}

/// <summary>A queue query over work items; null filters are ignored.</summary>
public sealed record WorkItemFilter
{
    public WorkItemStatus? Status { get; init; } = WorkItemStatus.Open;
    public string? CandidateRole { get; init; }
    public string? UnitScope { get; init; }
    public string? CandidateUnit { get; init; }
    public string? Assignee { get; init; }
    public Guid? InstanceId { get; init; }
    public string? BusinessKey { get; init; }

    /// <summary>Only items nobody holds (a shared queue).</summary>
    public bool UnassignedOnly { get; init; }

    /// <summary>Only items routed to no unit (<see cref="StoredWorkItem.CandidateUnit"/> null): the organisation could not place them.</summary>
    public bool UnroutedOnly { get; init; }

    /// <summary>Only items of this definition (a procedure's workflow).</summary>
    public string? DefinitionKey { get; init; }

    /// <summary>Only items at this element (a step of the definition).</summary>
    public string? ElementId { get; init; }

    /// <summary>Only items due at or after this moment.</summary>
    public DateTimeOffset? DueFrom { get; init; }

    /// <summary>Only items due before this moment.</summary>
    public DateTimeOffset? DueBefore { get; init; }

    /// <summary>Only items with no due time.</summary>
    public bool NoDueOnly { get; init; }

    /// <summary>Oldest first (the default), or soonest due first (items without a due time last).</summary>
    public WorkItemOrder Order { get; init; } = WorkItemOrder.Created;

    public int Skip { get; init; }
    public int Take { get; init; } = 100;
}

public enum WorkItemOrder
{
    Created,
    Due,
}

public sealed record IncidentFilter
{
    public IncidentStatus? Status { get; init; } = IncidentStatus.Open;
    public Guid? InstanceId { get; init; }
    public int Skip { get; init; }
    public int Take { get; init; } = 100;
}
