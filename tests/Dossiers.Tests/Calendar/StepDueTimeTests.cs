using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Tests.Workflow;
using DossierWorkflow.Engine.Testing;
using static DossierWorkflow.Engine.Testing.ProcessBuilder;

namespace DossierWorkflow.Dossiers.Tests.Calendar;

/// <summary>
/// A step's due time follows the rules of the dossier's appointment, on the real working calendar: it never precedes the
/// step's creation. Created by the engine, stored and read back on SQLite.
/// </summary>
public sealed class StepDueTimeTests : IAsyncLifetime
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);
    private readonly SqliteWorkflowDatabase _database = new();

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    // Friday 4 December 2026: before the same-day cut-off, the step is due that evening; after it, on Monday.
    [InlineData("2026-12-04T14:59", 0, "2026-12-04T17:00")]
    [InlineData("2026-12-04T15:01", 0, "2026-12-07T17:00")]
    [InlineData("2026-12-04T20:47", 0, "2026-12-07T17:00")]
    // Sunday 6 December: counts as received on Monday morning, due Monday with no budget, Tuesday with one day.
    [InlineData("2026-12-06T10:00", 0, "2026-12-07T17:00")]
    [InlineData("2026-12-06T10:00", 1, "2026-12-08T17:00")]
    // Friday evening with one day: the day of creation is not counted, Monday is.
    [InlineData("2026-12-04T20:47", 1, "2026-12-07T17:00")]
    public async Task A_step_is_due_by_the_dossier_deadline_rules(string createdAt, int budgetDays, string dueAt)
    {
        var created = Local(createdAt);
        var host = new EngineHost(_database.Store, new FakeTimeProvider(created), calendar: new VietnameseWorkingCalendar([]));

        var instanceId = await host.StartAsync(Process("reception").Start().UserTask("receive", role: "reception", durationDays: budgetDays).End().Build());
        var step = await host.OpenTaskAsync(instanceId, "receive");

        Assert.Equal(Local(dueAt), step.DueAt);
        Assert.True(step.DueAt > created, $"due {step.DueAt:u}, created {created:u}");
    }

    private static DateTimeOffset Local(string text) => new(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture), Vietnam);
}
