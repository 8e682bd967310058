using ClosedXML.Excel;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Reports;
using DossierWorkflow.Dossiers.Tests.Workflow;
using DossierWorkflow.Testing;
using Microsoft.Extensions.Time.Testing;

namespace DossierWorkflow.Dossiers.Tests.Reports;

/// <summary>
/// The overdue list and officer productivity on crafted dossiers and steps of Phường Hoàn Kiếm in December 2026, read
/// back from their workbooks.
/// </summary>
public abstract class ReportListsTests(WorkflowDatabase database) : ReportTests(database)
{
    private static readonly ReportPeriod December = ReportPeriod.Month(2026, 12);

    [Fact]
    public async Task The_overdue_list_has_the_dossiers_past_their_appointment_at_the_period_s_end_longest_first_with_their_step_and_holder()
    {
        // Read on 20 December: overdue since Thursday 10th 17:00 (six working days) and Monday 14th 17:00 (four).
        var longest = await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(12, 10, 17));
        var shorter = await Dossiers.AddAsync(accepted: At(12, 8, 9), appointment: At(12, 14, 17));
        await Dossiers.AddAsync(accepted: At(12, 8, 9), appointment: At(12, 24, 17));
        await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(12, 10, 17), resolved: At(12, 11, 9));
        await using (var db = Database.CreateContext())
        {
            db.AddRange(CraftedDossiers.Step(longest, officer: "chuyenvien"), CraftedDossiers.Step(shorter, name: "Phê duyệt", role: "leader"));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        using var sheet = await WriteAsync((db, calendar, clock) => new OverdueList(db, new OrganisationUnits(), new Bieu06(db, new OrganisationUnits(), calendar, clock), calendar, clock), At(12, 20, 12));

        Assert.Equal(5, sheet.Worksheet.LastRowUsed()!.RowNumber());
        Assert.Equal([longest.Code, shorter.Code], new[] { 4, 5 }.Select(r => sheet.Worksheet.Cell(r, 2).GetString()));
        Assert.Equal([6.0, 4.0], new[] { 4, 5 }.Select(r => sheet.Worksheet.Cell(r, 8).GetValue<double>()));
        Assert.Equal(("Thẩm định hồ sơ", "Trần Văn Minh"), (sheet.Worksheet.Cell(4, 10).GetString(), sheet.Worksheet.Cell(4, 11).GetString()));
        Assert.Equal(("Phê duyệt", "Chưa ai nhận — Ủy ban nhân dân Phường Hoàn Kiếm"), (sheet.Worksheet.Cell(5, 10).GetString(), sheet.Worksheet.Cell(5, 11).GetString()));
    }

    [Fact]
    public async Task Productivity_counts_each_officer_s_steps_completed_in_the_period_on_time_and_their_average_working_time()
    {
        var dossier = await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(12, 20, 17));
        var other = await Dossiers.AddAsync(accepted: At(12, 7, 9), unit: "HN.SOCSON");
        await using (var db = Database.CreateContext())
        {
            db.AddRange(
                // chuyenvien: one working day by its due time, half a day late, and one in November (another period's).
                CraftedDossiers.Step(dossier, created: At(12, 7, 7, 30), officer: "chuyenvien", completed: At(12, 8, 7, 30), due: At(12, 8, 17)),
                CraftedDossiers.Step(dossier, created: At(12, 8, 7, 30), officer: "chuyenvien", completed: At(12, 9, 11, 30), due: At(12, 8, 17)),
                CraftedDossiers.Step(dossier, created: At(11, 27, 7, 30), officer: "chuyenvien", completed: At(11, 30, 9)),
                // lanhdao: one step without a due time (on time), two working hours.
                CraftedDossiers.Step(dossier, created: At(12, 9, 13), officer: "lanhdao", completed: At(12, 9, 15)),
                // Another unit's dossier, and a step still open.
                CraftedDossiers.Step(other, created: At(12, 7, 7, 30), officer: "chuyenvien.socson", completed: At(12, 8, 7, 30)),
                CraftedDossiers.Step(dossier, officer: "chuyenvien"));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using (var db = Database.CreateContext())
        {
            var officers = await new OfficerProductivity(db, new OrganisationUnits(), new CurrentWorkingCalendar()).ComputeAsync("HN.HOANKIEM", December, null, TestContext.Current.CancellationToken);
            Assert.Equal(
                [new OfficerFigures("chuyenvien", "Trần Văn Minh", 2, 1, 1.25), new OfficerFigures("lanhdao", officers[1].FullName, 1, 1, 0.25)],
                officers);
        }

        using var sheet = await WriteAsync((db, calendar, _) => new OfficerProductivity(db, new OrganisationUnits(), calendar), At(12, 20, 12));
        Assert.Equal(("chuyenvien", 2, 0.5, 1.25), (sheet.Worksheet.Cell(4, 3).GetString(), sheet.Worksheet.Cell(4, 4).GetValue<int>(), sheet.Worksheet.Cell(4, 6).GetValue<double>(), sheet.Worksheet.Cell(4, 7).GetValue<double>()));
    }

    private async Task<OpenedSheet> WriteAsync(Func<DossierWorkflow.Dossiers.Persistence.DossiersDbContext, CurrentWorkingCalendar, TimeProvider, IReportList> list, DateTimeOffset readOn)
    {
        await using var db = Database.CreateContext();
        var output = new MemoryStream();
        await list(db, new CurrentWorkingCalendar(), new FakeTimeProvider(readOn)).WriteAsync("HN.HOANKIEM", December, output, null, TestContext.Current.CancellationToken);
        output.Position = 0;
        return new OpenedSheet(new XLWorkbook(output));
    }

    private sealed class OpenedSheet(XLWorkbook workbook) : IDisposable
    {
        public IXLWorksheet Worksheet => workbook.Worksheet(1);

        public void Dispose() => workbook.Dispose();
    }

    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) => CraftedDossiers.At(2026, month, day, hour, minute);
}

public sealed class ReportListsTestsOnSqlite() : ReportListsTests(new SqliteWorkflowDatabase());

public sealed class ReportListsTestsOnPostgres(PostgresCluster cluster) : ReportListsTests(new PostgresWorkflowDatabase(cluster));
