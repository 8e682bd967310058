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
/// The dashboard beyond Biểu 06's figures: the trend by month (accepted, of them online; resolved, of them in time) in
/// the months of Vietnamese time, the shares, overdue by unit and procedure at the period's end, and who holds the
/// dossiers overdue now — an officer's claimed steps or a unit's unclaimed queue.
/// </summary>
public abstract class DashboardTests(WorkflowDatabase database) : ReportTests(database)
{

    [Fact]
    public async Task The_trend_counts_each_month_in_vietnamese_time_over_the_twelve_months_to_the_period_s_end()
    {
        // 30 November 23:30 in Hà Nội is 16:30 UTC: November's. 1 December 00:10 is still 30 November in UTC: December's.
        await Dossiers.AddAsync(accepted: At(2026, 11, 30, 23, 30), channel: ReceptionChannel.Online);
        await Dossiers.AddAsync(accepted: At(2026, 12, 1, 0, 10), appointment: At(2026, 12, 3, 17), resolved: At(2026, 12, 3, 16));
        await Dossiers.AddAsync(accepted: At(2026, 12, 2, 9), channel: ReceptionChannel.Online, appointment: At(2026, 12, 3, 17), resolved: At(2026, 12, 4, 9));
        await Dossiers.AddAsync(accepted: At(2026, 10, 5, 9), appointment: At(2026, 10, 8, 17), resolved: At(2026, 11, 2, 9));
        await Dossiers.AddAsync(accepted: At(2025, 12, 5, 9));
        await Dossiers.AddAsync(accepted: At(2026, 12, 2, 9), unit: "HN.SOCSON");

        var figures = await ComputeAsync(ReportPeriod.Month(2026, 12), At(2027, 1, 10, 9));

        Assert.Equal(Enumerable.Range(1, 12).Select(m => (2026, m)), figures.Trend.Select(m => (m.Year, m.Month)));
        var months = figures.Trend.ToDictionary(m => m.Month);
        Assert.Equal(new MonthFigures(2026, 10, 1, 0, 0, 0), months[10]);
        Assert.Equal(new MonthFigures(2026, 11, 1, 1, 1, 0), months[11]);
        Assert.Equal(new MonthFigures(2026, 12, 2, 1, 2, 1), months[12]);

        // A year's trend is its own twelve months; a longer range shows every month of it.
        Assert.Equal(12, (await ComputeAsync(ReportPeriod.Year(2026), At(2027, 1, 10, 9))).Trend.Count);
        var range = await ComputeAsync(new ReportPeriod(new DateOnly(2025, 12, 1), new DateOnly(2026, 12, 31)), At(2027, 1, 10, 9));
        Assert.Equal((13, 1), (range.Trend.Count, range.Trend[0].Accepted));

        // December: 2 received in it, 1 online; 2 resolved, 1 in time.
        Assert.Equal((0.5, 0.5), (figures.OnlineShare, figures.OnTimeRate));
    }

    [Fact]
    public async Task Overdue_dossiers_are_counted_by_unit_procedure_and_their_holder_now()
    {
        var now = At(2026, 12, 20, 12);
        var held = await Dossiers.AddAsync(accepted: At(2026, 12, 7, 9), appointment: At(2026, 12, 10, 17));
        var heldToo = await Dossiers.AddAsync(accepted: At(2026, 12, 7, 9), appointment: At(2026, 12, 11, 17), procedure: ("2.000815", "Chứng thực", "Thủ tục chứng thực bản sao"));
        var queued = await Dossiers.AddAsync(accepted: At(2026, 12, 8, 9), appointment: At(2026, 12, 11, 17), unit: "HN.HOANKIEM.TTPVHCC");
        var withinDeadline = await Dossiers.AddAsync(accepted: At(2026, 12, 18, 9), appointment: At(2026, 12, 23, 17));
        var resolved = await Dossiers.AddAsync(accepted: At(2026, 12, 7, 9), appointment: At(2026, 12, 10, 17), resolved: At(2026, 12, 15, 9));
        var elsewhere = await Dossiers.AddAsync(accepted: At(2026, 12, 7, 9), appointment: At(2026, 12, 10, 17), unit: "HN.SOCSON");
        await using (var db = Database.CreateContext())
        {
            db.AddRange(
                CraftedDossiers.Step(held, officer: "chuyenvien"),
                CraftedDossiers.Step(heldToo, officer: "chuyenvien"),
                CraftedDossiers.Step(heldToo, officer: "lanhdao", completed: At(2026, 12, 8, 9)),
                CraftedDossiers.Step(queued, unit: "HN.HOANKIEM.TTPVHCC"),
                CraftedDossiers.Step(withinDeadline, officer: "chuyenvien"),
                CraftedDossiers.Step(resolved, officer: "lanhdao"),
                CraftedDossiers.Step(elsewhere, officer: "chuyenvien.socson"));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var figures = await ComputeAsync(ReportPeriod.Month(2026, 12), now);

        Assert.Equal([new OverdueHolder("chuyenvien", "Trần Văn Minh", null, 2), new OverdueHolder(null, null, "HN.HOANKIEM.TTPVHCC", 1)], await HoldersAsync(now));
        Assert.Equal([("HN.HOANKIEM", 2), ("HN.HOANKIEM.TTPVHCC", 1)], figures.OverdueByUnit);
        Assert.Equal([("1.001193", "Thủ tục đăng ký khai sinh", 2), ("2.000815", "Thủ tục chứng thực bản sao", 1)], figures.OverdueByProcedure);
    }

    private async Task<DashboardFigures> ComputeAsync(ReportPeriod period, DateTimeOffset readOn)
    {
        await using var db = Database.CreateContext();
        return await DashboardOf(db, readOn).ComputeAsync("HN.HOANKIEM", period, TestContext.Current.CancellationToken);
    }

    private async Task<IReadOnlyList<OverdueHolder>> HoldersAsync(DateTimeOffset readOn)
    {
        await using var db = Database.CreateContext();
        return await DashboardOf(db, readOn).OverdueHoldersAsync("HN.HOANKIEM", TestContext.Current.CancellationToken);
    }

    private static Dashboard DashboardOf(DossierWorkflow.Dossiers.Persistence.DossiersDbContext db, DateTimeOffset readOn)
    {
        var clock = new FakeTimeProvider(readOn);
        var calendar = new CurrentWorkingCalendar();
        return new Dashboard(db, new OrganisationUnits(), new Bieu06(db, new OrganisationUnits(), calendar, clock), calendar, clock);
    }

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute = 0) => CraftedDossiers.At(year, month, day, hour, minute);
}

public sealed class DashboardTestsOnSqlite() : DashboardTests(new SqliteWorkflowDatabase());

public sealed class DashboardTestsOnPostgres(PostgresCluster cluster) : DashboardTests(new PostgresWorkflowDatabase(cluster));
