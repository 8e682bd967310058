using DossierWorkflow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DossierWorkflow.Dossiers.Workflow;

// The engine's tables: one configuration per stored record, keys and indexes as listed in the engine's
// Persistence/README.md. No foreign keys: the engine writes these rows only through its commands, and an instance's rows
// can later be archived together without cascades. JSON (variables, payloads, journal detail) is plain text.

internal sealed class StoredDefinitionConfiguration : IEntityTypeConfiguration<StoredDefinition>
{
    public void Configure(EntityTypeBuilder<StoredDefinition> builder)
    {
        builder.ToTable("WorkflowDefinitions");

        // "Latest version of a key" reads this key backwards: an index seek, whatever the number of versions.
        builder.HasKey(d => new { d.Key, d.Version });
        builder.Property(d => d.Key).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(d => d.Version).ValueGeneratedNever();
        builder.Property(d => d.Name).HasMaxLength(WorkflowColumns.NameLength);
        builder.Property(d => d.ContentHash).HasMaxLength(WorkflowColumns.HashLength);
        builder.Property(d => d.DeployedBy).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(d => d.DeployedAt).HasUtcConversion();
    }
}

internal sealed class StoredInstanceConfiguration : IEntityTypeConfiguration<StoredInstance>
{
    public void Configure(EntityTypeBuilder<StoredInstance> builder)
    {
        builder.ToTable("WorkflowInstances");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.DefinitionKey).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(i => i.BusinessKey).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(i => i.Result).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(i => i.StartedBy).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(i => i.EndedBy).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.Property(i => i.StartedAt).HasUtcConversion();
        builder.Property(i => i.EndedAt).HasUtcConversion();
        builder.HasIndex(i => i.BusinessKey);
        builder.HasIndex(i => i.ParentInstanceId);

        // The administrators' versions page counts the dossiers on each version of a definition.
        builder.HasIndex(i => new { i.DefinitionKey, i.DefinitionVersion, i.Status });
    }
}

internal sealed class StoredTokenConfiguration : IEntityTypeConfiguration<StoredToken>
{
    public void Configure(EntityTypeBuilder<StoredToken> builder)
    {
        builder.ToTable("WorkflowTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.ElementId).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(t => t.ArrivedViaFlowId).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.HasIndex(t => t.InstanceId);
    }
}

internal sealed class StoredWorkItemConfiguration : IEntityTypeConfiguration<StoredWorkItem>
{
    public void Configure(EntityTypeBuilder<StoredWorkItem> builder)
    {
        builder.ToTable("WorkflowWorkItems");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property(w => w.DefinitionKey).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(w => w.BusinessKey).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(w => w.ElementId).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(w => w.Name).HasMaxLength(WorkflowColumns.NameLength);
        builder.Property(w => w.CandidateRole).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(w => w.UnitScope).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(w => w.CandidateUnit).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(w => w.Form).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(w => w.Outcomes).HasMaxLength(WorkflowColumns.NameLength);
        builder.Property(w => w.Assignee).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(w => w.Owner).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(w => w.Outcome).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(w => w.CompletedBy).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(w => w.CreatedAt).HasUtcConversion();
        builder.Property(w => w.DueAt).HasUtcConversion();
        builder.Property(w => w.CompletedAt).HasUtcConversion();

        // An instance's open items (every command loads them; partial, so the plan cannot drift to a queue index and the
        // index stays as small as the open work), an instance's task history, the shared queues by role and unit, an
        // officer's own queue, a dossier's tasks.
        builder.HasIndex(w => w.InstanceId, "IX_WorkflowWorkItems_InstanceId_Open").HasFilter(WorkflowColumns.OpenWorkItemsFilter);
        builder.HasIndex(w => new { w.InstanceId, w.Status });
        builder.HasIndex(w => new { w.Status, w.CandidateRole, w.CandidateUnit });
        builder.HasIndex(w => new { w.Status, w.Assignee });
        builder.HasIndex(w => w.BusinessKey);

        // The reports: the steps completed in a span of time (officers' pace and productivity).
        builder.HasIndex(w => w.CompletedAt);
    }
}

internal sealed class StoredTimerConfiguration : IEntityTypeConfiguration<StoredTimer>
{
    public void Configure(EntityTypeBuilder<StoredTimer> builder)
    {
        builder.ToTable(WorkflowColumns.TimersTable);
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.ElementId).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(t => t.LockedBy).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(t => t.DueAt).HasUtcConversion();
        builder.Property(t => t.LockedUntil).HasUtcConversion();

        // Timers scheduled before cycles existed are first occurrences.
        builder.Property(t => t.Occurrence).HasDefaultValue(0);
        builder.HasIndex(t => t.DueAt);
        builder.HasIndex(t => t.InstanceId);
    }
}

internal sealed class StoredMessageSubscriptionConfiguration : IEntityTypeConfiguration<StoredMessageSubscription>
{
    public void Configure(EntityTypeBuilder<StoredMessageSubscription> builder)
    {
        builder.ToTable("WorkflowMessageSubscriptions");
        builder.Property(s => s.IsSignal).HasDefaultValue(false);
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.ElementId).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(s => s.MessageName).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(s => s.CorrelationKey).HasMaxLength(WorkflowColumns.KeyLength);
        builder.Property(s => s.CreatedAt).HasUtcConversion();
        builder.HasIndex(s => new { s.MessageName, s.CorrelationKey });
        builder.HasIndex(s => s.InstanceId);
    }
}

internal sealed class StoredJournalEntryConfiguration : IEntityTypeConfiguration<StoredJournalEntry>
{
    public void Configure(EntityTypeBuilder<StoredJournalEntry> builder)
    {
        builder.ToTable("WorkflowJournalEntries");

        // Append-only; two commands appending the same sequence collide on this key.
        builder.HasKey(e => new { e.InstanceId, e.Sequence });
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.ElementId).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(e => e.ElementName).HasMaxLength(WorkflowColumns.NameLength);
        builder.Property(e => e.Actor).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(e => e.CandidateRole).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(e => e.UnitScope).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(e => e.Assignee).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(e => e.PreviousAssignee).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(e => e.Outcome).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(e => e.At).HasUtcConversion();
        builder.Property(e => e.DueAt).HasUtcConversion();
    }
}

internal sealed class StoredIncidentConfiguration : IEntityTypeConfiguration<StoredIncident>
{
    public void Configure(EntityTypeBuilder<StoredIncident> builder)
    {
        builder.ToTable("WorkflowIncidents");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.ElementId).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(i => i.ResolvedBy).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(i => i.CreatedAt).HasUtcConversion();
        builder.Property(i => i.NextRetryAt).HasUtcConversion();
        builder.Property(i => i.ResolvedAt).HasUtcConversion();
        builder.HasIndex(i => new { i.Status, i.NextRetryAt });
        builder.HasIndex(i => new { i.InstanceId, i.Status });
    }
}

internal sealed class StoredOutboxMessageConfiguration : IEntityTypeConfiguration<StoredOutboxMessage>
{
    public void Configure(EntityTypeBuilder<StoredOutboxMessage> builder)
    {
        builder.ToTable(WorkflowColumns.OutboxTable);
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.ElementId).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(m => m.Handler).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(m => m.IdempotencyKey).HasMaxLength(WorkflowColumns.KeyLength);
        builder.Property(m => m.LockedBy).HasMaxLength(WorkflowColumns.IdentifierLength);
        builder.Property(m => m.CreatedAt).HasUtcConversion();
        builder.Property(m => m.NextAttemptAt).HasUtcConversion();
        builder.Property(m => m.LockedUntil).HasUtcConversion();
        builder.Property(m => m.DeliveredAt).HasUtcConversion();
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => m.IdempotencyKey).IsUnique();
    }
}

/// <summary>Column sizes and the timestamp mapping shared by the engine's tables.</summary>
internal static class WorkflowColumns
{
    public const int IdentifierLength = 200;
    public const int NameLength = 500;
    public const int KeyLength = 400;
    public const int HashLength = 100;

    public const string TimersTable = "WorkflowTimers";
    public const string OutboxTable = "WorkflowOutboxMessages";

    /// <summary>The filter of the partial index on open work items (<see cref="DossierWorkflow.Engine.WorkItemStatus.Open"/> is 0).</summary>
    public const string OpenWorkItemsFilter = "\"Status\" = 0";

    // EF never passes null to a converter, so one converter serves the nullable columns too.
    private static readonly ValueConverter<DateTimeOffset, DateTime> Utc = new(v => v.UtcDateTime, v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)));

    /// <summary>
    /// Stores an instant as a UTC <see cref="DateTime"/>: <c>timestamp with time zone</c> on PostgreSQL, and on SQLite the
    /// fixed-format UTC text that EF orders and compares in SQL (it cannot order or compare <see cref="DateTimeOffset"/>
    /// there). Values come back with offset zero: the same instant.
    /// </summary>
    public static PropertyBuilder<DateTimeOffset> HasUtcConversion(this PropertyBuilder<DateTimeOffset> property) => property.HasConversion(Utc);

    /// <summary>The same mapping for an optional instant.</summary>
    public static PropertyBuilder<DateTimeOffset?> HasUtcConversion(this PropertyBuilder<DateTimeOffset?> property) => property.HasConversion(Utc);
}
