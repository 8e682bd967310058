using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Reports;

/// <summary>
/// The counting rules of Biểu số 06/VPCP/KSTT (Circular 01/2020/TT-VPCP), in one place, for a period and a unit with the
/// units below it, by receiving unit, sector and procedure. A dossier counts from its acceptance (not a refusal at the
/// counter, nor one still waiting at reception):
/// <list type="bullet">
/// <item>received — accepted in the period, online or at the counter / by post, plus those carried over: accepted before
/// it and neither resolved nor closed at its start;</item>
/// <item>resolved in the period — its result ready, or its handling refused — early, on time or late against the
/// appointment in force then (after a supplement's restart and the one extension);</item>
/// <item>in progress at its end — or now, for a period not yet over — accepted, neither resolved nor closed by then,
/// within the appointment or past it;</item>
/// <item>outside the official form: paused at its end (waiting for a supplement or a payment) and stopped or withdrawn
/// in it.</item>
/// </list>
/// One query counts them all in the database (the moments it compares are <see cref="Dossier.AcceptedAt"/>,
/// <see cref="Dossier.ResolvedAt"/>, <see cref="Dossier.ClosedAt"/> and the appointment).
/// </summary>
public sealed class Bieu06(DossiersDbContext db, OrganisationUnits organisation, CurrentWorkingCalendar calendar, TimeProvider time)
{
    public async Task<Bieu06Report> ComputeAsync(string unitCode, ReportPeriod period, CancellationToken cancellationToken)
    {
        var units = await organisation.GetAsync(db, cancellationToken);
        var codes = UnitTree.Within(units, [unitCode]).ToList();
        var start = period.Start(calendar.Calendar);
        var end = period.End(calendar.Calendar);

        // What is in progress, and whether past its appointment, is told at the period's end — or now, before that.
        var now = time.GetUtcNow();
        var asOf = now < end ? now : end;
        const DossierStatus supplement = DossierStatus.SupplementRequested;
        const DossierStatus payment = DossierStatus.PaymentRequested;

        var rows = await db.Set<Dossier>().AsNoTracking()
            .Where(d => codes.Contains(d.ReceivingUnit) && d.AcceptedAt != null && d.AcceptedAt < end
                && (d.ResolvedAt == null || d.ResolvedAt >= start) && (d.ClosedAt == null || d.ClosedAt >= start))
            .GroupBy(d => new { d.ReceivingUnit, d.Sector, d.ProcedureCode })
            .Select(g => new Bieu06Row(
                g.Key.ReceivingUnit,
                g.Key.Sector,
                g.Key.ProcedureCode,
                g.Max(d => d.ProcedureName)!,
                g.Sum(d => d.AcceptedAt >= start && d.Channel == ReceptionChannel.Online ? 1 : 0),
                g.Sum(d => d.AcceptedAt >= start && d.Channel != ReceptionChannel.Online ? 1 : 0),
                g.Sum(d => d.AcceptedAt < start ? 1 : 0),
                g.Sum(d => d.ResolvedAt < end && d.ResolvedTimeliness == Timeliness.Early ? 1 : 0),
                g.Sum(d => d.ResolvedAt < end && d.ResolvedTimeliness == Timeliness.OnTime ? 1 : 0),
                g.Sum(d => d.ResolvedAt < end && d.ResolvedTimeliness == Timeliness.Late ? 1 : 0),
                g.Sum(d => d.AcceptedAt < asOf && (d.ResolvedAt == null || d.ResolvedAt >= asOf) && (d.ClosedAt == null || d.ClosedAt >= asOf)
                    && (d.AppointmentAt == null || d.AppointmentAt >= asOf) ? 1 : 0),
                g.Sum(d => d.AcceptedAt < asOf && (d.ResolvedAt == null || d.ResolvedAt >= asOf) && (d.ClosedAt == null || d.ClosedAt >= asOf)
                    && d.AppointmentAt < asOf ? 1 : 0),
                g.Sum(d => d.AcceptedAt < asOf && (d.ResolvedAt == null || d.ResolvedAt >= asOf) && (d.ClosedAt == null || d.ClosedAt >= asOf)
                    && (d.Status == supplement || d.Status == payment) && d.StatusChangedAt < asOf ? 1 : 0),
                g.Sum(d => d.ClosedAt < end && d.Status == DossierStatus.Stopped ? 1 : 0),
                g.Sum(d => d.ClosedAt < end && d.Status == DossierStatus.Withdrawn ? 1 : 0)))
            .ToListAsync(cancellationToken);

        var names = units.ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal);
        return new Bieu06Report(
            unitCode,
            names.GetValueOrDefault(unitCode, unitCode),
            period,
            [.. rows.OrderBy(r => r.UnitCode, StringComparer.Ordinal).ThenBy(r => r.Sector, StringComparer.CurrentCulture).ThenBy(r => r.ProcedureCode, StringComparer.Ordinal)],
            names);
    }

    /// <summary>
    /// The dossiers behind one figure of <see cref="ComputeAsync"/> (the list a manager opens from a cell), among
    /// <paramref name="dossiers"/>: the same comparisons as the counting query, cell by cell.
    /// </summary>
    public IQueryable<Dossier> Behind(IQueryable<Dossier> dossiers, ReportFigure figure, ReportPeriod period)
    {
        var start = period.Start(calendar.Calendar);
        var end = period.End(calendar.Calendar);
        var now = time.GetUtcNow();
        var asOf = now < end ? now : end;
        var counted = dossiers.Where(d => d.AcceptedAt != null && d.AcceptedAt < end
            && (d.ResolvedAt == null || d.ResolvedAt >= start) && (d.ClosedAt == null || d.ClosedAt >= start));
        var inProgress = counted.Where(d => d.AcceptedAt < asOf && (d.ResolvedAt == null || d.ResolvedAt >= asOf) && (d.ClosedAt == null || d.ClosedAt >= asOf));
        return figure switch
        {
            ReportFigure.Received => counted,
            ReportFigure.ReceivedOnline => counted.Where(d => d.AcceptedAt >= start && d.Channel == ReceptionChannel.Online),
            ReportFigure.ReceivedCounterOrPost => counted.Where(d => d.AcceptedAt >= start && d.Channel != ReceptionChannel.Online),
            ReportFigure.CarriedOver => counted.Where(d => d.AcceptedAt < start),
            ReportFigure.Resolved => counted.Where(d => d.ResolvedAt < end),
            ReportFigure.ResolvedEarly => counted.Where(d => d.ResolvedAt < end && d.ResolvedTimeliness == Timeliness.Early),
            ReportFigure.ResolvedOnTime => counted.Where(d => d.ResolvedAt < end && d.ResolvedTimeliness == Timeliness.OnTime),
            ReportFigure.ResolvedLate => counted.Where(d => d.ResolvedAt < end && d.ResolvedTimeliness == Timeliness.Late),
            ReportFigure.InProgress => inProgress,
            ReportFigure.InProgressWithinDeadline => inProgress.Where(d => d.AppointmentAt == null || d.AppointmentAt >= asOf),
            ReportFigure.InProgressOverdue => inProgress.Where(d => d.AppointmentAt < asOf),
            ReportFigure.Paused => inProgress.Where(d => (d.Status == DossierStatus.SupplementRequested || d.Status == DossierStatus.PaymentRequested) && d.StatusChangedAt < asOf),
            ReportFigure.Stopped => counted.Where(d => d.ClosedAt < end && d.Status == DossierStatus.Stopped),
            ReportFigure.Withdrawn => counted.Where(d => d.ClosedAt < end && d.Status == DossierStatus.Withdrawn),
            _ => throw new ArgumentOutOfRangeException(nameof(figure), figure, null),
        };
    }
}

/// <summary>The figures of Biểu 06 a manager can open, in the order of its columns (totals included).</summary>
public enum ReportFigure
{
    Received,
    ReceivedOnline,
    ReceivedCounterOrPost,
    CarriedOver,
    Resolved,
    ResolvedEarly,
    ResolvedOnTime,
    ResolvedLate,
    InProgress,
    InProgressWithinDeadline,
    InProgressOverdue,
    Paused,
    Stopped,
    Withdrawn,
}

/// <summary>
/// The figures of one procedure of one sector at one receiving unit. Resolved early/on time/late are those resolved in
/// the period; in progress is at its end, within or past the appointment; <see cref="Paused"/> (of those in progress),
/// <see cref="Stopped"/> and <see cref="Withdrawn"/> are the extra columns outside the official form.
/// </summary>
public sealed record Bieu06Row(
    string UnitCode,
    string Sector,
    string ProcedureCode,
    string ProcedureName,
    int ReceivedOnline,
    int ReceivedCounterOrPost,
    int CarriedOver,
    int ResolvedEarly,
    int ResolvedOnTime,
    int ResolvedLate,
    int InProgressWithinDeadline,
    int InProgressOverdue,
    int Paused,
    int Stopped,
    int Withdrawn)
{
    /// <summary>Received in the period and carried over from the one before (Biểu 06's "tổng số").</summary>
    public int Received => ReceivedOnline + ReceivedCounterOrPost + CarriedOver;

    public int Resolved => ResolvedEarly + ResolvedOnTime + ResolvedLate;

    public int InProgress => InProgressWithinDeadline + InProgressOverdue;

    /// <summary>The figure of one column.</summary>
    public int this[ReportFigure figure] => figure switch
    {
        ReportFigure.Received => Received,
        ReportFigure.ReceivedOnline => ReceivedOnline,
        ReportFigure.ReceivedCounterOrPost => ReceivedCounterOrPost,
        ReportFigure.CarriedOver => CarriedOver,
        ReportFigure.Resolved => Resolved,
        ReportFigure.ResolvedEarly => ResolvedEarly,
        ReportFigure.ResolvedOnTime => ResolvedOnTime,
        ReportFigure.ResolvedLate => ResolvedLate,
        ReportFigure.InProgress => InProgress,
        ReportFigure.InProgressWithinDeadline => InProgressWithinDeadline,
        ReportFigure.InProgressOverdue => InProgressOverdue,
        ReportFigure.Paused => Paused,
        ReportFigure.Stopped => Stopped,
        ReportFigure.Withdrawn => Withdrawn,
        _ => throw new ArgumentOutOfRangeException(nameof(figure), figure, null),
    };

    /// <summary>The sum of rows (a subtotal of a sector or a unit, or the total), named by <paramref name="name"/>.</summary>
    public static Bieu06Row Sum(string unitCode, string sector, string name, IEnumerable<Bieu06Row> rows)
    {
        var list = rows.ToList();
        return new Bieu06Row(
            unitCode, sector, "", name,
            list.Sum(r => r.ReceivedOnline), list.Sum(r => r.ReceivedCounterOrPost), list.Sum(r => r.CarriedOver),
            list.Sum(r => r.ResolvedEarly), list.Sum(r => r.ResolvedOnTime), list.Sum(r => r.ResolvedLate),
            list.Sum(r => r.InProgressWithinDeadline), list.Sum(r => r.InProgressOverdue),
            list.Sum(r => r.Paused), list.Sum(r => r.Stopped), list.Sum(r => r.Withdrawn));
    }
}

/// <summary>Biểu 06 for a unit (and those below it) and a period: a row per receiving unit, sector and procedure.</summary>
public sealed record Bieu06Report(string UnitCode, string UnitName, ReportPeriod Period, IReadOnlyList<Bieu06Row> Rows, IReadOnlyDictionary<string, string> UnitNames)
{
    public Bieu06Row Total => Bieu06Row.Sum(UnitCode, "", UnitName, Rows);
}
