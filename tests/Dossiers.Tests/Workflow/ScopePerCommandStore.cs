using DossierWorkflow.Engine.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.Dossiers.Tests.Workflow;

/// <summary>
/// The registered (scoped) store, resolved from a new scope for every command and query, so concurrent commands in a test
/// run on separate DbContexts and connections exactly as concurrent requests and workers do. A command's scope lives until
/// its transaction is disposed.
/// </summary>
internal sealed class ScopePerCommandStore(IServiceScopeFactory scopes) : IWorkflowStore
{
    public async Task<IWorkflowStoreTransaction> BeginAsync(CancellationToken cancellationToken = default)
    {
        var scope = scopes.CreateAsyncScope();
        var transaction = await Resolve(scope).BeginAsync(cancellationToken);
        return new ScopedTransaction(transaction, scope);
    }

    public Task<IReadOnlyList<StoredTimer>> ClaimDueTimersAsync(DateTimeOffset now, int batchSize, string workerId, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default) =>
        InScopeAsync(store => store.ClaimDueTimersAsync(now, batchSize, workerId, leaseUntil, cancellationToken));

    public Task<IReadOnlyList<StoredOutboxMessage>> ClaimDueOutboxMessagesAsync(DateTimeOffset now, int batchSize, string workerId, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default) =>
        InScopeAsync(store => store.ClaimDueOutboxMessagesAsync(now, batchSize, workerId, leaseUntil, cancellationToken));

    public Task UpdateOutboxMessageAsync(StoredOutboxMessage message, CancellationToken cancellationToken = default) =>
        InScopeAsync(async store =>
        {
            await store.UpdateOutboxMessageAsync(message, cancellationToken);
            return true;
        });

    public Task<IReadOnlyList<StoredIncident>> FindRetryableIncidentsAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken = default) =>
        InScopeAsync(store => store.FindRetryableIncidentsAsync(now, batchSize, cancellationToken));

    public Task<StoredInstance?> FindInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default) =>
        InScopeAsync(store => store.FindInstanceAsync(instanceId, cancellationToken));

    public Task<IReadOnlyList<StoredInstance>> FindCalledInstancesAsync(Guid parentInstanceId, CancellationToken cancellationToken = default) =>
        InScopeAsync(store => store.FindCalledInstancesAsync(parentInstanceId, cancellationToken));

    public Task<StoredWorkItem?> FindWorkItemAsync(Guid workItemId, CancellationToken cancellationToken = default) =>
        InScopeAsync(store => store.FindWorkItemAsync(workItemId, cancellationToken));

    public Task<IReadOnlyList<StoredWorkItem>> QueryWorkItemsAsync(WorkItemFilter filter, CancellationToken cancellationToken = default) =>
        InScopeAsync(store => store.QueryWorkItemsAsync(filter, cancellationToken));

    public Task<IReadOnlyList<StoredJournalEntry>> GetJournalAsync(Guid instanceId, long afterSequence = 0, CancellationToken cancellationToken = default) =>
        InScopeAsync(store => store.GetJournalAsync(instanceId, afterSequence, cancellationToken));

    public Task<IReadOnlyList<StoredIncident>> QueryIncidentsAsync(IncidentFilter filter, CancellationToken cancellationToken = default) =>
        InScopeAsync(store => store.QueryIncidentsAsync(filter, cancellationToken));

    public Task<StoredIncident?> FindIncidentAsync(Guid incidentId, CancellationToken cancellationToken = default) =>
        InScopeAsync(store => store.FindIncidentAsync(incidentId, cancellationToken));

    public Task<IReadOnlyList<StoredMessageSubscription>> FindMessageSubscriptionsAsync(string messageName, string correlationKey, CancellationToken cancellationToken = default) =>
        InScopeAsync(store => store.FindMessageSubscriptionsAsync(messageName, correlationKey, cancellationToken));

    public Task<IReadOnlyList<StoredMessageSubscription>> FindSignalSubscriptionsAsync(string signalName, DateTimeOffset createdUpTo, int batchSize, CancellationToken cancellationToken = default) =>
        InScopeAsync(store => store.FindSignalSubscriptionsAsync(signalName, createdUpTo, batchSize, cancellationToken));

    public Task<StoredDefinition?> FindDefinitionAsync(string key, int version, CancellationToken cancellationToken = default) =>
        InScopeAsync(store => store.FindDefinitionAsync(key, version, cancellationToken));

    private static IWorkflowStore Resolve(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<IWorkflowStore>();

    private async Task<T> InScopeAsync<T>(Func<IWorkflowStore, Task<T>> query)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await query(Resolve(scope));
    }

    private sealed class ScopedTransaction(IWorkflowStoreTransaction inner, AsyncServiceScope scope) : IWorkflowStoreTransaction
    {
        public bool JoinsAmbientTransaction => inner.JoinsAmbientTransaction;

        public Task<StoredDefinition?> FindDefinitionAsync(string key, int version, CancellationToken cancellationToken = default) => inner.FindDefinitionAsync(key, version, cancellationToken);

        public Task<StoredDefinition?> FindLatestDefinitionAsync(string key, CancellationToken cancellationToken = default) => inner.FindLatestDefinitionAsync(key, cancellationToken);

        public Task AddDefinitionAsync(StoredDefinition definition, CancellationToken cancellationToken = default) => inner.AddDefinitionAsync(definition, cancellationToken);

        public Task<StoredInstanceState?> LoadInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default) => inner.LoadInstanceAsync(instanceId, cancellationToken);

        public Task<StoredWorkItemInstance?> LoadInstanceOfWorkItemAsync(Guid workItemId, CancellationToken cancellationToken = default) =>
            inner.LoadInstanceOfWorkItemAsync(workItemId, cancellationToken);

        public Task<StoredIncident?> FindIncidentAsync(Guid incidentId, CancellationToken cancellationToken = default) => inner.FindIncidentAsync(incidentId, cancellationToken);

        public Task<StoredOutboxMessage?> FindOutboxMessageAsync(Guid outboxMessageId, CancellationToken cancellationToken = default) => inner.FindOutboxMessageAsync(outboxMessageId, cancellationToken);

        public Task SaveAsync(WorkflowChangeSet changes, CancellationToken cancellationToken = default) => inner.SaveAsync(changes, cancellationToken);

        public Task CommitAsync(CancellationToken cancellationToken = default) => inner.CommitAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            await scope.DisposeAsync();
        }
    }
}
