using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Reports;

/// <summary>
/// Officer productivity for a unit (with the units below it) and a period: for each officer who completed steps of its
/// dossiers in the period, the steps completed, how many by their step's due time and that share, and the average time
/// a step took them (working days, from the step's creation to its completion). The steps are read as a stream and
/// summed by officer, so memory grows with the officers, not the steps.
/// </summary>
public sealed class OfficerProductivity(DossiersDbContext db, OrganisationUnits organisation, CurrentWorkingCalendar calendar) : IReportList
{
    public static readonly IReadOnlyList<ListColumn> Columns =
    [
        new("STT", 7, CellKind.Integer),
        new("Họ và tên", 28),
        new("Tên đăng nhập", 20),
        new("Số bước đã hoàn thành", 14, CellKind.Integer),
        new("Số bước đúng hạn", 14, CellKind.Integer),
        new("Tỷ lệ đúng hạn", 12, CellKind.Percent),
        new("Thời gian trung bình một bước (ngày làm việc)", 18, CellKind.Decimal),
    ];

    /// <summary>How often progress is told while the steps are read.</summary>
    private const int ProgressEvery = 5000;

    public string FileName(string unitCode, ReportPeriod period) => $"nang-suat-can-bo_{unitCode}_{period.First:yyyyMMdd}-{period.Last:yyyyMMdd}.xlsx";

    /// <summary>The officers' figures, busiest first.</summary>
    public async Task<IReadOnlyList<OfficerFigures>> ComputeAsync(string unitCode, ReportPeriod period, Action<int, int>? progress, CancellationToken cancellationToken)
    {
        var units = await organisation.GetAsync(db, cancellationToken);
        var codes = UnitTree.Within(units, [unitCode]).ToList();
        var local = calendar.Calendar;
        var start = period.Start(local);
        var end = period.End(local);
        var steps =
            from w in db.Set<StoredWorkItem>().AsNoTracking()
            join d in db.Set<Dossier>().AsNoTracking() on w.BusinessKey equals d.Code
            where w.CompletedAt >= start && w.CompletedAt < end && w.Status == WorkItemStatus.Completed && w.CompletedBy != null && codes.Contains(d.ReceivingUnit)
            select new { w.CompletedBy, w.CreatedAt, w.CompletedAt, w.DueAt };
        var total = await steps.CountAsync(cancellationToken);
        progress?.Invoke(0, total);

        var clock = new WorkingDayClock(local, period.First.AddYears(-1), period.Last);
        var sums = new Dictionary<string, (int Steps, int OnTime, double Days)>(StringComparer.Ordinal);
        var read = 0;
        await foreach (var step in steps.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var (count, onTime, days) = sums.GetValueOrDefault(step.CompletedBy!);
            sums[step.CompletedBy!] = (count + 1, onTime + (step.DueAt is null || step.CompletedAt <= step.DueAt ? 1 : 0), days + clock.Between(step.CreatedAt, step.CompletedAt!.Value));
            if (++read % ProgressEvery == 0)
            {
                progress?.Invoke(read, total);
            }
        }

        progress?.Invoke(read, total);
        var names = await db.OfficerNamesAsync(sums.Keys, cancellationToken);
        return [.. sums
            .Select(s => new OfficerFigures(s.Key, names.GetValueOrDefault(s.Key, s.Key), s.Value.Steps, s.Value.OnTime, s.Value.Days / s.Value.Steps))
            .OrderByDescending(o => o.Steps).ThenBy(o => o.UserName, StringComparer.Ordinal)];
    }

    public async Task<int> WriteAsync(string unitCode, ReportPeriod period, Stream output, Action<int, int>? progress, CancellationToken cancellationToken)
    {
        var officers = await ComputeAsync(unitCode, period, progress, cancellationToken);
        var unitName = (await organisation.GetAsync(db, cancellationToken)).FirstOrDefault(u => u.Code == unitCode)?.Name ?? unitCode;
        var number = 0;
        ListWorkbook.Write(
            output, "Năng suất cán bộ", "NĂNG SUẤT GIẢI QUYẾT CỦA CÁN BỘ",
            $"{unitName} ({unitCode}) — từ ngày {period.First:dd/MM/yyyy} đến ngày {period.Last:dd/MM/yyyy}",
            Columns,
            officers.Select(o => new object?[] { ++number, o.FullName, o.UserName, o.Steps, o.OnTime, o.OnTimeShare, Math.Round(o.AverageWorkingDays, 2) }));
        return officers.Count;
    }
}

/// <summary>One officer's steps completed in a period: how many, how many by their due time, and their average working time.</summary>
public sealed record OfficerFigures(string UserName, string FullName, int Steps, int OnTime, double AverageWorkingDays)
{
    public double OnTimeShare => Steps == 0 ? 0 : (double)OnTime / Steps;
}
