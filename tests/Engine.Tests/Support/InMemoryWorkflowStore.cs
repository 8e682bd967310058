using System.Collections.Immutable;
using DossierWorkflow.Engine.Persistence;

namespace DossierWorkflow.Engine.Tests.Support;

/// <summary>
/// The storage port in memory, behaving like a database where it matters for the engine: committed state is an
/// immutable snapshot swapped under a lock; a transaction buffers its writes and applies them all or none at commit;
/// the instance version is checked at save (like <c>UPDATE … WHERE version = @expected</c>) and again at commit, so two
/// racing commands cannot both commit; unique keys are enforced. A <see cref="BeginUnitOfWork"/> plays the caller's
/// ambient transaction: engine transactions begun inside it join it, and only its commit publishes their writes.
/// </summary>
public sealed class InMemoryWorkflowStore : IWorkflowStore
{
    private readonly Lock _gate = new();
    private readonly AsyncLocal<InMemoryUnitOfWork?> _ambient = new();
    private StoreData _committed = StoreData.Empty;

    internal StoreData Committed => Volatile.Read(ref _committed);

    /// <summary>Opens the caller's transaction (the domain's unit of work) for the current async flow.</summary>
    public InMemoryUnitOfWork BeginUnitOfWork()
    {
        var unit = new InMemoryUnitOfWork(this, Committed);
        _ambient.Value = unit;
        return unit;
    }

    internal void EndUnitOfWork(InMemoryUnitOfWork unit)
    {
        if (_ambient.Value == unit)
        {
            _ambient.Value = null;
        }
    }

    /// <summary>Applies writes atomically: either every operation succeeds on the committed state or nothing changes.</summary>
    internal void Apply(IReadOnlyList<Func<StoreData, StoreData>> writes)
    {
        lock (_gate)
        {
            var data = _committed;
            foreach (var write in writes)
            {
                data = write(data);
            }

            Volatile.Write(ref _committed, data);
        }
    }

    public Task<IWorkflowStoreTransaction> BeginAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IWorkflowStoreTransaction>(new InMemoryTransaction(this, _ambient.Value));

    public Task<IReadOnlyList<StoredTimer>> ClaimDueTimersAsync(DateTimeOffset now, int batchSize, string workerId, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var claimed = _committed.Timers.Values
                .Where(t => t.DueAt <= now && (t.LockedUntil is null || t.LockedUntil < now))
                .OrderBy(t => t.DueAt).ThenBy(t => t.Id)
                .Take(batchSize)
                .Select(t => t with { LockedBy = workerId, LockedUntil = leaseUntil })
                .ToList();
            Volatile.Write(ref _committed, _committed with { Timers = _committed.Timers.SetItems(claimed.Select(t => KeyValuePair.Create(t.Id, t))) });
            return Task.FromResult<IReadOnlyList<StoredTimer>>(claimed);
        }
    }

    public Task<IReadOnlyList<StoredOutboxMessage>> ClaimDueOutboxMessagesAsync(DateTimeOffset now, int batchSize, string workerId, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var claimed = _committed.Outbox.Values
                .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil is null || m.LockedUntil < now))
                .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
                .Take(batchSize)
                .Select(m => m with { LockedBy = workerId, LockedUntil = leaseUntil })
                .ToList();
            Volatile.Write(ref _committed, _committed with { Outbox = _committed.Outbox.SetItems(claimed.Select(m => KeyValuePair.Create(m.Id, m))) });
            return Task.FromResult<IReadOnlyList<StoredOutboxMessage>>(claimed);
        }
    }

    public Task UpdateOutboxMessageAsync(StoredOutboxMessage message, CancellationToken cancellationToken = default)
    {
        Apply([data => data with { Outbox = data.Outbox.SetItem(message.Id, message) }]);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredIncident>> FindRetryableIncidentsAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken = default) =>
        Result<StoredIncident>(Committed.Incidents.Values
            .Where(i => i.Status == IncidentStatus.Open && i.NextRetryAt <= now)
            .OrderBy(i => i.NextRetryAt)
            .Take(batchSize));

    public Task<StoredInstance?> FindInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Committed.Instances.GetValueOrDefault(instanceId));

    public Task<IReadOnlyList<StoredInstance>> FindCalledInstancesAsync(Guid parentInstanceId, CancellationToken cancellationToken = default) =>
        Result<StoredInstance>(Committed.Instances.Values.Where(i => i.ParentInstanceId == parentInstanceId).OrderBy(i => i.StartedAt));

    public Task<StoredWorkItem?> FindWorkItemAsync(Guid workItemId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Committed.WorkItems.GetValueOrDefault(workItemId));

    public Task<IReadOnlyList<StoredWorkItem>> QueryWorkItemsAsync(WorkItemFilter filter, CancellationToken cancellationToken = default) =>
        Result<StoredWorkItem>(Committed.WorkItems.Values
            .Where(w => filter.Status is null || w.Status == filter.Status)
            .Where(w => filter.CandidateRole is null || w.CandidateRole == filter.CandidateRole)
            .Where(w => filter.UnitScope is null || w.UnitScope == filter.UnitScope)
            .Where(w => filter.CandidateUnit is null || w.CandidateUnit == filter.CandidateUnit)
            .Where(w => !filter.UnroutedOnly || w.CandidateUnit == null)
            .Where(w => filter.Assignee is null || w.Assignee == filter.Assignee)
            .Where(w => filter.InstanceId is null || w.InstanceId == filter.InstanceId)
            .Where(w => filter.BusinessKey is null || w.BusinessKey == filter.BusinessKey)
            .Where(w => !filter.UnassignedOnly || w.Assignee is null)
            .Where(w => filter.DefinitionKey is null || w.DefinitionKey == filter.DefinitionKey)
            .Where(w => filter.ElementId is null || w.ElementId == filter.ElementId)
            .Where(w => filter.DueFrom is null || w.DueAt >= filter.DueFrom)
            .Where(w => filter.DueBefore is null || w.DueAt < filter.DueBefore)
            .Where(w => !filter.NoDueOnly || w.DueAt is null)
            .OrderBy(w => filter.Order == WorkItemOrder.Due ? w.DueAt is null : false)
            .ThenBy(w => filter.Order == WorkItemOrder.Due ? w.DueAt : null)
            .ThenBy(w => w.CreatedAt).ThenBy(w => w.Id)
            .Skip(filter.Skip)
            .Take(filter.Take));

    public Task<IReadOnlyList<StoredJournalEntry>> GetJournalAsync(Guid instanceId, long afterSequence = 0, CancellationToken cancellationToken = default) =>
        Result<StoredJournalEntry>(Committed.Journal.GetValueOrDefault(instanceId, []).Where(e => e.Sequence > afterSequence));

    public Task<IReadOnlyList<StoredIncident>> QueryIncidentsAsync(IncidentFilter filter, CancellationToken cancellationToken = default) =>
        Result<StoredIncident>(Committed.Incidents.Values
            .Where(i => filter.Status is null || i.Status == filter.Status)
            .Where(i => filter.InstanceId is null || i.InstanceId == filter.InstanceId)
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id)
            .Skip(filter.Skip)
            .Take(filter.Take));

    public Task<StoredIncident?> FindIncidentAsync(Guid incidentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Committed.Incidents.GetValueOrDefault(incidentId));

    public Task<IReadOnlyList<StoredMessageSubscription>> FindMessageSubscriptionsAsync(string messageName, string correlationKey, CancellationToken cancellationToken = default) =>
        Result<StoredMessageSubscription>(Committed.Subscriptions.Values.Where(s => s.MessageName == messageName && s.CorrelationKey == correlationKey && !s.IsSignal).OrderBy(s => s.CreatedAt));

    public Task<IReadOnlyList<StoredMessageSubscription>> FindSignalSubscriptionsAsync(string signalName, DateTimeOffset createdUpTo, int batchSize, CancellationToken cancellationToken = default)
    {
        var batch = Committed.Subscriptions.Values.Where(s => s.IsSignal && s.MessageName == signalName && s.CreatedAt <= createdUpTo).OrderBy(s => s.CreatedAt).Take(batchSize).ToList();
        LargestSignalBatch = Math.Max(LargestSignalBatch, batch.Count);
        return Result<StoredMessageSubscription>(batch);
    }

    /// <summary>The most signal subscriptions one read returned (a broadcast reads in bounded batches).</summary>
    public int LargestSignalBatch { get; private set; }

    public Task<StoredDefinition?> FindDefinitionAsync(string key, int version, CancellationToken cancellationToken = default) =>
        Task.FromResult(Committed.Definitions.GetValueOrDefault((key, version)));

    private static Task<IReadOnlyList<T>> Result<T>(IEnumerable<T> rows) => Task.FromResult<IReadOnlyList<T>>([.. rows]);
}

/// <summary>The caller's transaction: engine commands begun inside it join it; nothing is visible to others before <see cref="Commit"/>.</summary>
public sealed class InMemoryUnitOfWork : IDisposable
{
    private readonly InMemoryWorkflowStore _store;
    private readonly List<Func<StoreData, StoreData>> _writes = [];
    private readonly List<Action> _onCommit = [];
    private bool _done;

    internal InMemoryUnitOfWork(InMemoryWorkflowStore store, StoreData snapshot)
    {
        _store = store;
        Data = snapshot;
    }

    internal StoreData Data { get; private set; }

    internal void Apply(IReadOnlyList<Func<StoreData, StoreData>> writes)
    {
        var data = Data;
        foreach (var write in writes)
        {
            data = write(data);
        }

        Data = data;
        _writes.AddRange(writes);
    }

    /// <summary>A write of the caller's own (the domain's) in the same transaction.</summary>
    public void Enlist(Action write) => _onCommit.Add(write);

    public void Commit()
    {
        _store.Apply(_writes);
        _onCommit.ForEach(write => write());
        Dispose();
    }

    public void Dispose()
    {
        if (!_done)
        {
            _done = true;
            _store.EndUnitOfWork(this);
        }
    }
}

internal sealed class InMemoryTransaction(InMemoryWorkflowStore store, InMemoryUnitOfWork? unit) : IWorkflowStoreTransaction
{
    private readonly List<Func<StoreData, StoreData>> _writes = [];
    private bool _committed;

    public bool JoinsAmbientTransaction => unit is not null;

    private StoreData Read => unit?.Data ?? store.Committed;

    public Task<StoredDefinition?> FindDefinitionAsync(string key, int version, CancellationToken cancellationToken = default) =>
        Task.FromResult(Read.Definitions.GetValueOrDefault((key, version)));

    public Task<StoredDefinition?> FindLatestDefinitionAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(Read.Definitions.Values.Where(d => d.Key == key).MaxBy(d => d.Version) is { } latest ? latest with { Source = null } : null);

    public Task AddDefinitionAsync(StoredDefinition definition, CancellationToken cancellationToken = default)
    {
        Write(data => data.Definitions.ContainsKey((definition.Key, definition.Version))
            ? throw new WorkflowConcurrencyException($"Version {definition.Version} of definition '{definition.Key}' was deployed concurrently.")
            : data with { Definitions = data.Definitions.Add((definition.Key, definition.Version), definition) });
        return Task.CompletedTask;
    }

    public async Task<StoredInstanceState?> LoadInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        // A database round trip lets other commands interleave; so does yielding here.
        await Task.Yield();
        return Load(Read, instanceId);
    }

    private static StoredInstanceState? Load(StoreData data, Guid instanceId)
    {
        if (!data.Instances.TryGetValue(instanceId, out var instance))
        {
            return null;
        }

        return new StoredInstanceState(
            instance,
            [.. data.Tokens.Values.Where(t => t.InstanceId == instanceId)],
            [.. data.WorkItems.Values.Where(w => w.InstanceId == instanceId && w.Status == WorkItemStatus.Open)],
            [.. data.Timers.Values.Where(t => t.InstanceId == instanceId)],
            [.. data.Subscriptions.Values.Where(s => s.InstanceId == instanceId)],
            [.. data.Incidents.Values.Where(i => i.InstanceId == instanceId && i.Status == IncidentStatus.Open)]);
    }

    public async Task<StoredWorkItemInstance?> LoadInstanceOfWorkItemAsync(Guid workItemId, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        var data = Read;
        return data.WorkItems.GetValueOrDefault(workItemId) is { } item ? new StoredWorkItemInstance(item, Load(data, item.InstanceId)) : null;
    }

    public Task<StoredIncident?> FindIncidentAsync(Guid incidentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Read.Incidents.GetValueOrDefault(incidentId));

    public Task<StoredOutboxMessage?> FindOutboxMessageAsync(Guid outboxMessageId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Read.Outbox.GetValueOrDefault(outboxMessageId));

    public async Task SaveAsync(WorkflowChangeSet changes, CancellationToken cancellationToken = default)
    {
        await Task.Yield();

        // Checked now, like the UPDATE of a database, and again at commit, where the decision is made.
        StoreData.CheckVersion(Read, changes);
        Write(data => data.Apply(changes));
    }

    public Task CommitAsync(CancellationToken cancellationToken = default)
    {
        if (_committed)
        {
            throw new InvalidOperationException("The transaction is already committed.");
        }

        if (unit is not null)
        {
            unit.Apply(_writes);
        }
        else
        {
            store.Apply(_writes);
        }

        _committed = true;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void Write(Func<StoreData, StoreData> write) => _writes.Add(write);
}

/// <summary>The tables, as one immutable value.</summary>
internal sealed record StoreData(
    ImmutableDictionary<(string Key, int Version), StoredDefinition> Definitions,
    ImmutableDictionary<Guid, StoredInstance> Instances,
    ImmutableDictionary<Guid, StoredToken> Tokens,
    ImmutableDictionary<Guid, StoredWorkItem> WorkItems,
    ImmutableDictionary<Guid, StoredTimer> Timers,
    ImmutableDictionary<Guid, StoredMessageSubscription> Subscriptions,
    ImmutableDictionary<Guid, StoredIncident> Incidents,
    ImmutableDictionary<Guid, StoredOutboxMessage> Outbox,
    ImmutableDictionary<Guid, ImmutableList<StoredJournalEntry>> Journal)
{
    public static StoreData Empty { get; } = new([], [], [], [], [], [], [], [], []);

    public static void CheckVersion(StoreData data, WorkflowChangeSet changes)
    {
        var id = changes.Instance.Id;
        var exists = data.Instances.TryGetValue(id, out var current);
        if (changes.ExpectedVersion == 0 ? exists : !exists || current!.Version != changes.ExpectedVersion)
        {
            throw new WorkflowConcurrencyException(
                $"Workflow instance {id} was changed by another command (expected version {changes.ExpectedVersion}, found {(exists ? current!.Version : "none")}). Reload and try again.");
        }
    }

    public StoreData Apply(WorkflowChangeSet changes)
    {
        CheckVersion(this, changes);
        var journal = Journal.GetValueOrDefault(changes.Instance.Id, []);
        if (changes.Journal.Count > 0 && journal.Count > 0 && changes.Journal[0].Sequence <= journal[^1].Sequence)
        {
            throw new WorkflowConcurrencyException($"Journal sequence {changes.Journal[0].Sequence} of instance {changes.Instance.Id} already exists.");
        }

        return this with
        {
            Instances = Instances.SetItem(changes.Instance.Id, changes.Instance),
            Tokens = Merge(Tokens, changes.Tokens, t => t.Id),
            WorkItems = Merge(WorkItems, changes.WorkItems, w => w.Id),
            Timers = Merge(Timers, changes.Timers, t => t.Id),
            Subscriptions = Merge(Subscriptions, changes.MessageSubscriptions, s => s.Id),
            Incidents = Merge(Incidents, changes.Incidents, i => i.Id),
            Outbox = Merge(Outbox, changes.Outbox, m => m.Id),
            Journal = changes.Journal.Count == 0 ? Journal : Journal.SetItem(changes.Instance.Id, journal.AddRange(changes.Journal)),
        };
    }

    private static ImmutableDictionary<Guid, T> Merge<T>(ImmutableDictionary<Guid, T> table, RowChanges<T> changes, Func<T, Guid> id)
    {
        foreach (var row in changes.Added)
        {
            if (table.ContainsKey(id(row)))
            {
                throw new WorkflowConcurrencyException($"A {typeof(T).Name} with id {id(row)} already exists.");
            }
        }

        return table.RemoveRange(changes.Deleted).SetItems(changes.Added.Concat(changes.Updated).Select(r => KeyValuePair.Create(id(r), r)));
    }
}
