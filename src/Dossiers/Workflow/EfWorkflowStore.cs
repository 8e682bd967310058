using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Workflow;

/// <summary>
/// The engine's storage port on the domain's <see cref="DossiersDbContext"/> (scoped, so an engine command joins the page
/// handler's unit of work; see <see cref="EfWorkflowStoreTransaction"/>). Queries are read-committed and untracked; every
/// one is answered by an index of the engine's tables (see <c>WorkflowTableConfigurations</c>).
/// </summary>
internal sealed class EfWorkflowStore(DossiersDbContext db) : IWorkflowStore
{
    // One statement claims a batch: the sub-select picks due rows in due order (index on DueAt), the update leases them, and
    // RETURNING hands them back. PostgreSQL locks the picked rows and skips rows another worker is claiming at the same
    // moment; SQLite has one writer at a time, so the statement alone is atomic there.
    private const string ClaimTimersTemplate = $$"""
        UPDATE "{{WorkflowColumns.TimersTable}}" SET "LockedBy" = {0}, "LockedUntil" = {1}
        WHERE "Id" IN (
            SELECT "Id" FROM "{{WorkflowColumns.TimersTable}}"
            WHERE "DueAt" <= {2} AND ("LockedUntil" IS NULL OR "LockedUntil" < {2})
            ORDER BY "DueAt"
            LIMIT {3} /*lock*/)
        RETURNING *
        """;

    private const string ClaimOutboxTemplate = $$"""
        UPDATE "{{WorkflowColumns.OutboxTable}}" SET "LockedBy" = {0}, "LockedUntil" = {1}
        WHERE "Id" IN (
            SELECT "Id" FROM "{{WorkflowColumns.OutboxTable}}"
            WHERE "Status" = {4} AND "NextAttemptAt" <= {2} AND ("LockedUntil" IS NULL OR "LockedUntil" < {2})
            ORDER BY "NextAttemptAt"
            LIMIT {3} /*lock*/)
        RETURNING *
        """;

    private const string SkipLocked = "FOR UPDATE SKIP LOCKED";

    private static readonly string ClaimTimersPostgres = ClaimTimersTemplate.Replace("/*lock*/", SkipLocked, StringComparison.Ordinal);
    private static readonly string ClaimTimersSqlite = ClaimTimersTemplate.Replace("/*lock*/", "", StringComparison.Ordinal);
    private static readonly string ClaimOutboxPostgres = ClaimOutboxTemplate.Replace("/*lock*/", SkipLocked, StringComparison.Ordinal);
    private static readonly string ClaimOutboxSqlite = ClaimOutboxTemplate.Replace("/*lock*/", "", StringComparison.Ordinal);

    public Task<IWorkflowStoreTransaction> BeginAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IWorkflowStoreTransaction>(new EfWorkflowStoreTransaction(db));

    public async Task<IReadOnlyList<StoredTimer>> ClaimDueTimersAsync(DateTimeOffset now, int batchSize, string workerId, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        var sql = db.Database.IsNpgsql() ? ClaimTimersPostgres : ClaimTimersSqlite;
        var claimed = await db.Set<StoredTimer>()
            .FromSqlRaw(sql, workerId, leaseUntil.UtcDateTime, now.UtcDateTime, batchSize)
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        // RETURNING has no order; the batch (already chosen in due order) fires earliest first.
        return [.. claimed.OrderBy(t => t.DueAt).ThenBy(t => t.Id)];
    }

    public async Task<IReadOnlyList<StoredOutboxMessage>> ClaimDueOutboxMessagesAsync(DateTimeOffset now, int batchSize, string workerId, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        var sql = db.Database.IsNpgsql() ? ClaimOutboxPostgres : ClaimOutboxSqlite;
        var claimed = await db.Set<StoredOutboxMessage>()
            .FromSqlRaw(sql, workerId, leaseUntil.UtcDateTime, now.UtcDateTime, batchSize, (int)OutboxStatus.Pending)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return [.. claimed.OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)];
    }

    public async Task UpdateOutboxMessageAsync(StoredOutboxMessage message, CancellationToken cancellationToken = default)
    {
        var entry = db.Update(message);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            entry.State = EntityState.Detached;
        }
    }

    public async Task<IReadOnlyList<StoredIncident>> FindRetryableIncidentsAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken = default) =>
        await db.Set<StoredIncident>().AsNoTracking()
            .Where(i => i.Status == IncidentStatus.Open && i.NextRetryAt != null && i.NextRetryAt <= now)
            .OrderBy(i => i.NextRetryAt)
            .Take(batchSize)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<StoredInstance>> FindCalledInstancesAsync(Guid parentInstanceId, CancellationToken cancellationToken = default) =>
        await db.Set<StoredInstance>().AsNoTracking()
            .Where(i => i.ParentInstanceId == parentInstanceId)
            .OrderBy(i => i.StartedAt)
            .ToListAsync(cancellationToken);

    public Task<StoredInstance?> FindInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default) =>
        WorkflowTables.For(db).Instances.FindAsync(db, instanceId, cancellationToken);

    public Task<StoredWorkItem?> FindWorkItemAsync(Guid workItemId, CancellationToken cancellationToken = default) =>
        WorkflowTables.For(db).WorkItems.FindAsync(db, workItemId, cancellationToken);

    public async Task<IReadOnlyList<StoredWorkItem>> QueryWorkItemsAsync(WorkItemFilter filter, CancellationToken cancellationToken = default)
    {
        var items = db.Set<StoredWorkItem>().AsNoTracking();
        if (filter.Status is { } status)
        {
            items = items.Where(w => w.Status == status);
        }

        if (filter.CandidateRole is { } role)
        {
            items = items.Where(w => w.CandidateRole == role);
        }

        if (filter.UnitScope is { } unit)
        {
            items = items.Where(w => w.UnitScope == unit);
        }

        if (filter.CandidateUnit is { } candidateUnit)
        {
            items = items.Where(w => w.CandidateUnit == candidateUnit);
        }

        if (filter.Assignee is { } assignee)
        {
            items = items.Where(w => w.Assignee == assignee);
        }

        if (filter.InstanceId is { } instanceId)
        {
            items = items.Where(w => w.InstanceId == instanceId);
        }

        if (filter.BusinessKey is { } businessKey)
        {
            items = items.Where(w => w.BusinessKey == businessKey);
        }

        if (filter.UnassignedOnly)
        {
            items = items.Where(w => w.Assignee == null);
        }

        if (filter.UnroutedOnly)
        {
            items = items.Where(w => w.CandidateUnit == null);
        }

        if (filter.DefinitionKey is { } definitionKey)
        {
            items = items.Where(w => w.DefinitionKey == definitionKey);
        }

        if (filter.ElementId is { } elementId)
        {
            items = items.Where(w => w.ElementId == elementId);
        }

        if (filter.DueFrom is { } dueFrom)
        {
            items = items.Where(w => w.DueAt >= dueFrom);
        }

        if (filter.DueBefore is { } dueBefore)
        {
            items = items.Where(w => w.DueAt < dueBefore);
        }

        if (filter.NoDueOnly)
        {
            items = items.Where(w => w.DueAt == null);
        }

        var ordered = filter.Order == WorkItemOrder.Due
            ? items.OrderBy(w => w.DueAt == null).ThenBy(w => w.DueAt).ThenBy(w => w.CreatedAt).ThenBy(w => w.Id)
            : items.OrderBy(w => w.CreatedAt).ThenBy(w => w.Id);
        return await ordered.Skip(filter.Skip).Take(filter.Take).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StoredJournalEntry>> GetJournalAsync(Guid instanceId, long afterSequence = 0, CancellationToken cancellationToken = default) =>
        await db.Set<StoredJournalEntry>().AsNoTracking()
            .Where(e => e.InstanceId == instanceId && e.Sequence > afterSequence)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<StoredIncident>> QueryIncidentsAsync(IncidentFilter filter, CancellationToken cancellationToken = default)
    {
        var incidents = db.Set<StoredIncident>().AsNoTracking();
        if (filter.Status is { } status)
        {
            incidents = incidents.Where(i => i.Status == status);
        }

        if (filter.InstanceId is { } instanceId)
        {
            incidents = incidents.Where(i => i.InstanceId == instanceId);
        }

        return await incidents.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).Skip(filter.Skip).Take(filter.Take).ToListAsync(cancellationToken);
    }

    public Task<StoredIncident?> FindIncidentAsync(Guid incidentId, CancellationToken cancellationToken = default) =>
        WorkflowTables.For(db).Incidents.FindAsync(db, incidentId, cancellationToken);

    public async Task<IReadOnlyList<StoredMessageSubscription>> FindMessageSubscriptionsAsync(string messageName, string correlationKey, CancellationToken cancellationToken = default) =>
        await db.Set<StoredMessageSubscription>().AsNoTracking()
            .Where(s => s.MessageName == messageName && s.CorrelationKey == correlationKey && !s.IsSignal)
            .OrderBy(s => s.CreatedAt)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<StoredMessageSubscription>> FindSignalSubscriptionsAsync(string signalName, DateTimeOffset createdUpTo, int batchSize, CancellationToken cancellationToken = default) =>
        await db.Set<StoredMessageSubscription>().AsNoTracking()
            .Where(s => s.MessageName == signalName && s.CorrelationKey == "" && s.IsSignal && s.CreatedAt <= createdUpTo)
            .OrderBy(s => s.CreatedAt)
            .Take(batchSize)
            .ToListAsync(cancellationToken);

    public Task<StoredDefinition?> FindDefinitionAsync(string key, int version, CancellationToken cancellationToken = default) =>
        FindDefinitionAsync(db, key, version, cancellationToken);

    // Reads shared with the transaction (same context, so they see its ambient transaction's writes).

    internal static Task<StoredDefinition?> FindDefinitionAsync(DossiersDbContext db, string key, int version, CancellationToken cancellationToken) =>
        db.Set<StoredDefinition>().AsNoTracking().FirstOrDefaultAsync(d => d.Key == key && d.Version == version, cancellationToken);
}
