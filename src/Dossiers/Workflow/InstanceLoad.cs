using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DossierWorkflow.Dossiers.Workflow;

/// <summary>
/// Reads one instance with its active rows in one round trip: one command of several SELECTs, one result set per table,
/// instead of a query per table (seven round trips) or one joined query (whose rows multiply across the child tables).
/// The command goes through EF Core's command pipeline, so it runs on the context's connection and in its transaction,
/// binds the id with the model's type mapping, and is seen by interceptors and logging like any query.
/// <para>
/// <b>Consistency.</b> At read committed each SELECT sees the commits made before it started (PostgreSQL takes a snapshot
/// per statement, SQLite outside a transaction reads per statement too), so a command committed while the batch runs could
/// leave the child rows from two versions of the instance. The last statement therefore reads the instance's version
/// again: every command increments it in the transaction that writes its rows, so an unchanged version proves that no
/// command committed on this instance between the first and the last statement, and all rows belong to the version read.
/// </para>
/// </summary>
internal sealed class InstanceLoad
{
    private readonly StoredTable<StoredInstance> _instances;
    private readonly StoredTable<StoredToken> _tokens;
    private readonly StoredTable<StoredWorkItem> _workItems;
    private readonly StoredTable<StoredTimer> _timers;
    private readonly StoredTable<StoredMessageSubscription> _subscriptions;
    private readonly StoredTable<StoredIncident> _incidents;

    // The text of both variants (by instance, by work item), built once per model.
    private readonly string _byInstance;
    private readonly string _byWorkItem;

    public InstanceLoad(WorkflowTables tables, ISqlGenerationHelper sql)
    {
        _instances = tables.Instances;
        _tokens = tables.Tokens;
        _workItems = tables.WorkItems;
        _timers = tables.Timers;
        _subscriptions = tables.MessageSubscriptions;
        _incidents = tables.Incidents;
        _byInstance = Sql(sql, byWorkItem: false);
        _byWorkItem = Sql(sql, byWorkItem: true);
    }

    /// <summary>
    /// Reads the instance <paramref name="id"/>, or with <paramref name="byWorkItem"/> the instance of work item
    /// <paramref name="id"/> and that work item. When a command committed on the instance while it was read, the read is a
    /// <see cref="WorkflowConcurrencyException"/> (nothing was written, so the command may simply be run again).
    /// </summary>
    public async Task<InstanceRead> ReadAsync(DbContext db, Guid id, bool byWorkItem, CancellationToken cancellationToken)
    {
        await using var result = await KeyedRead.ExecuteAsync(db, byWorkItem ? _byWorkItem : _byInstance, _instances.KeyMapping, id, cancellationToken);
        var reader = result.DbDataReader;
        var instance = await reader.ReadAsync(cancellationToken) ? _instances.Read(reader) : null;
        await reader.NextResultAsync(cancellationToken);
        var tokens = await _tokens.ReadAllAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var workItems = await _workItems.ReadAllAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var timers = await _timers.ReadAllAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var subscriptions = await _subscriptions.ReadAllAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var incidents = await _incidents.ReadAllAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        StoredWorkItem? workItem = null;
        long? version = null;
        if (await reader.ReadAsync(cancellationToken))
        {
            // By work item the last statement reads the item and then the version; otherwise the version alone.
            var versionOrdinal = byWorkItem ? _workItems.ColumnCount : 0;
            workItem = byWorkItem ? _workItems.Read(reader) : null;
            version = reader.IsDBNull(versionOrdinal) ? null : reader.GetInt64(versionOrdinal);
        }

        if (instance is null)
        {
            return new InstanceRead(null, workItem);
        }

        if (version != instance.Version)
        {
            throw new WorkflowConcurrencyException(
                $"Workflow instance {instance.Id} was changed by another command while it was being loaded (version {instance.Version}, now {version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "deleted"}). Reload and try again.");
        }

        return new InstanceRead(new StoredInstanceState(instance, tokens, workItems, timers, subscriptions, incidents), workItem);
    }

    private string Sql(ISqlGenerationHelper sql, bool byWorkItem)
    {
        var id = sql.GenerateParameterNamePlaceholder(KeyedRead.KeyParameter);

        // A work item never moves to another instance, so every statement finds the same instance through it (by primary
        // key); if the item vanished meanwhile, the version statement finds nothing and the load fails as a conflict.
        var instanceId = byWorkItem
            ? $"(SELECT {_workItems.Column(nameof(StoredWorkItem.InstanceId))} FROM {_workItems.Table} WHERE {_workItems.Column(nameof(StoredWorkItem.Id))} = {id})"
            : id;

        // The status values are literals, not parameters: PostgreSQL can then match the partial index on open work items
        // even in a generic (prepared) plan.
        List<string> statements =
        [
            Select(_instances, $"{_instances.Column(nameof(StoredInstance.Id))} = {instanceId}"),
            Select(_tokens, $"{_tokens.Column(nameof(StoredToken.InstanceId))} = {instanceId}"),
            Select(_workItems, $"{_workItems.Column(nameof(StoredWorkItem.InstanceId))} = {instanceId} AND {_workItems.Column(nameof(StoredWorkItem.Status))} = {(int)WorkItemStatus.Open}"),
            Select(_timers, $"{_timers.Column(nameof(StoredTimer.InstanceId))} = {instanceId}"),
            Select(_subscriptions, $"{_subscriptions.Column(nameof(StoredMessageSubscription.InstanceId))} = {instanceId}"),
            Select(_incidents, $"{_incidents.Column(nameof(StoredIncident.InstanceId))} = {instanceId} AND {_incidents.Column(nameof(StoredIncident.Status))} = {(int)IncidentStatus.Open}"),
        ];
        var version = $"SELECT {_instances.Column(nameof(StoredInstance.Version))} FROM {_instances.Table} WHERE {_instances.Column(nameof(StoredInstance.Id))} = {instanceId}";

        // By work item, the item is read in the version check's statement, so at the version the check proves.
        statements.Add(byWorkItem
            ? $"SELECT {_workItems.Columns}, ({version}) FROM {_workItems.Table} WHERE {_workItems.Column(nameof(StoredWorkItem.Id))} = {id}"
            : version);
        return string.Join(sql.StatementTerminator + "\n", statements) + sql.StatementTerminator;
    }

    private static string Select<T>(StoredTable<T> rows, string where)
        where T : class =>
        $"SELECT {rows.Columns} FROM {rows.Table} WHERE {where}";
}

/// <summary>
/// What <see cref="InstanceLoad"/> read: the instance (null when missing) and, when read by work item, the item.
/// </summary>
internal sealed record InstanceRead(StoredInstanceState? Instance, StoredWorkItem? WorkItem);
