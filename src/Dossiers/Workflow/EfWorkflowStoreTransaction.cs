using System.Runtime.CompilerServices;
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
/// One engine command on the domain's <see cref="DossiersDbContext"/>: one round trip to load (<see cref="InstanceLoad"/>),
/// one <c>SaveChanges</c> to write (one batch on PostgreSQL), and the commit.
/// <para>
/// <b>Ambient transaction.</b> When the context already has a transaction open (<c>Database.CurrentTransaction</c>: the
/// page handler's unit of work), the command joins it: its writes go into that transaction, <see cref="CommitAsync"/>
/// only flushes them, disposing does nothing, and the caller's commit or rollback decides. A savepoint taken before the
/// command's first statement lets a failed write roll back to it, so the caller's transaction stays usable and holds
/// none of the failed command's rows. The savepoint rides in the load's batch (no round trip of its own; a command that
/// loads nothing, such as a start, takes it separately) and is never released: releasing costs a round trip and frees
/// nothing that matters, since the caller's commit or rollback ends it, and PostgreSQL keeps a released subtransaction's
/// id until then anyway.
/// Otherwise the command owns a database transaction and commits it.
/// </para>
/// <para>
/// <b>Optimistic reads.</b> An owned transaction is begun at the first write, not at <see cref="IWorkflowStore.BeginAsync"/>:
/// reads before it are validated by the instance's version, which every write checks
/// (<c>UPDATE … WHERE Version = @expected</c>) and every command increments. This keeps SQLite's single write lock as short
/// as the writes, and lets two racing commands both load before either writes; the loser then fails on the version.
/// </para>
/// <para>
/// <b>Writes.</b> <see cref="SaveAsync"/> stages the versioned instance update, the deletes (the loaded rows, tracked as
/// deleted) and every insert and update, and saves them in one <c>SaveChanges</c>: EF Core sends them as one batch on
/// PostgreSQL. A stale version updates no row, so EF Core throws once the batch has run, and the savepoint (joined) or
/// the owned transaction (never committed) discards everything else the batch wrote. Updated rows are compared with
/// the loaded ones, so an update writes only the columns that changed. Two commands on one instance cannot deadlock on
/// these rows: EF Core orders a batch's statements by table and key, so both lock shared rows in the same order, and
/// the loser waits for the winner, then finds the version changed. A deadlock with the caller's own rows is still mapped
/// to <see cref="WorkflowConcurrencyException"/>, like any lost race.
/// </para>
/// <para>
/// <b>Change tracker.</b> Rows are attached only to be written and detached right after (saved or not), so the scoped
/// context stays usable for the next command and the domain's own work.
/// </para>
/// </summary>
internal sealed class EfWorkflowStoreTransaction(DossiersDbContext db) : IWorkflowStoreTransaction
{
    private readonly List<EntityEntry> _attached = [];

    // The rows of the last load, by id: updates are compared with them and deletes track them.
    private readonly Dictionary<Guid, object> _loaded = [];
    private IDbContextTransaction? _owned;
    private bool _savepointTaken;
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

    public async Task<StoredInstanceState?> LoadInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default) =>
        (await LoadAsync(instanceId, byWorkItem: false, cancellationToken)).Instance;

    public async Task<StoredWorkItemInstance?> LoadInstanceOfWorkItemAsync(Guid workItemId, CancellationToken cancellationToken = default)
    {
        var read = await LoadAsync(workItemId, byWorkItem: true, cancellationToken);
        return read.WorkItem is null ? null : new StoredWorkItemInstance(read.WorkItem, read.Instance);
    }

    public Task<StoredIncident?> FindIncidentAsync(Guid incidentId, CancellationToken cancellationToken = default) =>
        EfWorkflowStore.FindIncidentAsync(db, incidentId, cancellationToken);

    public Task<StoredOutboxMessage?> FindOutboxMessageAsync(Guid outboxMessageId, CancellationToken cancellationToken = default) =>
        db.Set<StoredOutboxMessage>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == outboxMessageId, cancellationToken);

    public Task SaveAsync(WorkflowChangeSet changes, CancellationToken cancellationToken = default) =>
        WriteAsync(changes, () =>
        {
            if (changes.ExpectedVersion == 0)
            {
                Attach(db.Add(changes.Instance));
            }
            else
            {
                var entry = Update(changes.Instance, changes.Instance.Id);
                entry.Property(i => i.Version).OriginalValue = changes.ExpectedVersion;
            }

            Stage(changes.Tokens, t => t.Id);
            Stage(changes.WorkItems, w => w.Id);
            Stage(changes.Timers, t => t.Id);
            Stage(changes.MessageSubscriptions, s => s.Id);
            Stage(changes.Incidents, i => i.Id);
            Stage(changes.Outbox, m => m.Id);
            foreach (var entry in changes.Journal)
            {
                Attach(db.Add(entry));
            }

            return db.SaveChangesAsync(cancellationToken);
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

    private async Task<InstanceRead> LoadAsync(Guid id, bool byWorkItem, CancellationToken cancellationToken)
    {
        // Only inside a live transaction: on SQLite a savepoint outside one would open a transaction EF Core knows nothing of.
        var savepoint = JoinsAmbientTransaction && !_savepointTaken && db.Database.CurrentTransaction is not null;
        var read = await InstanceLoad.For(db).ReadAsync(db, id, byWorkItem, savepoint, cancellationToken);
        _savepointTaken |= savepoint;
        _loaded.Clear();
        if (read.Instance is { } state)
        {
            _loaded[state.Instance.Id] = state.Instance;
            Remember(state.Tokens, t => t.Id);
            Remember(state.OpenWorkItems, w => w.Id);
            Remember(state.Timers, t => t.Id);
            Remember(state.MessageSubscriptions, s => s.Id);
            Remember(state.OpenIncidents, i => i.Id);
        }

        return read;
    }

    private void Remember<T>(IReadOnlyList<T> rows, Func<T, Guid> id)
        where T : class
    {
        foreach (var row in rows)
        {
            _loaded[id(row)] = row;
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
            if (!_savepointTaken)
            {
                await ambient.CreateSavepointAsync(InstanceLoad.Savepoint, cancellationToken);
                _savepointTaken = true;
            }
        }
        else
        {
            _owned ??= await db.Database.BeginTransactionAsync(cancellationToken);
        }

        // This class takes the one savepoint a joined command needs; an owned transaction needs none.
        var autoSavepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await write();
        }
        catch (Exception exception)
        {
            if (ambient is not null)
            {
                await ambient.RollbackToSavepointAsync(InstanceLoad.Savepoint, CancellationToken.None);
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

    private void Stage<T>(RowChanges<T> rows, Func<T, Guid> id)
        where T : class
    {
        foreach (var deleted in rows.Deleted)
        {
            Attach(db.Remove(_loaded.GetValueOrDefault(deleted) as T ?? Stub<T>(deleted)));
        }

        foreach (var row in rows.Added)
        {
            Attach(db.Add(row));
        }

        foreach (var row in rows.Updated)
        {
            Update(row, id(row));
        }
    }

    /// <summary>
    /// Tracks <paramref name="row"/> as modified in the columns that differ from the loaded row of the same id (all columns
    /// when that row was not loaded).
    /// </summary>
    private EntityEntry<T> Update<T>(T row, Guid id)
        where T : class
    {
        EntityEntry<T> entry;
        if (_loaded.GetValueOrDefault(id) is T loaded)
        {
            entry = db.Attach(row);
            entry.OriginalValues.SetValues(loaded);
            entry.DetectChanges();
        }
        else
        {
            entry = db.Update(row);
        }

        Attach(entry);
        return entry;
    }

    /// <summary>A row that was not loaded, to be deleted by its key alone (a delete reads nothing else).</summary>
    private T Stub<T>(Guid id)
        where T : class
    {
        var stub = (T)RuntimeHelpers.GetUninitializedObject(typeof(T));
        db.Entry(stub).Property<Guid>("Id").CurrentValue = id;
        return stub;
    }

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
