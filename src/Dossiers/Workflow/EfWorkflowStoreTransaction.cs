using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using Microsoft.Data.Sqlite;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DossierWorkflow.Dossiers.Workflow;

/// <summary>
/// One engine command on the domain's <see cref="DossiersDbContext"/>: one round trip to load (<see cref="InstanceLoad"/>)
/// and one to write (<see cref="WriteBatch"/>), which on PostgreSQL also commits an owned command. Neither goes through
/// the change tracker: the commands are built from the model (<see cref="WorkflowTables"/>), so the context's tracked
/// entities are neither read nor saved by the engine, and the domain saves its own.
/// <para>
/// <b>Ambient transaction.</b> When the context already has a transaction open (<c>Database.CurrentTransaction</c>: the
/// page handler's unit of work), the command joins it: <see cref="SaveAsync"/> writes into that transaction at once,
/// <see cref="CommitAsync"/> and disposing do nothing more, and the caller's commit or rollback decides. A savepoint taken
/// before the command's first write lets a failed write roll back to it, so the caller's transaction stays usable and
/// holds none of the failed command's rows. The savepoint is the first statement of the write's command (no round trip
/// of its own) and is never released: releasing costs a round trip and frees nothing that matters, since the caller's
/// commit or rollback ends it, and PostgreSQL keeps a released subtransaction's id until then anyway.
/// </para>
/// <para>
/// <b>Owned transaction.</b> Otherwise <see cref="SaveAsync"/> only builds the write and <see cref="CommitAsync"/> sends it
/// in a transaction of its own (see <see cref="WriteOwnedAsync"/>): on PostgreSQL the write's single command is its own
/// implicit transaction, so the write and its commit are one round trip. Disposing without a commit has sent nothing.
/// </para>
/// <para>
/// <b>Optimistic reads.</b> Reads run before any transaction of the command's own: they are validated by the instance's
/// version, which every write checks (<c>UPDATE … WHERE Version = @expected</c>) and every command increments. This keeps
/// SQLite's single write lock as short as the writes, and lets two racing commands both load before either writes; the
/// loser then fails on the version. For the same reason a command on a task may use the read of that task its scope has
/// just made (see <see cref="EfWorkflowStore"/>) instead of loading the instance again.
/// </para>
/// <para>
/// <b>Writes.</b> A change set is one command: the instance first (its insert, or its versioned update), then per table
/// the deletes (one statement), the inserts (one multi-row statement) and the updates, which write only the columns that
/// differ from the loaded row. A stale version fails the versioned update on PostgreSQL, and on SQLite updates no row so
/// that the batch reports fewer rows than expected; either way the savepoint (joined) or the transaction (owned) keeps
/// nothing of the write. Two commands on one instance cannot deadlock: both lock the instance row first, so the loser
/// waits for the winner before touching any other row, then finds the version changed. A deadlock with the caller's own
/// rows is still mapped to <see cref="WorkflowConcurrencyException"/>, like any lost race.
/// </para>
/// </summary>
internal sealed class EfWorkflowStoreTransaction(DossiersDbContext db, InstanceRead? lastTaskRead = null) : IWorkflowStoreTransaction
{
    private const string Savepoint = "workflow_command";

    private readonly WorkflowTables _tables = WorkflowTables.For(db);

    // The rows of the last load, by id: updates are compared with them.
    private readonly Dictionary<Guid, object> _loaded = [];
    private InstanceRead? _lastTaskRead = lastTaskRead;

    // An owned command's write, sent by the commit.
    private WriteBatch? _pending;
    private WorkflowChangeSet? _pendingChanges;
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

    public Task AddDefinitionAsync(StoredDefinition definition, CancellationToken cancellationToken = default) =>
        WriteAsync(null, batch => _tables.Definitions.AppendInsert(batch, [definition]), cancellationToken);

    public async Task<StoredInstanceState?> LoadInstanceAsync(Guid instanceId, CancellationToken cancellationToken = default) =>
        (await LoadAsync(instanceId, byWorkItem: false, cancellationToken)).Instance;

    public async Task<StoredWorkItemInstance?> LoadInstanceOfWorkItemAsync(Guid workItemId, CancellationToken cancellationToken = default)
    {
        var read = await LoadAsync(workItemId, byWorkItem: true, cancellationToken);
        return read.WorkItem is null ? null : new StoredWorkItemInstance(read.WorkItem, read.Instance);
    }

    public Task<StoredIncident?> FindIncidentAsync(Guid incidentId, CancellationToken cancellationToken = default) =>
        _tables.Incidents.FindAsync(db, incidentId, cancellationToken);

    public Task<StoredOutboxMessage?> FindOutboxMessageAsync(Guid outboxMessageId, CancellationToken cancellationToken = default) =>
        _tables.Outbox.FindAsync(db, outboxMessageId, cancellationToken);

    public Task SaveAsync(WorkflowChangeSet changes, CancellationToken cancellationToken = default) =>
        WriteAsync(changes, batch =>
        {
            if (changes.ExpectedVersion == 0)
            {
                _tables.Instances.AppendInsert(batch, [changes.Instance]);
            }
            else
            {
                _tables.Instances.AppendUpdate(batch, changes.Instance, Loaded<StoredInstance>(changes.Instance.Id), nameof(StoredInstance.Version), changes.ExpectedVersion);
            }

            Append(batch, _tables.Tokens, changes.Tokens, t => t.Id);
            Append(batch, _tables.WorkItems, changes.WorkItems, w => w.Id);
            Append(batch, _tables.Timers, changes.Timers, t => t.Id);
            Append(batch, _tables.MessageSubscriptions, changes.MessageSubscriptions, s => s.Id);
            Append(batch, _tables.Incidents, changes.Incidents, i => i.Id);
            Append(batch, _tables.Outbox, changes.Outbox, m => m.Id);
            _tables.Journal.AppendInsert(batch, changes.Journal);
        }, cancellationToken);

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfCommitted();
        if (_pending is { } batch)
        {
            await WriteOwnedAsync(batch, _pendingChanges, cancellationToken);
            _pending = null;
        }

        _committed = true;
    }

    // An owned command writes nothing before its commit, so there is nothing to roll back.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<InstanceRead> LoadAsync(Guid id, bool byWorkItem, CancellationToken cancellationToken)
    {
        // The scope's read of this very task serves the command's first load only.
        var lastTaskRead = _lastTaskRead;
        _lastTaskRead = null;
        var read = byWorkItem && lastTaskRead?.WorkItem?.Id == id
            ? lastTaskRead
            : (await _tables.Load.ReadAsync(db, id, byWorkItem, cancellationToken)).Consistent();
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

    private T? Loaded<T>(Guid id)
        where T : class =>
        _loaded.GetValueOrDefault(id) as T;

    private void Append<T>(WriteBatch batch, StoredTable<T> table, RowChanges<T> rows, Func<T, Guid> id)
        where T : class
    {
        table.AppendDelete(batch, rows.Deleted);
        table.AppendInsert(batch, rows.Added);
        foreach (var row in rows.Updated)
        {
            table.AppendUpdate(batch, row, Loaded<T>(id(row)));
        }
    }

    /// <summary>
    /// Adds one write to the command: an owned command keeps it for <see cref="CommitAsync"/>; a joined one sends it now,
    /// after its savepoint, and rolls back to the savepoint when it fails.
    /// </summary>
    private Task WriteAsync(WorkflowChangeSet? changes, Action<WriteBatch> build, CancellationToken cancellationToken)
    {
        ThrowIfCommitted();
        _lastTaskRead = null;
        if (JoinsAmbientTransaction)
        {
            return WriteJoinedAsync(changes, build, cancellationToken);
        }

        build(_pending ??= new WriteBatch(db));
        _pendingChanges = changes ?? _pendingChanges;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Sends an owned command's write and commits it. On PostgreSQL a write of one command runs as that command's implicit
    /// transaction (the statements of one round trip before its <c>Sync</c>), which the server commits, or aborts whole
    /// when a statement fails, a stale version included (<see cref="WriteBatch.AppendVersionedUpdate"/>): no <c>BEGIN</c>,
    /// no <c>COMMIT</c> and no round trip but the write's. A write split into several commands, and every write on SQLite
    /// (in process: a transaction costs no round trip there), runs in an explicit transaction, committed only when the row
    /// count is right.
    /// </summary>
    private async Task WriteOwnedAsync(WriteBatch batch, WorkflowChangeSet? changes, CancellationToken cancellationToken)
    {
        try
        {
            if (db.Database.IsNpgsql() && batch.CommandCount == 1)
            {
                // Committed by the time the count is known, so a short count must not pass for a conflict, which callers
                // retry. It cannot happen: a stale version fails on the server, and every other statement changes rows
                // of the instance whose row the write locked first, which no other command changes meanwhile.
                await batch.ExecuteAsync(() => new InvalidOperationException($"A workflow write committed fewer rows than it should have{(changes is null ? "" : $" (instance {changes.Instance.Id})")}: a defect in the store, not a race."), cancellationToken);
                return;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await batch.ExecuteAsync(() => Conflict(changes, null), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not WorkflowConcurrencyException && IsConflict(exception))
        {
            throw Conflict(changes, exception);
        }
    }

    private async Task WriteJoinedAsync(WorkflowChangeSet? changes, Action<WriteBatch> build, CancellationToken cancellationToken)
    {
        var ambient = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("The caller's transaction ended before the workflow command it contains.");
        var batch = new WriteBatch(db);
        if (!_savepointTaken && db.Database.IsSqlite())
        {
            // In process, so no round trip to save; and SQLite would count the rows of the statement before a SAVEPOINT
            // again for it, which the batch's row count cannot tell from a real write.
            await ambient.CreateSavepointAsync(Savepoint, cancellationToken);
            _savepointTaken = true;
        }
        else if (!_savepointTaken)
        {
            var sql = db.GetService<ISqlGenerationHelper>();
            batch.Append(sql.GenerateCreateSavepointStatement(Savepoint).TrimEnd().TrimEnd(sql.StatementTerminator.ToCharArray()), rows: 0);
        }

        build(batch);
        try
        {
            await batch.ExecuteAsync(() => Conflict(changes, null), cancellationToken);
            _savepointTaken = true;
        }
        catch (Exception exception)
        {
            // The savepoint is the command's first statement: it was taken unless the command never reached the database,
            // and then there is nothing to undo.
            await RollbackToSavepointAsync(ambient);
            if (exception is not WorkflowConcurrencyException && IsConflict(exception))
            {
                throw Conflict(changes, exception);
            }

            throw;
        }
    }

    private async Task RollbackToSavepointAsync(IDbContextTransaction ambient)
    {
        try
        {
            await ambient.RollbackToSavepointAsync(Savepoint, CancellationToken.None);
        }
        catch (DbException) when (!_savepointTaken)
        {
            // No savepoint was taken; the write's own error is the one to report.
        }
    }

    private void ThrowIfCommitted()
    {
        if (_committed)
        {
            throw new InvalidOperationException("The workflow store transaction is already committed.");
        }
    }

    private static WorkflowConcurrencyException Conflict(WorkflowChangeSet? changes, Exception? exception) =>
        changes is null
            ? new WorkflowConcurrencyException("Another command wrote the same workflow rows first (a definition version or a key deployed concurrently). Reload and try again.", exception)
            : new WorkflowConcurrencyException(
                $"Workflow instance {changes.Instance.Id} was changed by another command (expected version {changes.ExpectedVersion}). Reload and try again.",
                exception);

    /// <summary>A lost race: duplicate key, stale version, or (PostgreSQL) a serialization failure or deadlock.</summary>
    internal static bool IsConflict(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected }:
                case PostgresException postgres when WriteBatch.IsVersionConflict(postgres):
                case SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_CONSTRAINT, SqliteExtendedErrorCode: SQLitePCL.raw.SQLITE_CONSTRAINT_PRIMARYKEY or SQLitePCL.raw.SQLITE_CONSTRAINT_UNIQUE }:
                    return true;
            }
        }

        return false;
    }
}
