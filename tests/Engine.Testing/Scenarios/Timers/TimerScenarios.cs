using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Persistence;
using static DossierWorkflow.Engine.Testing.ProcessBuilder;

namespace DossierWorkflow.Engine.Testing.Scenarios.Timers;

internal static class Workflows
{
    public static ExecutableDefinition CoolingOff(TimerTrigger timer) => Process("cooling-off")
        .Start().TimerCatch("wait", timer).UserTask("process").End()
        .Build();

    /// <summary>Review with a daily reminder to the leader (a cycle on a non-interrupting boundary event), so many times or while it waits.</summary>
    public static ExecutableDefinition Reminders(int? repetitions) => Process("reminders")
        .Start().UserTask("review").End("reviewed")
        .BoundaryTimer("remind-daily", attachedTo: "review", new TimerTrigger(TimerKind.Cycle, $"R{repetitions}/P1D", false)
        {
            Duration = new IsoDuration(1, TimeSpan.Zero),
            Repetitions = repetitions,
        }, interrupting: false)
        .UserTask("remind", role: "leader").End("reminded")
        .Build();

    /// <summary>Review with a one-day escalation: interrupting moves the dossier to the leader, non-interrupting adds a reminder.</summary>
    public static ExecutableDefinition Escalation(bool interrupting) => Process(interrupting ? "escalation" : "reminder")
        .Start().UserTask("review").End("reviewed")
        .BoundaryTimer("overdue", attachedTo: "review", Duration(TimeSpan.Zero, days: 1), interrupting)
        .UserTask(interrupting ? "escalate" : "remind", role: "leader").End("escalated")
        .Build();
}

public abstract class TimerScenarios : ScenarioTest
{
    [Fact]
    public async Task A_cycle_reminder_fires_every_period_while_the_step_is_open_at_most_its_number_of_times()
    {
        var instanceId = await Host.StartAsync(Workflows.Reminders(repetitions: 3));

        var fired = new List<int>();
        for (var day = 1; day <= 5; day++)
        {
            Clock.Advance(TimeSpan.FromDays(1));
            fired.Add(await Engine.FireDueTimersAsync());
        }

        // Three reminders, one a day; the review still waits, with no timer left.
        Assert.Equal([1, 1, 1, 0, 0], fired);
        var position = await Engine.GetPositionAsync(instanceId);
        Assert.Equal(["remind", "review"], position.ActiveElementIds.Order(StringComparer.Ordinal));
        var reminders = await Engine.QueryWorkItemsAsync(new WorkItemFilter { InstanceId = instanceId, CandidateRole = "leader" });
        Assert.Equal(3, reminders.Count);
        var journal = await Engine.GetJournalAsync(instanceId);
        Assert.Equal(3, journal.Count(e => e.Kind == JournalEntryKind.TimerFired && e.ElementId == "remind-daily"));
    }

    [Fact]
    public async Task A_cycle_reminder_stops_when_its_step_is_completed()
    {
        var instanceId = await Host.StartAsync(Workflows.Reminders(repetitions: null));
        Clock.Advance(TimeSpan.FromDays(1));
        await Engine.FireDueTimersAsync();

        await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await Host.OpenTaskAsync(instanceId, "review")).Id));
        Clock.Advance(TimeSpan.FromDays(3));
        var later = await Engine.FireDueTimersAsync();

        Assert.Equal(0, later);
        var journal = await Engine.GetJournalAsync(instanceId);
        Assert.Single(journal, e => e.Kind == JournalEntryKind.TimerFired);
        Assert.Contains(journal, e => e.Kind == JournalEntryKind.TimerCancelled && e.ElementId == "remind-daily");
    }

    [Fact]
    public async Task An_intermediate_timer_fires_once_when_due_and_the_instance_moves_on()
    {
        var instanceId = await Host.StartAsync(Workflows.CoolingOff(Duration(TimeSpan.FromHours(2))));

        var early = await Engine.FireDueTimersAsync();
        Clock.Advance(TimeSpan.FromHours(2));
        var due = await Engine.FireDueTimersAsync();
        var again = await Engine.FireDueTimersAsync();

        Assert.Equal((0, 1, 0), (early, due, again));
        Assert.Equal(["process"], (await Engine.GetPositionAsync(instanceId)).ActiveElementIds);
        var journal = await Engine.GetJournalAsync(instanceId);
        var scheduled = Assert.Single(journal, e => e.Kind == JournalEntryKind.TimerScheduled);
        Assert.Equal(FakeTimeProvider.MondayMorning.AddHours(2), scheduled.DueAt);
        Assert.Single(journal, e => e.Kind == JournalEntryKind.TimerFired);
    }

    [Fact]
    public async Task An_intermediate_cycle_timer_waits_one_period_each_time_it_is_reached()
    {
        var daily = new TimerTrigger(TimerKind.Cycle, "R3/P1D", false) { Duration = new IsoDuration(1, TimeSpan.Zero), Repetitions = 3 };
        var instanceId = await Host.StartAsync(Workflows.CoolingOff(daily));

        Clock.Advance(TimeSpan.FromHours(23));
        var early = await Engine.FireDueTimersAsync();
        Clock.Advance(TimeSpan.FromHours(1));
        var due = await Engine.FireDueTimersAsync();
        Clock.Advance(TimeSpan.FromDays(3));
        var after = await Engine.FireDueTimersAsync();

        Assert.Equal((0, 1, 0), (early, due, after));
        Assert.Equal(["process"], (await Engine.GetPositionAsync(instanceId)).ActiveElementIds);
    }

    [Fact]
    public async Task A_working_day_timer_counts_working_days_on_the_calendar()
    {
        Clock.SetTo(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));
        var instanceId = await Host.StartAsync(Workflows.CoolingOff(WorkingDays(2)));

        Clock.SetTo(new DateTimeOffset(2026, 12, 1, 16, 59, 0, TimeSpan.Zero));
        var beforeDue = await Engine.FireDueTimersAsync();
        Clock.Advance(TimeSpan.FromMinutes(1));
        var atDue = await Engine.FireDueTimersAsync();

        var scheduled = (await Engine.GetJournalAsync(instanceId)).Single(e => e.Kind == JournalEntryKind.TimerScheduled);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 17, 0, 0, TimeSpan.Zero), scheduled.DueAt);
        Assert.Equal((0, 1), (beforeDue, atDue));
    }

    [Fact]
    public async Task A_date_timer_fires_at_its_date()
    {
        var date = new DateTimeOffset(2026, 12, 24, 8, 0, 0, TimeSpan.Zero);
        var instanceId = await Host.StartAsync(Workflows.CoolingOff(At(date)));

        Clock.SetTo(date);
        await Engine.FireDueTimersAsync();

        Assert.Equal(["process"], (await Engine.GetPositionAsync(instanceId)).ActiveElementIds);
    }

    [Fact]
    public async Task An_interrupting_boundary_timer_cancels_the_task_and_continues_from_the_boundary()
    {
        var instanceId = await Host.StartAsync(Workflows.Escalation(interrupting: true));
        var review = await Host.OpenTaskAsync(instanceId, "review");

        Clock.Advance(TimeSpan.FromDays(1));
        await Engine.FireDueTimersAsync();

        var position = await Engine.GetPositionAsync(instanceId);
        Assert.Equal("escalate", Assert.Single(position.OpenWorkItems).ElementId);
        Assert.Equal(WorkItemStatus.Cancelled, (await Engine.GetWorkItemAsync(review.Id)).Status);
        var kinds = await Host.JournalKindsAsync(instanceId);
        Assert.Equal(
            [JournalEntryKind.TimerFired, JournalEntryKind.NodeLeft, JournalEntryKind.TaskCancelled, JournalEntryKind.NodeEntered, JournalEntryKind.NodeLeft],
            kinds.SkipWhile(k => k != JournalEntryKind.TimerFired).Take(5));
        await Assert.ThrowsAsync<WorkItemClosedException>(() => Engine.CompleteWorkItemAsync(new CompleteWorkItem(review.Id)));
    }

    [Fact]
    public async Task A_non_interrupting_boundary_timer_adds_a_branch_and_the_task_stays_open()
    {
        var instanceId = await Host.StartAsync(Workflows.Escalation(interrupting: false));
        var review = await Host.OpenTaskAsync(instanceId, "review");

        Clock.Advance(TimeSpan.FromDays(1));
        await Engine.FireDueTimersAsync();
        var both = await Engine.GetPositionAsync(instanceId);
        var remind = both.OpenWorkItems.Single(w => w.ElementId == "remind");
        await Engine.CompleteWorkItemAsync(new CompleteWorkItem(review.Id));
        var done = await Engine.CompleteWorkItemAsync(new CompleteWorkItem(remind.Id));

        Assert.Equal(["remind", "review"], both.ActiveElementIds);
        Assert.Equal(InstanceStatus.Completed, done.Status);
    }

    [Fact]
    public async Task Completing_a_task_cancels_its_boundary_timer()
    {
        var instanceId = await Host.StartAsync(Workflows.Escalation(interrupting: true));
        var review = await Host.OpenTaskAsync(instanceId, "review");

        await Engine.CompleteWorkItemAsync(new CompleteWorkItem(review.Id));
        Clock.Advance(TimeSpan.FromDays(2));
        var fired = await Engine.FireDueTimersAsync();

        Assert.Equal(0, fired);
        Assert.Contains(JournalEntryKind.TimerCancelled, await Host.JournalKindsAsync(instanceId));
        Assert.Equal(InstanceStatus.Completed, (await Engine.GetPositionAsync(instanceId)).Status);
    }

    [Fact]
    public async Task Two_workers_polling_together_fire_each_due_timer_exactly_once()
    {
        var definition = Workflows.CoolingOff(Duration(TimeSpan.FromMinutes(30)));
        var instances = new List<Guid>();
        for (var i = 0; i < 40; i++)
        {
            instances.Add(await Host.StartAsync(definition));
        }

        Clock.Advance(TimeSpan.FromHours(1));
        var first = Host.Worker("worker-a", batchSize: 3);
        var second = Host.Worker("worker-b", batchSize: 3);
        var fired = await Task.WhenAll(
            Task.Run(async () => await DrainAsync(first)),
            Task.Run(async () => await DrainAsync(second)));

        Assert.Equal(40, fired.Sum());
        foreach (var instanceId in instances)
        {
            Assert.Single(await Engine.GetJournalAsync(instanceId), e => e.Kind == JournalEntryKind.TimerFired);
        }
    }

    [Fact]
    public async Task A_timer_leased_by_a_worker_that_died_fires_after_the_lease_expires()
    {
        var instanceId = await Host.StartAsync(Workflows.CoolingOff(Duration(TimeSpan.FromMinutes(5))));
        Clock.Advance(TimeSpan.FromMinutes(5));
        var now = Clock.GetUtcNow();
        var leased = await Host.Store.ClaimDueTimersAsync(now, 10, "crashed-worker", now + TimeSpan.FromMinutes(2));

        var whileLeased = await Engine.FireDueTimersAsync();
        Clock.Advance(TimeSpan.FromMinutes(3));
        var afterLease = await Engine.FireDueTimersAsync();

        Assert.Single(leased);
        Assert.Equal((0, 1), (whileLeased, afterLease));
        Assert.Equal(["process"], (await Engine.GetPositionAsync(instanceId)).ActiveElementIds);
    }

    private static async Task<int> DrainAsync(IWorkflowEngine worker)
    {
        var total = 0;
        int fired;
        do
        {
            fired = await worker.FireDueTimersAsync();
            total += fired;
        }
        while (fired > 0);

        return total;
    }
}
