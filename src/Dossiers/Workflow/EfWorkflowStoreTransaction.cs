using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DossierWorkflow.Dossiers.Workflow;

/// <summary>
/// One engine command on the domain's <see cref="DossiersDbContext"/>.
/// <para>
/// <b>Ambient transaction.</b> When the context already has a transaction open (<c>Database.CurrentTransaction</c>: the
/// page handler's unit of work), the command joins it: its writes go into that transaction, <see cref="CommitAsync"/>
/// only flushes them, disposing does nothing, and the caller's commit or rollback decides. A failed save rolls back to a
/// savepoint taken before it, so the caller's transaction stays usable and holds none of the failed command's rows.
/// Otherwise the command owns a database transaction and commits it.
/// </para>
/// <para>
/// <b>Optimistic reads.</b> An owned transaction is begun at the first write, not at <see cref="IWorkflowStore.BeginAsync"/>:
/// reads before it are validated by the instance's version, which every write checks
/// (<c>UPDATE … WHERE Version = @expected</c>) and every command increments. This keeps SQLite's single write lock as short
/// as the writes, and lets two racing commands both load before either writes; the loser then fails on the version.
/// <see cref="LoadInstanceAsync"/> reads the version again after the instance's rows, so they form one consistent state.
/// </para>
/// <para>
/// <b>Change tracker.</b> Rows are attached only to be written and detached right after (saved or not), so the scoped
/// context stays usable for the next command and the domain's own work.
/// </para>
/// </summary>
internal sealed class EfWorkflowStoreTransaction(DossiersDbContext db) : IWorkflowStoreTransaction
{
    private const string Savepoint = "workflow_command";

    private readonly List<EntityEntry> _attached = [];
    private IDbContextTransaction? _owned;
    private bool _committed;

    public bool JoinsAmbientTransaction { get; } = db.Database.CurrentTransaction is not null;

    public Task<StoredDefinition?> FindDefinitionAsync(string key, int version, CancellationToken cancellationToken = default) =>
        EfWorkflowStore.FindDefinitionAsync(db, key, version, cancellationToken);

    public Task<StoredDefinition?> FindLatestDefinitionAsync(string key, CancellationToken cancellationToken = default) =>
        db.Set<StoredDefinition>().AsNoTracking()
            .Where(d => d.Key == key)
            .OrderByDescending(d => d.Version)
            .FirstOrDefaultAsync(cancellationToken);

    public Task AddDefinitionAsync(StoredDefinition definition, CancellationToken cancellationToken = default)
    {
        _attached.Add(db.Add(definition));
        return Task.CompletedTask;
    }

    public async Task<StoredInstanceState?> LoadInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        var instance = await db.Set<StoredInstance>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
        if (instance is null)
        {
            return null;
        }

        var tokens = await db.Set<StoredToken>().AsNoTracking().Where(t => t.InstanceId == instanceId).ToListAsync(cancellationToken);
        var workItems = await db.Set<StoredWorkItem>().AsNoTracking()
            .Where(w => w.InstanceId == instanceId && w.Status == WorkItemStatus.Open)
            .ToListAsync(cancellationToken);
        var timers = await db.Set<StoredTimer>().AsNoTracking().Where(t => t.InstanceId == instanceId).ToListAsync(cancellationToken);
        var subscriptions = await db.Set<StoredMessageSubscription>().AsNoTracking().Where(s => s.InstanceId == instanceId).ToListAsync(cancellationToken);
        var incidents = await db.Set<StoredIncident>().AsNoTracking()
            .Where(i => i.InstanceId == instanceId && i.Status == IncidentStatus.Open)
            .ToListAsync(cancellationToken);

        // Each read above sees the latest commit; a command committed in between would mix two states. Every command
        // increments the version, so an unchanged version proves the rows belong to the instance row read first.
        var version = await db.Set<StoredInstance>().Where(i => i.Id == instanceId).Select(i => i.Version).FirstOrDefaultAsync(cancellationToken);
        if (version != instance.Version)
        {
            throw new WorkflowConcurrencyException($"Workflow instance {instanceId} was changed by another command while it was being loaded (version {instance.Version}, now {version}). Reload and try again.");
        }

        return new StoredInstanceState(instance, tokens, workItems, timers, subscriptions, incidents);
    }

    public Task<StoredWorkItem?> FindWorkItemAsync(Guid workItemId, CancellationToken cancellationToken = default) =>
        EfWorkflowStore.FindWorkItemAsync(db, workItemId, cancellationToken);

    public Task<StoredIncident?> FindIncidentAsync(Guid incidentId, CancellationToken cancellationToken = default) =>
        EfWorkflowStore.FindIncidentAsync(db, incidentId, cancellationToken);

    public Task<StoredOutboxMessage?> FindOutboxMessageAsync(Guid outboxMessageId, CancellationToken cancellationToken = default) =>
        db.Set<StoredOutboxMessage>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == outboxMessageId, cancellationToken);

    public Task SaveAsync(WorkflowChangeSet changes, CancellationToken cancellationToken = default) =>
        WriteAsync(changes, async () =>
        {
            if (changes.ExpectedVersion == 0)
            {
                Attach(db.Add(changes.Instance));
            }
            else
            {
                // The instance row first, alone: its row lock serialises commands on one instance before any other row is
                // touched, and a stale version fails here with nothing else written.
                var entry = db.Update(changes.Instance);
                entry.Property(i => i.Version).OriginalValue = changes.ExpectedVersion;
                Attach(entry);
                await db.SaveChangesAsync(cancellationToken);
                DetachAll();
            }

            await DeleteAsync<StoredToken>(changes.Tokens.Deleted, cancellationToken);
            await DeleteAsync<StoredWorkItem>(changes.WorkItems.Deleted, cancellationToken);
            await DeleteAsync<StoredTimer>(changes.Timers.Deleted, cancellationToken);
            await DeleteAsync<StoredMessageSubscription>(changes.MessageSubscriptions.Deleted, cancellationToken);
            await DeleteAsync<StoredIncident>(changes.Incidents.Deleted, cancellationToken);
            await DeleteAsync<StoredOutboxMessage>(changes.Outbox.Deleted, cancellationToken);
            Stage(changes.Tokens);
            Stage(changes.WorkItems);
            Stage(changes.Timers);
            Stage(changes.MessageSubscriptions);
            Stage(changes.Incidents);
            Stage(changes.Outbox);
            foreach (var entry in changes.Journal)
            {
                Attach(db.Add(entry));
            }

            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        if (_committed)
        {
            throw new InvalidOperationException("The workflow store transaction is already committed.");
        }

        if (_attached.Count > 0)
        {
            await WriteAsync(null, () => db.SaveChangesAsync(cancellationToken), cancellationToken);
        }

        if (_owned is not null)
        {
            try
            {
                await _owned.CommitAsync(cancellationToken);
            }
            catch (Exception exception) when (IsConflict(exception))
            {
                throw Conflict(null, exception);
            }
        }

        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        DetachAll();
        if (_owned is not null)
        {
            // Rolls back unless committed.
            await _owned.DisposeAsync();
            _owned = null;
        }
    }

    /// <summary>
    /// Runs one write in the command's database transaction (beginning the owned one on first use), maps conflicts to
    /// <see cref="WorkflowConcurrencyException"/> and leaves the change tracker without this command's rows either way.
    /// </summary>
    private async Task WriteAsync(WorkflowChangeSet? changes, Func<Task> write, CancellationToken cancellationToken)
    {
        if (_committed)
        {
            throw new InvalidOperationException("The workflow store transaction is already committed.");
        }

        IDbContextTransaction? ambient = null;
        if (JoinsAmbientTransaction)
        {
            ambient = db.Database.CurrentTransaction
                ?? throw new InvalidOperationException("The caller's transaction ended before the workflow command it contains.");
            await ambient.CreateSavepointAsync(Savepoint, cancellationToken);
        }
        else
        {
            _owned ??= await db.Database.BeginTransactionAsync(cancellationToken);
        }

        // This method takes the one savepoint a joined command needs; an owned transaction needs none.
        var autoSavepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await write();
            if (ambient is not null)
            {
                await ambient.ReleaseSavepointAsync(Savepoint, cancellationToken);
            }
        }
        catch (Exception exception)
        {
            if (ambient is not null)
            {
                await ambient.RollbackToSavepointAsync(Savepoint, CancellationToken.None);
            }

            if (IsConflict(exception))
            {
                throw Conflict(changes, exception);
            }

            throw;
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = autoSavepoints;
            DetachAll();
        }
    }

    private void Stage<T>(RowChanges<T> rows)
        where T : class
    {
        foreach (var row in rows.Added)
        {
            Attach(db.Add(row));
        }

        foreach (var row in rows.Updated)
        {
            Attach(db.Update(row));
        }
    }

    private Task DeleteAsync<T>(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
        where T : class =>
        ids.Count == 0
            ? Task.CompletedTask
            : db.Set<T>().Where(row => ids.Contains(EF.Property<Guid>(row, "Id"))).ExecuteDeleteAsync(cancellationToken);

    private void Attach(EntityEntry entry) => _attached.Add(entry);

    private void DetachAll()
    {
        foreach (var entry in _attached)
        {
            entry.State = EntityState.Detached;
        }

        _attached.Clear();
    }

    private static WorkflowConcurrencyException Conflict(WorkflowChangeSet? changes, Exception exception) =>
        changes is null
            ? new WorkflowConcurrencyException("Another command wrote the same workflow rows first (a definition version or a key deployed concurrently). Reload and try again.", exception)
            : new WorkflowConcurrencyException(
                $"Workflow instance {changes.Instance.Id} was changed by another command (expected version {changes.ExpectedVersion}). Reload and try again.",
                exception);

    /// <summary>A lost race: stale version, duplicate key, or (PostgreSQL) a serialization failure or deadlock.</summary>
    internal static bool IsConflict(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case DbUpdateConcurrencyException:
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected }:
                case SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_CONSTRAINT, SqliteExtendedErrorCode: SQLitePCL.raw.SQLITE_CONSTRAINT_PRIMARYKEY or SQLitePCL.raw.SQLITE_CONSTRAINT_UNIQUE }:
                    return true;
            }
        }

        return false;
    }
}
