using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;

namespace DossierWorkflow.Dossiers.Tests.Dossiers;

/// <summary>The timeline read from a journal: which entries show, a step's timeliness against its due time, who holds it.</summary>
public sealed class DossierTimelineTests
{
    private static readonly VietnameseWorkingCalendar Calendar = new([]);
    private static readonly Guid Instance = Guid.NewGuid();
    private static readonly Guid Step = Guid.NewGuid();

    // Due Friday 4 Dec 2026, 17:00 in Vietnam (10:00 UTC).
    private static readonly DateTimeOffset Due = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-12-03T08:00:00Z", Timeliness.Early)]
    [InlineData("2026-12-04T02:00:00Z", Timeliness.OnTime)]
    [InlineData("2026-12-04T10:00:00Z", Timeliness.OnTime)]
    [InlineData("2026-12-04T10:00:01Z", Timeliness.Late)]
    public void A_completed_step_is_early_on_time_or_late_against_its_due_time(string completedAt, Timeliness expected)
    {
        var timeline = DossierTimeline.From(
        [
            Entry(1, "2026-12-02T02:00:00Z", JournalEntryKind.TaskCreated, dueAt: Due),
            Entry(2, completedAt, JournalEntryKind.TaskCompleted, actor: "chuyenvien", assignee: "chuyenvien", outcome: "submit"),
        ], Calendar);

        var completed = Assert.Single(timeline.Entries, e => e.Kind == JournalEntryKind.TaskCompleted);
        Assert.Equal((expected, Due, "submit"), (completed.Timeliness, completed.DueAt, completed.Outcome));
        Assert.Empty(timeline.OpenSteps);
    }

    [Fact]
    public void An_open_step_shows_who_holds_it_since_when_and_back_in_the_queue_after_an_unclaim()
    {
        var journal = new List<StoredJournalEntry>
        {
            Entry(1, "2026-12-02T02:00:00Z", JournalEntryKind.TaskCreated, dueAt: Due),
            Entry(2, "2026-12-02T03:00:00Z", JournalEntryKind.TaskClaimed, actor: "chuyenvien", assignee: "chuyenvien"),
        };

        var held = Assert.Single(DossierTimeline.From(journal, Calendar).OpenSteps);
        journal.Add(Entry(3, "2026-12-02T04:00:00Z", JournalEntryKind.TaskUnclaimed, actor: "chuyenvien"));
        var queued = Assert.Single(DossierTimeline.From(journal, Calendar).OpenSteps);

        Assert.Equal(("chuyenvien", DateTimeOffset.Parse("2026-12-02T03:00:00Z"), (DateTimeOffset?)Due), (held.Holder, held.HeldSince, held.DueAt));
        Assert.Equal((null, DateTimeOffset.Parse("2026-12-02T04:00:00Z")), (queued.Holder, queued.HeldSince));
    }

    [Fact]
    public void The_engines_inner_movements_are_left_out()
    {
        var timeline = DossierTimeline.From(
        [
            Entry(1, "2026-12-02T02:00:00Z", JournalEntryKind.InstanceStarted),
            Entry(2, "2026-12-02T02:00:00Z", JournalEntryKind.NodeEntered),
            Entry(3, "2026-12-02T02:00:00Z", JournalEntryKind.NodeLeft),
            Entry(4, "2026-12-02T02:00:00Z", JournalEntryKind.MessageSubscribed),
            Entry(5, "2026-12-02T02:00:00Z", JournalEntryKind.TaskCreated, dueAt: Due),
        ], Calendar);

        Assert.Equal([JournalEntryKind.InstanceStarted, JournalEntryKind.TaskCreated], timeline.Entries.Select(e => e.Kind));
    }

    private static StoredJournalEntry Entry(long sequence, string at, JournalEntryKind kind, DateTimeOffset? dueAt = null, string? actor = null, string? assignee = null, string? outcome = null) => new()
    {
        InstanceId = Instance,
        Sequence = sequence,
        At = DateTimeOffset.Parse(at),
        Kind = kind,
        ElementId = "Task_Processing",
        ElementName = "Kiểm tra hồ sơ",
        WorkItemId = kind is JournalEntryKind.InstanceStarted or JournalEntryKind.NodeEntered or JournalEntryKind.NodeLeft or JournalEntryKind.MessageSubscribed ? null : Step,
        CandidateRole = "specialist",
        Actor = actor,
        Assignee = assignee,
        Outcome = outcome,
        DueAt = dueAt,
    };
}
