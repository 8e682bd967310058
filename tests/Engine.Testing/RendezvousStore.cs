using DossierWorkflow.Engine.Persistence;

namespace DossierWorkflow.Engine.Testing;

/// <summary>
/// Wraps any store so that, while <see cref="Participants"/> is set, each command waits after loading its instance until
/// that many commands have loaded: racing commands then really read the same version before either writes, on every
/// store, without timing luck.
/// </summary>
public sealed class RendezvousStore(IWorkflowStore inner) : IWorkflowStore
{
    private Barrier? _barrier;

    /// <summary>How many commands must meet after loading; null lets commands run freely.</summary>
    public int? Participants
    {
        set
        {
            _barrier?.Dispose();
            _barrier = value is { } count ? new Barrier(count) : null;
        }
    }

    public async Task<IWorkflowStoreTransaction> BeginAsync(CancellationToken cancellationToken = default) =>
        new Transaction(await inner.BeginAsync(cancellationToken), _barrier);

    public Task<IReadOnlyList<StoredTimer>> ClaimDueTimersAsync(DateTimeOffset now, int batchSize, string workerId, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default) =>
        inner.ClaimDueTimersAsync(now, batchSize, workerId, leaseUntil, cancellationToken);

    public Task<IReadOnlyList<StoredOutboxMessage>> ClaimDueOutboxMessagesAsync(DateTimeOffset now, int batchSize, string workerId, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default) =>
        inner.ClaimDueOutboxMessagesAsync(now, batchSize, workerId, leaseUntil, cancellationToken);

    public Task UpdateOutboxMessageAsync(StoredOutboxMessage message, CancellationToken cancellationToken = default) => inner.UpdateOutboxMessageAsync(message, cancellationToken);

    public Task<IReadOnlyList<StoredIncident>> FindRetryableIncidentsAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken = default) =>
        inner.FindRetryableIncidentsAsync(now, batchSize, cancellationToken);

    public Task<StoredInstance?> FindInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default) => inner.FindInstanceAsync(instanceId, cancellationToken);

    public Task<IReadOnlyList<StoredInstance>> FindCalledInstancesAsync(Guid parentInstanceId, CancellationToken cancellationToken = default) =>
        inner.FindCalledInstancesAsync(parentInstanceId, cancellationToken);

    public Task<StoredWorkItem?> FindWorkItemAsync(Guid workItemId, CancellationToken cancellationToken = default) => inner.FindWorkItemAsync(workItemId, cancellationToken);

    public Task<IReadOnlyList<StoredWorkItem>> QueryWorkItemsAsync(WorkItemFilter filter, CancellationToken cancellationToken = default) => inner.QueryWorkItemsAsync(filter, cancellationToken);

    public Task<IReadOnlyList<StoredJournalEntry>> GetJournalAsync(Guid instanceId, long afterSequence = 0, CancellationToken cancellationToken = default) =>
        inner.GetJournalAsync(instanceId, afterSequence, cancellationToken);

    public Task<IReadOnlyList<StoredIncident>> QueryIncidentsAsync(IncidentFilter filter, CancellationToken cancellationToken = default) => inner.QueryIncidentsAsync(filter, cancellationToken);

    public Task<StoredIncident?> FindIncidentAsync(Guid incidentId, CancellationToken cancellationToken = default) => inner.FindIncidentAsync(incidentId, cancellationToken);

    public Task<IReadOnlyList<StoredMessageSubscription>> FindMessageSubscriptionsAsync(string messageName, string correlationKey, CancellationToken cancellationToken = default) =>
        inner.FindMessageSubscriptionsAsync(messageName, correlationKey, cancellationToken);

    public Task<IReadOnlyList<StoredMessageSubscription>> FindSignalSubscriptionsAsync(string signalName, DateTimeOffset createdUpTo, int batchSize, CancellationToken cancellationToken = default) =>
        inner.FindSignalSubscriptionsAsync(signalName, createdUpTo, batchSize, cancellationToken);

    public Task<StoredDefinition?> FindDefinitionAsync(string key, int version, CancellationToken cancellationToken = default) => inner.FindDefinitionAsync(key, version, cancellationToken);

    private sealed class Transaction(IWorkflowStoreTransaction inner, Barrier? barrier) : IWorkflowStoreTransaction
    {
        public bool JoinsAmbientTransaction => inner.JoinsAmbientTransaction;

        public async Task<StoredInstanceState?> LoadInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default)
        {
            var loaded = await inner.LoadInstanceAsync(instanceId, cancellationToken);
            await MeetAsync(cancellationToken);
            return loaded;
        }

        public async Task<StoredWorkItemInstance?> LoadInstanceOfWorkItemAsync(Guid workItemId, CancellationToken cancellationToken = default)
        {
            var loaded = await inner.LoadInstanceOfWorkItemAsync(workItemId, cancellationToken);
            await MeetAsync(cancellationToken);
            return loaded;
        }

        public Task<StoredDefinition?> FindDefinitionAsync(string key, int version, CancellationToken cancellationToken = default) => inner.FindDefinitionAsync(key, version, cancellationToken);

        public Task<StoredDefinition?> FindLatestDefinitionAsync(string key, CancellationToken cancellationToken = default) => inner.FindLatestDefinitionAsync(key, cancellationToken);

        public Task AddDefinitionAsync(StoredDefinition definition, CancellationToken cancellationToken = default) => inner.AddDefinitionAsync(definition, cancellationToken);

        public Task<StoredIncident?> FindIncidentAsync(Guid incidentId, CancellationToken cancellationToken = default) => inner.FindIncidentAsync(incidentId, cancellationToken);

        public Task<StoredOutboxMessage?> FindOutboxMessageAsync(Guid outboxMessageId, CancellationToken cancellationToken = default) =>
            inner.FindOutboxMessageAsync(outboxMessageId, cancellationToken);

        public Task SaveAsync(WorkflowChangeSet changes, CancellationToken cancellationToken = default) => inner.SaveAsync(changes, cancellationToken);

        public Task CommitAsync(CancellationToken cancellationToken = default) => inner.CommitAsync(cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();

        private async Task MeetAsync(CancellationToken cancellationToken)
        {
            if (barrier is not null)
            {
                await Task.Run(() => barrier.SignalAndWait(TimeSpan.FromSeconds(10)), cancellationToken);
            }
        }
    }
}
