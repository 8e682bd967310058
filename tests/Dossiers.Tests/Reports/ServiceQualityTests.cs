using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Definitions.Metadata;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Forms;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Reports;
using DossierWorkflow.Dossiers.Tests.Workflow;
using DossierWorkflow.Testing;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Tests.Reports;

/// <summary>
/// The nine service-quality indices on crafted dossiers resolved at Phường Hoàn Kiếm in December 2026, index by index,
/// for the whole, its receiving units and its officers, with the total on 18 points and the grade.
/// </summary>
public abstract class ServiceQualityTests(WorkflowDatabase database) : ReportTests(database)
{
    private static readonly ReportPeriod December = ReportPeriod.Month(2026, 12);
    private static readonly ProcedureCatalogue Catalogue = ProcedureCatalogue.LoadEmbedded();

    [Fact]
    public async Task Each_index_is_scored_by_its_rule_and_averaged_for_the_whole_its_units_and_its_officers()
    {
        var certification = ("2.000815", "Chứng thực", "Thủ tục chứng thực bản sao");
        var unknown = ("9.999999", "Khác", "Thủ tục không có trong danh mục");

        // A: early, no supplement, returned, rated 5, its step done the day before its due day.
        var a = await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(12, 10, 17), resolved: At(12, 9, 16));
        // B: on time, one supplement request, not yet returned, rated 3, its step done on its due day.
        var b = await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(12, 10, 17), resolved: At(12, 10, 10));
        // C: late, two supplement requests, not returned, no rating, its step late; another procedure.
        var c = await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(12, 10, 17), resolved: At(12, 14, 9), procedure: certification);
        // D: on time, a procedure not in the catalogue, received at the centre below the commune.
        var d = await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(12, 10, 17), resolved: At(12, 10, 9), procedure: unknown, unit: "HN.HOANKIEM.TTPVHCC");
        // Resolved in November, or at another commune: not counted.
        await Dossiers.AddAsync(accepted: At(11, 2, 9), appointment: At(11, 5, 17), resolved: At(11, 30, 9));
        await Dossiers.AddAsync(accepted: At(12, 7, 9), appointment: At(12, 10, 17), resolved: At(12, 9, 9), unit: "HN.SOCSON");

        await using (var db = Database.CreateContext())
        {
            var tracked = await db.Set<Dossier>().Where(x => x.Id == a.Id || x.Id == b.Id || x.Id == c.Id).ToDictionaryAsync(x => x.Id, TestContext.Current.CancellationToken);
            tracked[a.Id].MoveTo(DossierStatus.ResultReturned, At(12, 11, 9));
            tracked[b.Id].Issue("02", [new FormItem("Tờ khai", "Thiếu chữ ký")], "chuyenvien", "Trần Văn Minh", At(12, 8, 9));
            tracked[c.Id].Issue("02", [new FormItem("Tờ khai", "Thiếu chữ ký")], "chuyenvien", "Trần Văn Minh", At(12, 8, 9));
            tracked[c.Id].Issue("02", [new FormItem("Bản sao", "Mờ")], "chuyenvien", "Trần Văn Minh", At(12, 9, 9));
            db.AddRange(
                new DossierRating { Id = Guid.NewGuid(), DossierId = a.Id, Score = 5, Channel = RatingChannel.Counter, RatedAt = At(12, 11, 9), RecordedBy = "tiepnhan" },
                new DossierRating { Id = Guid.NewGuid(), DossierId = b.Id, Score = 3, Channel = RatingChannel.Online, RatedAt = At(12, 11, 9) },
                CraftedDossiers.Step(a, created: At(12, 7, 9), officer: "chuyenvien", completed: At(12, 8, 10), due: At(12, 9, 17)),
                CraftedDossiers.Step(b, created: At(12, 7, 9), officer: "chuyenvien", completed: At(12, 10, 9), due: At(12, 10, 17)),
                CraftedDossiers.Step(c, created: At(12, 7, 9), officer: "lanhdao", completed: At(12, 11, 9), due: At(12, 10, 17)),
                CraftedDossiers.Step(d, created: At(12, 7, 9), officer: "lanhdao", completed: At(12, 8, 9)));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var report = await ComputeAsync();

        var (birthPublication, birthOnline) = ProcedureScores("1.001193");
        var (certificationPublication, certificationOnline) = ProcedureScores("2.000815");
        double?[] expected =
        [
            (2 + 1 + 0 + 1) / 4.0,
            (2 + 1 + 0) / 3.0,
            (2 + 1 + 0 + 2) / 4.0,
            2,
            (2 + 1 + 1 + 1) / 4.0,
            ((2 * birthPublication) + certificationPublication + 0) / 4.0,
            (2 + 1) / 2.0,
            null,
            ((2 * birthOnline) + certificationOnline + 0) / 4.0,
        ];
        Assert.Equal(expected, report.Total.Indices);
        Assert.Equal(4, report.Total.Dossiers);
        Assert.Equal(8, report.Total.Scored);
        Assert.Equal(Math.Round(expected.Sum(i => i ?? 0) * 9 / 8, 2), report.Total.Total!.Value, 6);

        // The centre below the commune: its one dossier, no step routed to it (steps go to the receiving unit here).
        var centre = Assert.Single(report.Units, u => u.Key == "HN.HOANKIEM.TTPVHCC");
        Assert.Equal([1, null, 2, 2, 1, 0, null, null, 0], centre.Indices);
        Assert.Equal(QualityGrade.Unsatisfactory, centre.Grade);

        // Officers: their steps' timeliness (index 2) and the ratings of the dossiers they received (index 7).
        Assert.Equal(
            [("lanhdao", (double?)0, (double?)null), ("chuyenvien", 1.5, null), ("tiepnhan", null, 1.5)],
            report.Officers.Select(o => (o.Key, o.Indices[1], o.Indices[6])).OrderBy(o => o.Key == "lanhdao" ? 0 : o.Key == "chuyenvien" ? 1 : 2));
    }

    private static (int Publication, int Online) ProcedureScores(string code)
    {
        var version = Catalogue.FindByCode(code)!.VersionOn(new DateOnly(2026, 12, 31))!;
        return (version.Documents.Length > 0 && version.LegalBasis.Length > 0 ? 2 : 1, version.OnlineLevel == OnlineServiceLevel.FullOnline ? 2 : 1);
    }

    private async Task<QualityReport> ComputeAsync()
    {
        await using var db = Database.CreateContext();
        return await new ServiceQuality(db, new OrganisationUnits(), Catalogue, new CurrentWorkingCalendar()).ComputeAsync("HN.HOANKIEM", December, TestContext.Current.CancellationToken);
    }

    private static DateTimeOffset At(int month, int day, int hour) => CraftedDossiers.At(2026, month, day, hour);
}

public sealed class ServiceQualityTestsOnSqlite() : ServiceQualityTests(new SqliteWorkflowDatabase());

public sealed class ServiceQualityTestsOnPostgres(PostgresCluster cluster) : ServiceQualityTests(new PostgresWorkflowDatabase(cluster));

/// <summary>The agency grade on the total of 18 points.</summary>
public sealed class QualityGradeTests
{
    [Theory]
    [InlineData(18.0, QualityGrade.VeryGood)]
    [InlineData(17.9, QualityGrade.Good)]
    [InlineData(14.0, QualityGrade.Good)]
    [InlineData(13.9, QualityGrade.Satisfactory)]
    [InlineData(10.0, QualityGrade.Satisfactory)]
    [InlineData(9.9, QualityGrade.Unsatisfactory)]
    public void The_grade_follows_the_total_on_18_points(double total, QualityGrade grade) =>
        Assert.Equal(grade, new QualityRow("x", "x", 1, [.. Enumerable.Repeat((double?)(total / 9), 9)]).Grade);
}
