using System.Collections.Immutable;
using System.Text.Json.Nodes;
using DossierWorkflow.Engine.Persistence;

namespace DossierWorkflow.Engine.Runtime;

/// <summary>Maps stored rows to the runtime model and back, and computes what a command changed.</summary>
internal static class InstanceStateMapping
{
    public static InstanceState ToRuntime(StoredInstanceState stored)
    {
        var row = stored.Instance;
        var state = new InstanceState
        {
            Id = row.Id,
            DefinitionKey = row.DefinitionKey,
            DefinitionVersion = row.DefinitionVersion,
            BusinessKey = row.BusinessKey,
            ParentInstanceId = row.ParentInstanceId,
            ParentTokenId = row.ParentTokenId,
            Status = row.Status,
            Result = row.Result,
            Variables = ParseVariables(row.VariablesJson),
            Version = row.Version,
            JournalSequence = row.JournalSequence,
            StartedAt = row.StartedAt,
            StartedBy = row.StartedBy,
            EndedAt = row.EndedAt,
            EndedBy = row.EndedBy,
            EndReason = row.EndReason,
        };
        state.Tokens.AddRange(stored.Tokens.Select(t => new Token(t.Id, t.ElementId, t.ScopeId)
        {
            Status = t.Status,
            ArrivedViaFlowId = t.ArrivedViaFlowId,
            LoopIndex = t.LoopIndex,
            Locals = t.LocalsJson is null ? null : ParseVariables(t.LocalsJson),
            CalledInstanceId = t.CalledInstanceId,
        }));
        foreach (var item in stored.OpenWorkItems)
        {
            state.WorkItems[item.Id] = item;
            state.Bookmarks.Add(new Bookmark(item.Id, item.TokenId, item.ElementId, BookmarkKind.WorkItem, item.CreatedAt) { DueAt = item.DueAt });
        }

        state.Bookmarks.AddRange(stored.Timers.Select(t => new Bookmark(t.Id, t.TokenId, t.ElementId, BookmarkKind.Timer, t.DueAt) { DueAt = t.DueAt, Occurrence = t.Occurrence }));
        state.Bookmarks.AddRange(stored.MessageSubscriptions.Select(s =>
            new Bookmark(s.Id, s.TokenId, s.ElementId, s.IsSignal ? BookmarkKind.Signal : BookmarkKind.Message, s.CreatedAt)
            {
                MessageName = s.MessageName,
                CorrelationKey = s.CorrelationKey,
            }));
        foreach (var incident in stored.OpenIncidents)
        {
            state.Incidents[incident.Id] = incident;
        }

        return state;
    }

    public static StoredInstance ToStored(InstanceState state, long version) => new()
    {
        Id = state.Id,
        DefinitionKey = state.DefinitionKey,
        DefinitionVersion = state.DefinitionVersion,
        BusinessKey = state.BusinessKey,
        ParentInstanceId = state.ParentInstanceId,
        ParentTokenId = state.ParentTokenId,
        Status = state.Status,
        Result = state.Result,
        VariablesJson = state.Variables.ToJsonString(),
        Version = version,
        JournalSequence = state.JournalSequence,
        StartedAt = state.StartedAt,
        StartedBy = state.StartedBy,
        EndedAt = state.EndedAt,
        EndedBy = state.EndedBy,
        EndReason = state.EndReason,
    };

    /// <summary>The rows one command changed: the runtime state compared with what was loaded (nothing for a new instance).</summary>
    public static WorkflowChangeSet Diff(
        StoredInstanceState? loaded,
        InstanceState state,
        IReadOnlyList<StoredJournalEntry> journal,
        IReadOnlyList<StoredOutboxMessage> outboxAdded,
        IReadOnlyList<StoredOutboxMessage> outboxUpdated)
    {
        var expectedVersion = loaded?.Instance.Version ?? 0;
        var tokens = state.Tokens.Select(t => new StoredToken
        {
            Id = t.Id,
            InstanceId = state.Id,
            ElementId = t.ElementId,
            Status = t.Status,
            ArrivedViaFlowId = t.ArrivedViaFlowId,
            ScopeId = t.ScopeId,
            LoopIndex = t.LoopIndex,
            LocalsJson = t.Locals?.ToJsonString(),
            CalledInstanceId = t.CalledInstanceId,
        });
        var timers = state.Bookmarks.Where(b => b.Kind == BookmarkKind.Timer).Select(b => new StoredTimer
        {
            Id = b.Id,
            InstanceId = state.Id,
            TokenId = b.TokenId,
            ElementId = b.ElementId,
            DueAt = b.DueAt!.Value,
            Occurrence = b.Occurrence,
        });
        var subscriptions = state.Bookmarks.Where(b => b.Kind is BookmarkKind.Message or BookmarkKind.Signal).Select(b => new StoredMessageSubscription
        {
            IsSignal = b.Kind == BookmarkKind.Signal,
            Id = b.Id,
            InstanceId = state.Id,
            TokenId = b.TokenId,
            ElementId = b.ElementId,
            MessageName = b.MessageName!,
            CorrelationKey = b.CorrelationKey!,
            CreatedAt = b.CreatedAt,
        });

        return new WorkflowChangeSet(
            ToStored(state, expectedVersion + 1),
            expectedVersion,
            Compare(loaded?.Tokens ?? [], tokens, t => t.Id, compareUpdates: true),
            Compare(loaded?.OpenWorkItems ?? [], state.WorkItems.Values, w => w.Id, compareUpdates: true, deletes: false),
            Compare(loaded?.Timers ?? [], timers, t => t.Id, compareUpdates: false),
            Compare(loaded?.MessageSubscriptions ?? [], subscriptions, s => s.Id, compareUpdates: false),
            Compare(loaded?.OpenIncidents ?? [], state.Incidents.Values, i => i.Id, compareUpdates: true, deletes: false),
            outboxAdded.Count + outboxUpdated.Count == 0 ? RowChanges<StoredOutboxMessage>.None : new(outboxAdded, outboxUpdated, []),
            journal)
        {
            Original = loaded,
        };
    }

    private static RowChanges<T> Compare<T>(IEnumerable<T> before, IEnumerable<T> after, Func<T, Guid> id, bool compareUpdates, bool deletes = true)
        where T : notnull
    {
        var old = before.ToDictionary(id);
        var added = new List<T>();
        var updated = new List<T>();
        var seen = new HashSet<Guid>();
        foreach (var row in after)
        {
            var key = id(row);
            seen.Add(key);
            if (!old.TryGetValue(key, out var previous))
            {
                added.Add(row);
            }
            else if (compareUpdates && !previous.Equals(row))
            {
                updated.Add(row);
            }
        }

        var deleted = deletes ? old.Keys.Where(k => !seen.Contains(k)).ToList() : [];
        return added.Count == 0 && updated.Count == 0 && deleted.Count == 0 ? RowChanges<T>.None : new RowChanges<T>(added, updated, deleted);
    }

    public static JsonObject ParseVariables(string json) =>
        JsonNode.Parse(json) as JsonObject ?? throw new InvalidOperationException("Stored instance variables are not a JSON object.");

    public static WorkItem ToModel(StoredWorkItem w) => new(
        w.Id, w.InstanceId, w.DefinitionKey, w.DefinitionVersion, w.BusinessKey, w.ElementId, w.Name, w.CandidateRole, w.UnitScope, w.CandidateUnit, w.Form,
        SplitOutcomes(w.Outcomes), w.Assignee, w.Owner, w.Status, w.CreatedAt, w.DueAt, w.Outcome, w.Comment, w.CompletedBy, w.CompletedAt);

    public static ImmutableArray<string> SplitOutcomes(string outcomes) =>
        [.. outcomes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public static JournalEntry ToModel(StoredJournalEntry e) => new(
        e.InstanceId, e.Sequence, e.At, e.Kind, e.ElementId, e.ElementName, e.Actor, e.WorkItemId, e.CandidateRole, e.UnitScope,
        e.Assignee, e.PreviousAssignee, e.Outcome, e.Comment, e.DueAt, e.Detail);

    public static Incident ToModel(StoredIncident i) => new(
        i.Id, i.InstanceId, i.ElementId, i.Kind, i.Message, i.Attempts, i.Status, i.CreatedAt, i.NextRetryAt, i.ResolvedAt, i.ResolvedBy);

    public static InstancePosition ToPosition(InstanceState state) => new(
        state.Id,
        state.DefinitionKey,
        state.DefinitionVersion,
        state.BusinessKey,
        state.Status,
        state.Result,
        state.Version,
        [.. state.Tokens.Select(t => t.ElementId).Distinct().Order(StringComparer.Ordinal)],
        [.. state.WorkItems.Values.Where(w => w.Status == WorkItemStatus.Open).OrderBy(w => w.CreatedAt).ThenBy(w => w.ElementId, StringComparer.Ordinal).Select(ToModel)],
        [.. state.Incidents.Values.Where(i => i.Status == IncidentStatus.Open).OrderBy(i => i.CreatedAt).Select(ToModel)],
        (JsonObject)state.Variables.DeepClone());
}
