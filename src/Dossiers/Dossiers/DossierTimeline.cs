using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;

namespace DossierWorkflow.Dossiers.Dossiers;

/// <summary>
/// A dossier's history as its officers read it, from its workflow instance's journal: when each step was reached and
/// in whose queue, who took it, handed it on or completed it with which outcome and comment, and whether it was done
/// early, on time or late against the step's budget; and who holds each open step now, since when.
/// </summary>
public sealed class DossierTimeline
{
    private DossierTimeline(IReadOnlyList<TimelineEntry> entries, IReadOnlyList<OpenStep> openSteps)
    {
        Entries = entries;
        OpenSteps = openSteps;
    }

    /// <summary>
    /// The journal of a dossier's workflow instance together with the steps of the instances its call activities started
    /// (another agency's workflow run as part of the dossier, "liên thông"), and those instances. Of a called instance only
    /// what happened to its steps is taken: its start and end are the call's own entries in the caller's journal.
    /// </summary>
    public static async Task<(IReadOnlyList<StoredJournalEntry> Journal, IReadOnlyList<StoredInstance> Called)> ReadAsync(
        IWorkflowStore store, Guid instanceId, CancellationToken cancellationToken)
    {
        var journal = new List<StoredJournalEntry>(await store.GetJournalAsync(instanceId, 0, cancellationToken));
        var called = new List<StoredInstance>();
        var pending = new Queue<Guid>([instanceId]);
        while (pending.TryDequeue(out var caller))
        {
            foreach (var instance in await store.FindCalledInstancesAsync(caller, cancellationToken))
            {
                called.Add(instance);
                pending.Enqueue(instance.Id);
                journal.AddRange((await store.GetJournalAsync(instance.Id, 0, cancellationToken))
                    .Where(e => e.Kind is not (JournalEntryKind.InstanceStarted or JournalEntryKind.InstanceCompleted or JournalEntryKind.InstanceCancelled or JournalEntryKind.InstanceTerminated)));
            }
        }

        return (journal, called);
    }

    /// <summary>What happened, oldest first; the engine's inner movements (nodes entered and left, subscriptions) are left out.</summary>
    public IReadOnlyList<TimelineEntry> Entries { get; }

    /// <summary>The steps open now, each with its holder (null: waiting in its role's queue) and since when.</summary>
    public IReadOnlyList<OpenStep> OpenSteps { get; }

    /// <param name="stepNames">
    /// Names to show instead of those the journal recorded, by element id (e.g. the steps' English names); the
    /// recorded name stands for every element not in it.
    /// </param>
    public static DossierTimeline From(
        IReadOnlyList<StoredJournalEntry> journal,
        VietnameseWorkingCalendar calendar,
        IReadOnlyDictionary<string, string>? stepNames = null)
    {
        stepNames ??= new Dictionary<string, string>();
        string? StepOf(StoredJournalEntry entry) =>
            entry.ElementId is { } id && stepNames.TryGetValue(id, out var name) ? name : entry.ElementName ?? entry.ElementId;

        List<TimelineEntry> entries = [];
        Dictionary<Guid, OpenStep> open = [];
        // By time, then by each instance's own order: a dossier's journal may hold the entries of the instances it called.
        foreach (var entry in journal.OrderBy(e => e.At).ThenBy(e => e.Sequence))
        {
            switch (entry.Kind)
            {
                case JournalEntryKind.TaskCreated when entry.WorkItemId is { } id:
                    open[id] = new OpenStep(id, StepOf(entry) ?? "", entry.CandidateRole, null, entry.At, entry.At, entry.DueAt);
                    break;
                case JournalEntryKind.TaskClaimed or JournalEntryKind.TaskAssigned or JournalEntryKind.TaskDelegated or JournalEntryKind.TaskUnclaimed
                    when entry.WorkItemId is { } id && open.TryGetValue(id, out var step):
                    open[id] = step with { Holder = entry.Kind == JournalEntryKind.TaskUnclaimed ? null : entry.Assignee, HeldSince = entry.At };
                    break;
                case JournalEntryKind.TaskCompleted or JournalEntryKind.TaskCancelled when entry.WorkItemId is { } id:
                    open.Remove(id, out var completed);
                    entries.Add(Entry(entry, StepOf(entry)) with
                    {
                        Timeliness = entry.Kind == JournalEntryKind.TaskCompleted && (completed?.DueAt ?? entry.DueAt) is { } due
                            ? TimelinessOf(entry.At, due, calendar)
                            : null,
                        DueAt = completed?.DueAt ?? entry.DueAt,
                    });
                    continue;
            }

            if (Shown.Contains(entry.Kind))
            {
                entries.Add(Entry(entry, StepOf(entry)));
            }
        }

        return new DossierTimeline(entries, [.. open.Values.OrderBy(s => s.ReachedAt)]);
    }

    private static readonly HashSet<JournalEntryKind> Shown =
    [
        JournalEntryKind.InstanceStarted, JournalEntryKind.TaskCreated, JournalEntryKind.TaskClaimed, JournalEntryKind.TaskUnclaimed,
        JournalEntryKind.TaskAssigned, JournalEntryKind.TaskDelegated, JournalEntryKind.ServiceTaskExecuted, JournalEntryKind.MessageReceived,
        JournalEntryKind.TimerFired, JournalEntryKind.IncidentRaised, JournalEntryKind.IncidentResolved, JournalEntryKind.InstanceCompleted,
        JournalEntryKind.InstanceCancelled, JournalEntryKind.InstanceTerminated, JournalEntryKind.TokenMoved, JournalEntryKind.CallStarted,
        JournalEntryKind.CallEnded, JournalEntryKind.SignalReceived,
    ];

    private static TimelineEntry Entry(StoredJournalEntry entry, string? step) => new(
        entry.Sequence, entry.At, entry.Kind, step, entry.Actor, entry.Assignee, entry.PreviousAssignee,
        entry.CandidateRole, entry.Outcome, entry.Comment, entry.DueAt, null, entry.WorkItemId);

    /// <summary>Late after the due time; early when done on a working day before the due day; otherwise on time.</summary>
    internal static Timeliness TimelinessOf(DateTimeOffset done, DateTimeOffset due, VietnameseWorkingCalendar calendar) =>
        done > due ? Timeliness.Late
        : calendar.LocalDate(done) < calendar.LocalDate(due) ? Timeliness.Early
        : Timeliness.OnTime;
}

/// <param name="Step">The step's (or event's) name from the definition.</param>
/// <param name="Actor">Who did it (null for the engine's own doing: a timer, a service task).</param>
/// <param name="Holder">The holder after it (claimed, assigned, delegated) or who completed the step.</param>
/// <param name="PreviousHolder">The holder before a hand-off.</param>
/// <param name="Timeliness">For a completed step with a due time: early, on time or late.</param>
/// <param name="WorkItemId">The step (work item) the entry is about, if any.</param>
public sealed record TimelineEntry(
    long Sequence,
    DateTimeOffset At,
    JournalEntryKind Kind,
    string? Step,
    string? Actor,
    string? Holder,
    string? PreviousHolder,
    string? Role,
    string? Outcome,
    string? Comment,
    DateTimeOffset? DueAt,
    Timeliness? Timeliness,
    Guid? WorkItemId);

/// <param name="Holder">The officer holding the step, or null while it waits in its role's queue.</param>
/// <param name="HeldSince">Since when the holder holds it (or since when it waits in the queue).</param>
public sealed record OpenStep(Guid WorkItemId, string Step, string? Role, string? Holder, DateTimeOffset ReachedAt, DateTimeOffset HeldSince, DateTimeOffset? DueAt);

public enum Timeliness
{
    Early = 1,
    OnTime = 2,
    Late = 3,
}
