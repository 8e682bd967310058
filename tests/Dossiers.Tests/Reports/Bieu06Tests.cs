using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Dossiers.Reports;
using DossierWorkflow.Dossiers.Tests.Workflow;
using DossierWorkflow.Testing;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Tests.Reports;

/// <summary>
/// The counting rules of Biểu 06, cell kind by cell kind, on dossiers crafted through the status rules with known
/// moments, for December 2026 (a Tuesday the 1st to a Thursday the 31st) at Phường Hoàn Kiếm and the units below it —
/// with the boundaries: accepted at 23:59 on the last day, resolved on the appointment's day and after its end, carried
/// over from November, an extension, and what lies outside the unit or the period.
/// </summary>
public abstract class Bieu06Tests(WorkflowDatabase database) : ReportTests(database)
{
    private static readonly ReportPeriod December = ReportPeriod.Month(2026, 12);

    [Fact]
    public async Task Received_counts_acceptances_of_the_period_by_channel_and_those_carried_over()
    {
        await Dossiers.AddAsync(accepted: At(12, 1, 8), channel: ReceptionChannel.Online);
        await Dossiers.AddAsync(accepted: At(12, 31, 23, 59), channel: ReceptionChannel.Counter);
        await Dossiers.AddAsync(accepted: At(12, 10, 9), channel: ReceptionChannel.Postal, unit: "HN.HOANKIEM.TTPVHCC");
        await Dossiers.AddAsync(accepted: At(11, 20, 9));
        await Dossiers.AddAsync(accepted: At(11, 20, 9), resolved: At(11, 30, 16));
        await Dossiers.AddAsync(accepted: At(11, 20, 9), closed: (DossierStatus.Withdrawn, At(11, 25, 10)));
        await Dossiers.AddAsync(accepted: At(2027, 1, 1, 0, 0));
        await Dossiers.AddAsync(accepted: null);
        await Dossiers.AddAsync(accepted: At(12, 3, 9), unit: "HN.SOCSON");

        var total = (await ComputeAsync()).Total;

        Assert.Equal((1, 2, 1, 4), (total.ReceivedOnline, total.ReceivedCounterOrPost, total.CarriedOver, total.Received));
    }

    [Fact]
    public async Task Resolved_counts_the_period_s_resolutions_early_on_time_and_late_against_the_appointment_in_force()
    {
        // Appointments at the end of office hours on the 10th (a Thursday): early the day before, on time on the day up to
        // its end, late after; an extension moves it; a refusal of handling is a resolution too; November's and January's
        // are other periods'.
        await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(12, 10, 17), resolved: At(12, 9, 16));
        await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(12, 10, 17), resolved: At(12, 10, 8));
        await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(12, 10, 17), resolved: At(12, 10, 17));
        await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(12, 10, 17), resolved: At(12, 10, 17, 1));
        await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(12, 10, 17), extendedTo: At(12, 15, 17), resolved: At(12, 14, 10));
        await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(12, 10, 17), refused: At(12, 8, 10));
        await Dossiers.AddAsync(accepted: At(11, 25, 9), appointment: At(11, 30, 17), resolved: At(11, 30, 16));
        await Dossiers.AddAsync(accepted: At(12, 28, 9), appointment: At(2027, 1, 4, 17, 0), resolved: At(2027, 1, 2, 9, 0));

        var total = (await ComputeAsync()).Total;

        Assert.Equal((3, 2, 1, 6), (total.ResolvedEarly, total.ResolvedOnTime, total.ResolvedLate, total.Resolved));
    }

    [Fact]
    public async Task In_progress_at_the_end_is_within_or_past_the_appointment_with_paused_stopped_and_withdrawn_apart()
    {
        await Dossiers.AddAsync(accepted: At(12, 28, 9), appointment: At(2027, 1, 4, 17, 0));
        await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(12, 10, 17));
        await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(12, 10, 17), resolved: At(2027, 1, 3, 9, 0));
        await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(2027, 1, 8, 17, 0), supplementAt: At(12, 20, 10));
        await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(2027, 1, 8, 17, 0), closed: (DossierStatus.Stopped, At(12, 21, 10)));
        await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(2027, 1, 8, 17, 0), closed: (DossierStatus.Withdrawn, At(12, 22, 10)));
        await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(2027, 1, 8, 17, 0), closed: (DossierStatus.Withdrawn, At(2027, 1, 5, 10, 0)));
        await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(12, 31, 17));

        var total = (await ComputeAsync()).Total;

        // An appointment at 17:00 on the last day is past at the period's end (midnight).
        Assert.Equal((3, 3, 6), (total.InProgressWithinDeadline, total.InProgressOverdue, total.InProgress));
        Assert.Equal((1, 1, 1), (total.Paused, total.Stopped, total.Withdrawn));

        // Read at noon on the 20th, before the month is over: what is in progress is told as of then (the one accepted
        // on the 28th is not yet; those stopped or withdrawn later are still in progress, within their appointment).
        var midMonth = (await ComputeAsync(readOn: At(12, 20, 12))).Total;
        Assert.Equal((5, 2), (midMonth.InProgressWithinDeadline, midMonth.InProgressOverdue));
    }

    [Fact]
    public async Task Rows_are_by_receiving_unit_sector_and_procedure_and_periods_have_their_legal_bounds()
    {
        await Dossiers.AddAsync(accepted: At(12, 7, 9));
        await Dossiers.AddAsync(accepted: At(12, 8, 9));
        await Dossiers.AddAsync(accepted: At(12, 8, 9), procedure: ("2.000815", "Chứng thực", "Thủ tục chứng thực bản sao"));
        await Dossiers.AddAsync(accepted: At(12, 9, 9), unit: "HN.HOANKIEM.TTPVHCC");

        var report = await ComputeAsync();

        Assert.Equal(
            [("HN.HOANKIEM", "Chứng thực", "2.000815", 1), ("HN.HOANKIEM", "Hộ tịch", "1.001193", 2), ("HN.HOANKIEM.TTPVHCC", "Hộ tịch", "1.001193", 1)],
            report.Rows.Select(r => (r.UnitCode, r.Sector, r.ProcedureCode, r.Received)));
        Assert.Equal(new ReportPeriod(new DateOnly(2026, 11, 15), new DateOnly(2026, 12, 14)), ReportPeriod.Window(2026, 12));
        Assert.Equal(new ReportPeriod(new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31)), ReportPeriod.Quarter(2026, 4));
        Assert.Equal(4, (await ComputeAsync(ReportPeriod.Window(2026, 12))).Total.Received);
        Assert.Equal(0, (await ComputeAsync(ReportPeriod.Window(2027, 1), "HN.SOCSON")).Total.Received);
    }

    [Fact]
    public async Task Every_figure_opens_exactly_the_dossiers_it_counts()
    {
        // A dossier of every cell kind, read after the month and in its middle.
        await Dossiers.AddAsync(accepted: At(12, 1, 8), channel: ReceptionChannel.Online);
        await Dossiers.AddAsync(accepted: At(12, 31, 23, 59));
        await Dossiers.AddAsync(accepted: At(12, 10, 9), channel: ReceptionChannel.Postal, unit: "HN.HOANKIEM.TTPVHCC");
        await Dossiers.AddAsync(accepted: At(11, 20, 9));
        await Dossiers.AddAsync(accepted: At(11, 20, 9), resolved: At(11, 30, 16));
        await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(12, 10, 17), resolved: At(12, 9, 16));
        await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(12, 10, 17), resolved: At(12, 10, 17));
        await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(12, 10, 17), resolved: At(12, 10, 17, 1));
        await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(12, 10, 17), refused: At(12, 8, 10));
        await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(12, 10, 17));
        await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(2027, 1, 8, 17, 0), supplementAt: At(12, 20, 10));
        await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(2027, 1, 8, 17, 0), closed: (DossierStatus.Stopped, At(12, 21, 10)));
        await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(2027, 1, 8, 17, 0), closed: (DossierStatus.Withdrawn, At(12, 22, 10)));
        await Dossiers.AddAsync(accepted: At(12, 3, 9), unit: "HN.SOCSON");
        await Dossiers.AddAsync(accepted: null);

        foreach (var readOn in new[] { At(2027, 3, 1, 9, 0), At(12, 20, 12) })
        {
            var total = (await ComputeAsync(readOn: readOn)).Total;
            await using var db = Database.CreateContext();
            var bieu06 = new Bieu06(db, new OrganisationUnits(), new CurrentWorkingCalendar(), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(readOn));
            string[] units = ["HN.HOANKIEM", "HN.HOANKIEM.TTPVHCC"];
            var counted = Enum.GetValues<ReportFigure>().Select(f => (f, total[f])).ToList();
            var listed = new List<(ReportFigure, int)>();
            foreach (var figure in Enum.GetValues<ReportFigure>())
            {
                listed.Add((figure, await bieu06.Behind(db.Set<Dossier>().Where(d => units.Contains(d.ReceivingUnit)), figure, December).CountAsync(TestContext.Current.CancellationToken)));
            }

            Assert.Equal(counted, listed);
            if (readOn.Year == 2027)
            {
                Assert.All(counted, c => Assert.True(c.Item2 > 0, $"{c.f} has no dossier to compare"));
            }
        }
    }

    /// <summary>The report as read on <paramref name="readOn"/> (by default well after the periods the tests count).</summary>
    private async Task<Bieu06Report> ComputeAsync(ReportPeriod? period = null, string unit = "HN.HOANKIEM", DateTimeOffset? readOn = null)
    {
        await using var db = Database.CreateContext();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(readOn ?? At(2027, 3, 1, 9, 0));
        return await new Bieu06(db, new OrganisationUnits(), new CurrentWorkingCalendar(), clock).ComputeAsync(unit, period ?? December, TestContext.Current.CancellationToken);
    }

    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) => CraftedDossiers.At(2026, month, day, hour, minute);

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute) => CraftedDossiers.At(year, month, day, hour, minute);
}

public sealed class Bieu06TestsOnSqlite() : Bieu06Tests(new SqliteWorkflowDatabase());

public sealed class Bieu06TestsOnPostgres(PostgresCluster cluster) : Bieu06Tests(new PostgresWorkflowDatabase(cluster));
