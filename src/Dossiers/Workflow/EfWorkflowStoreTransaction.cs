using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DossierWorkflow.Dossiers.Workflow;

/// <summary>
/// One engine command on the domain's <see cref="DossiersDbContext"/>: one round trip to load (<see cref="InstanceLoad"/>)
/// and one to write (<see cref="WriteBatch"/>). Neither goes through the change tracker: the commands are built from the
/// model (<see cref="WorkflowTables"/>), so the context's tracked entities are neither read nor saved by the engine, and
/// the domain saves its own.
/// <para>
/// <b>One write path.</b> <see cref="SaveAsync"/> sends the write at once, inside a database transaction: the caller's
/// when the context has one open (<c>Database.CurrentTransaction</c>: the unit of work of an officer's action, opened at
/// the edge), otherwise one the command begins for itself and <see cref="CommitAsync"/> commits. The write is checked by
/// its row count (see <see cref="WriteBatch"/>); a short count or a duplicate key is a
/// <see cref="WorkflowConcurrencyException"/>, and the transaction holding the write is then rolled back whole: the
/// command's own when it is disposed, the caller's by the caller, whose unit of work fails with it.
/// </para>
/// <para>
/// <b>Optimistic reads.</b> Reads run before a command's own transaction begins: they are validated by the instance's
/// version, which every write checks (<c>UPDATE … WHERE Version = @expected</c>) and every command increments. This keeps
/// SQLite's single write lock as short as the writes and lets two racing commands both load before either writes; the
/// loser then fails on the version. Two commands on one instance cannot deadlock: both lock the instance row first, so the
/// loser waits for the winner before touching any other row, then finds the version changed.
/// </para>
/// </summary>
internal sealed class EfWorkflowStoreTransaction(DossiersDbContext db) : IWorkflowStoreTransaction
{
    private readonly WorkflowTables _tables = WorkflowTables.For(db);

    // The transaction this command began for its write (never the caller's).
    private IDbContextTransaction? _owned;
    private bool _committed;

    public bool JoinsAmbientTransaction { get; } = db.Database.CurrentTransaction is not null;

    public Task<StoredDefinition?> FindDefinitionAsync(string key, int version, CancellationToken cancellationToken = default) =>
        EfWorkflowStore.FindDefinitionAsync(db, key, version, cancellationToken);

    public Task<StoredDefinition?> FindLatestDefinitionAsync(string key, CancellationToken cancellationToken = default) =>
        db.Set<StoredDefinition>().AsNoTracking()
            .Where(d => d.Key == key)
            .OrderByDescending(d => d.Version)
            .Select(d => new StoredDefinition
            {
                Key = d.Key,
                Version = d.Version,
                Name = d.Name,
                ContentHash = d.ContentHash,
                DeployedAt = d.DeployedAt,
                DeployedBy = d.DeployedBy,
            })
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

    /// <summary>
    /// The instance's insert or versioned update first, then per table the deletes, inserts and updates; an update writes
    /// only the columns that differ from the row the command loaded (<see cref="WorkflowChangeSet.Original"/>).
    /// </summary>
    public Task SaveAsync(WorkflowChangeSet changes, CancellationToken cancellationToken = default) =>
        WriteAsync(changes, batch =>
        {
            var original = changes.Original;
            if (changes.ExpectedVersion == 0)
            {
                _tables.Instances.AppendInsert(batch, [changes.Instance]);
            }
            else
            {
                _tables.Instances.AppendUpdate(batch, changes.Instance, original?.Instance, nameof(StoredInstance.Version), changes.ExpectedVersion);
            }

            Append(batch, _tables.Tokens, changes.Tokens, original?.Tokens, t => t.Id);
            Append(batch, _tables.WorkItems, changes.WorkItems, original?.OpenWorkItems, w => w.Id);
            Append(batch, _tables.Timers, changes.Timers, original?.Timers, t => t.Id);
            Append(batch, _tables.MessageSubscriptions, changes.MessageSubscriptions, original?.MessageSubscriptions, s => s.Id);
            Append(batch, _tables.Incidents, changes.Incidents, original?.OpenIncidents, i => i.Id);
            Append(batch, _tables.Outbox, changes.Outbox, null, m => m.Id);
            _tables.Journal.AppendInsert(batch, changes.Journal);
        }, cancellationToken);

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfCommitted();
        if (_owned is not null)
        {
            await _owned.CommitAsync(cancellationToken);
        }

        _committed = true;
    }

    /// <summary>Rolls back the command's own transaction unless it was committed; the caller's is the caller's to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_owned is not null)
        {
            await _owned.DisposeAsync();
            _owned = null;
        }
    }

    private Task<InstanceRead> LoadAsync(Guid id, bool byWorkItem, CancellationToken cancellationToken) =>
        _tables.Load.ReadAsync(db, id, byWorkItem, cancellationToken);

    private static void Append<T>(WriteBatch batch, StoredTable<T> table, RowChanges<T> rows, IReadOnlyList<T>? originals, Func<T, Guid> id)
        where T : class
    {
        table.AppendDelete(batch, rows.Deleted);
        table.AppendInsert(batch, rows.Added);
        var byId = rows.Updated.Count == 0 || originals is null ? null : originals.ToDictionary(id);
        foreach (var row in rows.Updated)
        {
            table.AppendUpdate(batch, row, byId?.GetValueOrDefault(id(row)));
        }
    }

    /// <summary>Sends one write in the caller's transaction or the command's own, and checks its row count.</summary>
    private async Task WriteAsync(WorkflowChangeSet? changes, Action<WriteBatch> build, CancellationToken cancellationToken)
    {
        ThrowIfCommitted();
        if (JoinsAmbientTransaction && db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The caller's transaction ended before the workflow command it contains.");
        }

        var batch = new WriteBatch(db);
        build(batch);
        if (!JoinsAmbientTransaction)
        {
            _owned ??= await db.Database.BeginTransactionAsync(cancellationToken);
        }

        bool complete;
        try
        {
            complete = await batch.ExecuteAsync(cancellationToken);
        }
        catch (Exception exception) when (IsConflict(exception))
        {
            throw Conflict(changes, exception);
        }

        if (!complete)
        {
            throw Conflict(changes, null);
        }
    }

    private void ThrowIfCommitted()
    {
        if (_committed)
        {
            throw new InvalidOperationException("The workflow store transaction is already committed.");
        }
    }

    private WorkflowConcurrencyException Conflict(WorkflowChangeSet? changes, Exception? exception)
    {
        var message = changes is null
            ? "Another command wrote the same workflow rows first (a definition version or a key deployed concurrently). Reload and try again."
            : $"Workflow instance {changes.Instance.Id} was changed by another command (expected version {changes.ExpectedVersion}). Reload and try again.";
        return new WorkflowConcurrencyException(message, exception) { CallerMustRollBack = JoinsAmbientTransaction };
    }

    /// <summary>A lost race, told by the database's error code: duplicate key, or (PostgreSQL) a serialization failure or deadlock.</summary>
    internal static bool IsConflict(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected }:
                case SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_CONSTRAINT, SqliteExtendedErrorCode: SQLitePCL.raw.SQLITE_CONSTRAINT_PRIMARYKEY or SQLitePCL.raw.SQLITE_CONSTRAINT_UNIQUE }:
                    return true;
            }
        }

        return false;
    }
}
