using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Reports;
using DossierWorkflow.Dossiers.Tests.Workflow;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DossierWorkflow.Dossiers.Tests.Reports;

/// <summary>
/// Early warning on crafted queues where the answer is known. The history: ten dossiers of Phường Hoàn Kiếm each went
/// through "Thẩm định" (one working day, by chuyenvien), then "Phê duyệt" (half a day, from the leaders' queue, by
/// lanhdao), which resolved it, then "Trả kết quả" (after the resolution: not counted) — so each officer and the
/// leaders' queue did ten steps in twenty working days, half a step a day. Read at 07:30 on Monday 14 December 2026.
/// </summary>
public abstract class EarlyWarningTests(WorkflowDatabase database) : ReportTests(database)
{
    private static readonly DateTimeOffset Now = At(12, 14, 7, 30);

    [Fact]
    public async Task Dossiers_that_will_miss_their_appointment_at_the_current_pace_are_named_with_the_step_where_time_runs_out()
    {
        var workingDays = new[] { 23, 24, 25, 26, 27, 30 }.Select(d => new DateOnly(2026, 11, d)).Concat(new[] { 1, 2, 3, 4, 7 }.Select(d => new DateOnly(2026, 12, d))).ToList();
        var steps = new List<StoredWorkItem>();
        for (var i = 0; i < 10; i++)
        {
            DateTimeOffset Day(int index, int hour, int minute) => Calendar.At(workingDays[index], new TimeOnly(hour, minute));
            var done = await Dossiers.AddAsync(accepted: Day(i, 7, 0), appointment: Day(i + 1, 17, 0), resolved: Day(i + 1, 11, 30));
            var instance = Guid.NewGuid();
            steps.Add(CraftedDossiers.Step(done, "Task_Process", "Thẩm định", "specialist", Day(i, 7, 30), "chuyenvien", Day(i + 1, 7, 30), instance: instance));
            steps.Add(CraftedDossiers.Step(done, "Task_Approve", "Phê duyệt", "leader", Day(i + 1, 7, 30), "lanhdao", Day(i + 1, 11, 30), instance: instance));
            steps.Add(CraftedDossiers.Step(done, "Task_Return", "Trả kết quả", "reception", Day(i + 1, 11, 30), "tiepnhan", Day(i + 1, 13, 0), instance: instance));
        }

        // chuyenvien's queue, worked through by appointment: A (today 17:00) first — two working days at half a step a
        // day, one more than it has: late in "Thẩm định". B (Thursday 17:00) second: four days, then half a day of
        // "Phê duyệt" — late there. C (Tuesday week) third: six and a half days of seven, in time.
        var a = await Dossiers.AddAsync(accepted: At(12, 11, 9, 0), appointment: At(12, 14, 17, 0));
        var d = await Dossiers.AddAsync(accepted: At(12, 10, 9, 0), appointment: At(12, 14, 17, 0));
        var b = await Dossiers.AddAsync(accepted: At(12, 11, 9, 0), appointment: At(12, 17, 17, 0));
        var c = await Dossiers.AddAsync(accepted: At(12, 11, 9, 0), appointment: At(12, 22, 17, 0));
        steps.Add(CraftedDossiers.Step(c, "Task_Process", "Thẩm định", "specialist", Now, "chuyenvien"));
        steps.Add(CraftedDossiers.Step(a, "Task_Process", "Thẩm định", "specialist", Now, "chuyenvien"));
        steps.Add(CraftedDossiers.Step(b, "Task_Process", "Thẩm định", "specialist", Now, "chuyenvien"));

        // D waits unclaimed in the leaders' queue since Friday: two days at the queue's pace, it has one.
        steps.Add(CraftedDossiers.Step(d, "Task_Approve", "Phê duyệt", "leader", At(12, 11, 7, 30), null));

        // Already overdue (the dashboard's overdue list has it), resolved, or another unit's: none of early warning's.
        var overdue = await Dossiers.AddAsync(accepted: At(12, 7, 9, 0), appointment: At(12, 11, 17, 0));
        steps.Add(CraftedDossiers.Step(overdue, "Task_Process", "Thẩm định", "specialist", Now, "chuyenvien"));
        var elsewhere = await Dossiers.AddAsync(accepted: At(12, 11, 9, 0), appointment: At(12, 14, 17, 0), unit: "HN.SOCSON");
        steps.Add(CraftedDossiers.Step(elsewhere, "Task_Process", "Thẩm định", "specialist", Now, "chuyenvien.socson"));
        await using (var db = Database.CreateContext())
        {
            db.AddRange(steps);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var late = await PredictAsync();

        Assert.Equal(
            [(a.Code, "Task_Process", "chuyenvien", (string?)null, "Task_Process", 1.0), (d.Code, "Task_Approve", null, "HN.HOANKIEM", "Task_Approve", 1.0), (b.Code, "Task_Process", "chuyenvien", null, "Task_Approve", 0.5)],
            late.Select(l => (l.DossierCode, l.StepId, l.Holder, l.Holder is null ? l.QueueUnit : null, l.RunsOutAtStepId, l.WorkingDaysLate)));
        Assert.Equal("Phê duyệt", late[2].RunsOutAtStepName);

        // A would be resolved when two working days from now are over: at the start of Wednesday's office hours.
        Assert.Equal(At(12, 16, 7, 30), late[0].PredictedAt);
    }

    [Fact]
    public async Task Without_history_a_step_is_taken_to_end_by_its_own_due_time_or_raises_no_alarm()
    {
        Assert.Empty(await PredictAsync());

        // No history at all. A step due at 17:00 tomorrow, in a dossier due at 11:30 today: it runs out there, a day and a
        // half late. The same step without a due time of its own: no alarm.
        var dueStep = await Dossiers.AddAsync(accepted: At(12, 11, 9, 0), appointment: At(12, 14, 11, 30));
        var noDueStep = await Dossiers.AddAsync(accepted: At(12, 11, 9, 0), appointment: At(12, 14, 11, 30));
        await using (var db = Database.CreateContext())
        {
            db.AddRange(
                CraftedDossiers.Step(dueStep, "Task_Process", "Thẩm định", "specialist", Now, "chuyenvien", due: At(12, 15, 17, 0)),
                CraftedDossiers.Step(noDueStep, "Task_Process", "Thẩm định", "specialist", Now, "chuyenvien"));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal([(dueStep.Code, "Task_Process", 1.5)], (await PredictAsync()).Select(l => (l.DossierCode, l.RunsOutAtStepId, l.WorkingDaysLate)));

        // A second step open beside it, due later still: the dossier is listed once, by the step that makes it latest.
        await using (var db = Database.CreateContext())
        {
            db.Add(CraftedDossiers.Step(dueStep, "Task_Verify", "Xác minh", "specialist", Now, "lanhdao", due: At(12, 16, 17, 0)));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal([(dueStep.Code, "Task_Verify", "lanhdao", 2.5)], (await PredictAsync()).Select(l => (l.DossierCode, l.StepId, l.Holder, l.WorkingDaysLate)));
    }

    private async Task<IReadOnlyList<PredictedLate>> PredictAsync()
    {
        await using var db = Database.CreateContext();
        return await new EarlyWarning(db, new OrganisationUnits(), new CurrentWorkingCalendar(), new FakeTimeProvider(Now)).PredictAsync("HN.HOANKIEM", TestContext.Current.CancellationToken);
    }

    private static readonly VietnameseWorkingCalendar Calendar = new([]);

    private static DateTimeOffset At(int month, int day, int hour, int minute) => CraftedDossiers.At(2026, month, day, hour, minute);
}

public sealed class EarlyWarningTestsOnSqlite() : EarlyWarningTests(new SqliteWorkflowDatabase());

public sealed class EarlyWarningTestsOnPostgres(PostgresCluster cluster) : EarlyWarningTests(new PostgresWorkflowDatabase(cluster));
