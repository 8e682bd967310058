using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Reports;

/// <summary>
/// What the public may see of each unit's work this year (no dossier, no person): dossiers accepted, resolved, and of
/// those resolved how many early or on time — one query over the year's acceptances and resolutions.
/// </summary>
public sealed class PublicResults(DossiersDbContext db, OrganisationUnits organisation, CurrentWorkingCalendar calendar, TimeProvider time)
{
    public async Task<PublicYear> ThisYearAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var year = ReportPeriod.Year(calendar.Calendar.LocalDate(now).Year);
        var start = year.Start(calendar.Calendar);
        var end = year.End(calendar.Calendar);
        var figures = await db.Set<Dossier>().AsNoTracking()
            .Where(d => (d.AcceptedAt >= start && d.AcceptedAt < end) || (d.ResolvedAt >= start && d.ResolvedAt < end))
            .GroupBy(d => d.ReceivingUnit)
            .Select(g => new PublicUnitFigures(
                g.Key,
                g.Sum(d => d.AcceptedAt >= start ? 1 : 0),
                g.Sum(d => d.ResolvedAt >= start ? 1 : 0),
                g.Sum(d => d.ResolvedAt >= start && d.ResolvedTimeliness != Timeliness.Late ? 1 : 0)))
            .ToDictionaryAsync(f => f.UnitCode, cancellationToken);
        var units = await organisation.GetAsync(db, cancellationToken);
        return new PublicYear(
            year,
            now,
            [.. UnitTree.InOrder(units)
                .Select(u => (u, figures.GetValueOrDefault(u.Code) ?? new PublicUnitFigures(u.Code, 0, 0, 0)))
                .Where(u => u.u.IsActive || u.Item2.Received + u.Item2.Resolved > 0)
                .Select(u => (u.u, UnitTree.Chain(u.u, units).Count() - 1, u.Item2))]);
    }
}

/// <summary>A unit's figures for the public: accepted, resolved, resolved early or on time.</summary>
public sealed record PublicUnitFigures(string UnitCode, int Received, int Resolved, int InTime)
{
    /// <summary>Resolved early or on time of all resolved, from 0 to 1; null with none resolved.</summary>
    public double? InTimeRate => Resolved == 0 ? null : (double)InTime / Resolved;
}

/// <summary>The year so far, as of <see cref="AsOf"/>, unit by unit in the organisation's order (with its depth in the tree); closed units only with figures.</summary>
public sealed record PublicYear(ReportPeriod Year, DateTimeOffset AsOf, IReadOnlyList<(Unit Unit, int Depth, PublicUnitFigures Figures)> Units)
{
    public PublicUnitFigures Total => new("", Units.Sum(u => u.Figures.Received), Units.Sum(u => u.Figures.Resolved), Units.Sum(u => u.Figures.InTime));
}
