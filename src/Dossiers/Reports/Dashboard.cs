using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Reports;

/// <summary>
/// The managers' dashboard for a unit (with the units below it) and a period: the figures of Biểu 06 and the trend by
/// month (dossiers accepted, and resolved with how many on time) — two queries besides Biểu 06's, each reading an index
/// range; and, apart (the page loads it after it shows: it reads every open step), who holds the overdue dossiers now.
/// </summary>
public sealed class Dashboard(DossiersDbContext db, OrganisationUnits organisation, Bieu06 bieu06, CurrentWorkingCalendar calendar, TimeProvider time)
{
    /// <summary>The fewest months a trend shows: a shorter period is shown in the twelve months up to its end.</summary>
    public const int TrendMonths = 12;

    public async Task<DashboardFigures> ComputeAsync(string unitCode, ReportPeriod period, CancellationToken cancellationToken)
    {
        var report = await bieu06.ComputeAsync(unitCode, period, cancellationToken);
        var units = await organisation.GetAsync(db, cancellationToken);
        var codes = UnitTree.Within(units, [unitCode]).ToList();
        var trend = await TrendAsync(codes, period, cancellationToken);
        return new DashboardFigures(report, trend);
    }

    /// <summary>The months of <paramref name="period"/> (at least the <see cref="TrendMonths"/> up to its last), each with its figures.</summary>
    private async Task<IReadOnlyList<MonthFigures>> TrendAsync(List<string> codes, ReportPeriod period, CancellationToken cancellationToken)
    {
        var last = new DateOnly(period.Last.Year, period.Last.Month, 1);
        var first = new DateOnly(period.First.Year, period.First.Month, 1);
        if (first > last.AddMonths(1 - TrendMonths))
        {
            first = last.AddMonths(1 - TrendMonths);
        }

        var start = calendar.Calendar.At(first, TimeOnly.MinValue);
        var end = calendar.Calendar.At(last.AddMonths(1), TimeOnly.MinValue);
        var accepted = await db.Set<Dossier>().AsNoTracking()
            .Where(d => codes.Contains(d.ReceivingUnit) && d.AcceptedAt >= start && d.AcceptedAt < end)
            .GroupBy(d => d.AcceptedMonth)
            .Select(g => new { Month = g.Key, Total = g.Count(), Online = g.Sum(d => d.Channel == ReceptionChannel.Online ? 1 : 0) })
            .ToDictionaryAsync(m => m.Month ?? 0, cancellationToken);
        var resolved = await db.Set<Dossier>().AsNoTracking()
            .Where(d => codes.Contains(d.ReceivingUnit) && d.ResolvedAt >= start && d.ResolvedAt < end)
            .GroupBy(d => d.ResolvedMonth)
            .Select(g => new { Month = g.Key, Total = g.Count(), Late = g.Sum(d => d.ResolvedTimeliness == Timeliness.Late ? 1 : 0) })
            .ToDictionaryAsync(m => m.Month ?? 0, cancellationToken);

        var months = new List<MonthFigures>();
        for (var month = first; month <= last; month = month.AddMonths(1))
        {
            var key = (month.Year * 100) + month.Month;
            var a = accepted.GetValueOrDefault(key);
            var r = resolved.GetValueOrDefault(key);
            months.Add(new MonthFigures(month.Year, month.Month, a?.Total ?? 0, a?.Online ?? 0, r?.Total ?? 0, (r?.Total ?? 0) - (r?.Late ?? 0)));
        }

        return months;
    }

    /// <summary>
    /// Who holds the dossiers overdue now (in processing, past their appointment): each officer with an open step of
    /// one, or a unit's queue where such a step waits unclaimed — most first.
    /// </summary>
    public async Task<IReadOnlyList<OverdueHolder>> OverdueHoldersAsync(string unitCode, CancellationToken cancellationToken)
    {
        var codes = UnitTree.Within(await organisation.GetAsync(db, cancellationToken), [unitCode]).ToList();
        var now = time.GetUtcNow();
        var inProcessing = DossierStatusRules.InProcessing;
        var held = await (
                from w in db.Set<StoredWorkItem>().AsNoTracking()
                join d in db.Set<Dossier>().AsNoTracking() on w.BusinessKey equals d.Code
                where w.Status == WorkItemStatus.Open && codes.Contains(d.ReceivingUnit) && d.AppointmentAt < now && inProcessing.Contains(d.Status)
                group d by new { w.Assignee, w.CandidateUnit } into g
                select new { g.Key.Assignee, g.Key.CandidateUnit, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var names = await db.OfficerNamesAsync(held.Where(h => h.Assignee is not null).Select(h => h.Assignee!), cancellationToken);
        return [.. held
            .GroupBy(h => h.Assignee is null ? (null, h.CandidateUnit) : (h.Assignee, (string?)null))
            .Select(g => new OverdueHolder(g.Key.Item1, g.Key.Item1 is { } user ? names.GetValueOrDefault(user, user) : null, g.Key.Item2, g.Sum(h => h.Count)))
            .OrderByDescending(h => h.Dossiers).ThenBy(h => h.UserName ?? h.UnitCode, StringComparer.Ordinal)];
    }
}

/// <summary>The dashboard's figures: Biểu 06 and the trend by month.</summary>
public sealed record DashboardFigures(Bieu06Report Report, IReadOnlyList<MonthFigures> Trend)
{
    /// <summary>Received online of all received in the period (carried over not counted), as a share from 0 to 1; null with none received.</summary>
    public double? OnlineShare => Report.Total is var t && t.ReceivedOnline + t.ReceivedCounterOrPost is > 0 and var received ? (double)t.ReceivedOnline / received : null;

    /// <summary>Resolved early or on time of all resolved, from 0 to 1; null with none resolved.</summary>
    public double? OnTimeRate => Report.Total is var t && t.Resolved > 0 ? (double)(t.ResolvedEarly + t.ResolvedOnTime) / t.Resolved : null;

    /// <summary>Overdue in progress at the period's end by receiving unit, most first (units without any left out).</summary>
    public IReadOnlyList<(string UnitCode, int Overdue)> OverdueByUnit =>
        [.. Report.Rows.GroupBy(r => r.UnitCode).Select(g => (g.Key, g.Sum(r => r.InProgressOverdue))).Where(u => u.Item2 > 0).OrderByDescending(u => u.Item2).ThenBy(u => u.Key, StringComparer.Ordinal)];

    /// <summary>Overdue in progress at the period's end by procedure, most first (procedures without any left out).</summary>
    public IReadOnlyList<(string ProcedureCode, string ProcedureName, int Overdue)> OverdueByProcedure =>
        [.. Report.Rows.GroupBy(r => r.ProcedureCode).Select(g => (g.Key, g.First().ProcedureName, g.Sum(r => r.InProgressOverdue))).Where(p => p.Item3 > 0).OrderByDescending(p => p.Item3).ThenBy(p => p.Key, StringComparer.Ordinal)];
}

/// <summary>One month of the trend: accepted (of them online), resolved (of them early or on time).</summary>
public sealed record MonthFigures(int Year, int Month, int Accepted, int AcceptedOnline, int Resolved, int ResolvedInTime);

/// <summary>An officer holding open steps of overdue dossiers, or (with <see cref="UserName"/> null) a unit's queue of them unclaimed.</summary>
public sealed record OverdueHolder(string? UserName, string? FullName, string? UnitCode, int Dossiers);
