using System.Runtime.CompilerServices;
using DossierWorkflow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace DossierWorkflow.Dossiers.Workflow;

/// <summary>The engine's tables as the context's model maps them (<see cref="StoredTable{T}"/>), built once per model.</summary>
internal sealed class WorkflowTables
{
    private static readonly ConditionalWeakTable<IModel, WorkflowTables> ByModel = [];

    private WorkflowTables(IModel model, ISqlGenerationHelper sql)
    {
        Definitions = StoredTable<StoredDefinition>.Create(model, sql);
        Instances = StoredTable<StoredInstance>.Create(model, sql);
        Tokens = StoredTable<StoredToken>.Create(model, sql);
        WorkItems = StoredTable<StoredWorkItem>.Create(model, sql);
        Timers = StoredTable<StoredTimer>.Create(model, sql);
        MessageSubscriptions = StoredTable<StoredMessageSubscription>.Create(model, sql);
        Journal = StoredTable<StoredJournalEntry>.Create(model, sql);
        Incidents = StoredTable<StoredIncident>.Create(model, sql);
        Outbox = StoredTable<StoredOutboxMessage>.Create(model, sql);
        Load = new InstanceLoad(this, sql);
    }

    public StoredTable<StoredDefinition> Definitions { get; }
    public StoredTable<StoredInstance> Instances { get; }
    public StoredTable<StoredToken> Tokens { get; }
    public StoredTable<StoredWorkItem> WorkItems { get; }
    public StoredTable<StoredTimer> Timers { get; }
    public StoredTable<StoredMessageSubscription> MessageSubscriptions { get; }
    public StoredTable<StoredJournalEntry> Journal { get; }
    public StoredTable<StoredIncident> Incidents { get; }
    public StoredTable<StoredOutboxMessage> Outbox { get; }

    /// <summary>The one-round-trip read of an instance with its active rows.</summary>
    public InstanceLoad Load { get; }

    public static WorkflowTables For(DbContext db)
    {
        if (!ByModel.TryGetValue(db.Model, out var tables))
        {
            tables = new WorkflowTables(db.Model, db.GetService<ISqlGenerationHelper>());
            ByModel.AddOrUpdate(db.Model, tables);
        }

        return tables;
    }
}
