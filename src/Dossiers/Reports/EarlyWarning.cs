using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Reports;

/// <summary>
/// Early warning: the dossiers of a unit (and the units below it) in processing and not yet overdue that will miss their
/// appointment at the current pace, with the step where their time runs out — so that a leader can act before it passes.
/// All times are working time (<see cref="WorkingDayClock"/>), learned from the steps completed on the unit's dossiers in
/// the last <see cref="HistoryWorkingDays"/> working days:
/// <list type="number">
/// <item>the step a dossier is at ends when its holder gets to it: an officer works through their open steps by
/// appointment, earliest first, at the pace they kept (steps completed per working day); a unit's unclaimed queue at
/// the pace its steps were completed. Never sooner than the step usually takes, less what it has already waited;</item>
/// <item>then the steps that usually follow it in the procedure (the one most often created when it completed, up to
/// the dossier's resolution) each take their usual time;</item>
/// <item>a dossier is predicted late when a step would end after its appointment: that is the step named.</item>
/// </list>
/// A step without history is taken to end by its own due time (the workflow's deadline for it) or, without one, to take
/// no time — no history, no alarm; an officer without history works at the step's usual time.
/// </summary>
public sealed class EarlyWarning(DossiersDbContext db, OrganisationUnits organisation, CurrentWorkingCalendar calendar, TimeProvider time)
{
    /// <summary>How far back the pace is learned: about a month of working days.</summary>
    public const int HistoryWorkingDays = 20;

    public async Task<IReadOnlyList<PredictedLate>> PredictAsync(string unitCode, CancellationToken cancellationToken)
    {
        var units = await organisation.GetAsync(db, cancellationToken);
        var codes = UnitTree.Within(units, [unitCode]).ToList();
        var now = time.GetUtcNow();
        var local = calendar.Calendar;
        var today = local.LocalDate(now);
        var historyFirst = today;
        for (var i = 0; i < HistoryWorkingDays; i++)
        {
            historyFirst = local.PreviousWorkingDay(historyFirst);
        }

        var historyStart = local.At(historyFirst, TimeOnly.MinValue);
        var inProcessing = DossierStatusRules.InProcessing;

        // The open steps of the unit's dossiers in processing, not yet past their appointment.
        var open = await (
                from w in db.Set<StoredWorkItem>().AsNoTracking()
                join d in db.Set<Dossier>().AsNoTracking() on w.BusinessKey equals d.Code
                where w.Status == WorkItemStatus.Open && codes.Contains(d.ReceivingUnit) && inProcessing.Contains(d.Status) && d.AppointmentAt > now
                select new OpenStep(d.Code, d.ProcedureCode, d.ProcedureName, d.ReceivingUnit, d.AppointmentAt!.Value, w.DefinitionKey, w.ElementId, w.Name,
                    w.Assignee, w.CandidateRole, w.CandidateUnit, w.CreatedAt, w.DueAt))
            .ToListAsync(cancellationToken);
        if (open.Count == 0)
        {
            return [];
        }

        // The steps completed lately on the unit's dossiers, with when their dossier was resolved (what follows is not its processing).
        var history = await (
                from w in db.Set<StoredWorkItem>().AsNoTracking()
                join d in db.Set<Dossier>().AsNoTracking() on w.BusinessKey equals d.Code
                where w.CompletedAt >= historyStart && w.Status == WorkItemStatus.Completed && codes.Contains(d.ReceivingUnit)
                select new DoneStep(w.InstanceId, w.DefinitionKey, w.ElementId, w.Name, w.CompletedBy, w.CandidateRole, w.CandidateUnit, w.CreatedAt, w.CompletedAt, d.ResolvedAt))
            .ToListAsync(cancellationToken);

        // Working time from the oldest step read to well past the latest appointment (where a long queue may end).
        var oldest = history.Select(h => h.CreatedAt).Concat(open.Select(o => o.CreatedAt)).Min();
        var clock = new WorkingDayClock(local, local.LocalDate(oldest).AddDays(-1), local.LocalDate(open.Max(o => o.AppointmentAt)).AddYears(1));
        var steps = StepHistory.Learn(history, clock);
        var nowAt = clock.Position(now);

        // Each holder's open steps in the order they are worked through: the earliest appointment first.
        var queues = open
            .GroupBy(o => o.Assignee is { } user ? ("user", user) : ("queue", $"{o.CandidateRole}@{o.CandidateUnit}"))
            .ToDictionary(g => g.Key, g => g.OrderBy(o => o.AppointmentAt).ThenBy(o => o.CreatedAt).ToList());
        var pace = Pace(history);

        var late = new List<PredictedLate>();
        foreach (var ((kind, holder), queue) in queues)
        {
            for (var position = 0; position < queue.Count; position++)
            {
                var step = queue[position];
                var usual = steps.Usual(step.DefinitionKey, step.ElementId) ?? (step.DueAt is { } due ? clock.Between(step.CreatedAt, due) : 0);
                var waited = nowAt - clock.Position(step.CreatedAt);
                var byQueue = pace.GetValueOrDefault((kind, holder)) is > 0 and var perDay ? (position + 1) / perDay : usual;
                var ends = nowAt + Math.Max(byQueue, usual - waited);
                var appointment = clock.Position(step.AppointmentAt);
                var (runsOutId, runsOutName) = (step.ElementId, step.Name);
                foreach (var next in steps.Following(step.DefinitionKey, step.ElementId))
                {
                    if (ends > appointment)
                    {
                        break;
                    }

                    ends += next.UsualDays;
                    (runsOutId, runsOutName) = (next.ElementId, next.Name);
                }

                if (ends > appointment)
                {
                    late.Add(new PredictedLate(step.DossierCode, step.ProcedureCode, step.ProcedureName, step.ReceivingUnit, step.AppointmentAt,
                        step.ElementId, step.Name, step.Assignee, step.CandidateUnit, runsOutId, runsOutName,
                        clock.At(ends), Math.Round(ends - appointment, 1)));
                }
            }
        }

        var names = await db.OfficerNamesAsync(late.Where(l => l.Holder is not null).Select(l => l.Holder!), cancellationToken);
        // A dossier with steps open side by side is listed once, by the step that makes it latest.
        return [.. late
            .GroupBy(l => l.DossierCode)
            .Select(g => g.MaxBy(l => l.WorkingDaysLate)!)
            .Select(l => l with { HolderName = l.Holder is { } user ? names.GetValueOrDefault(user, user) : null })
            .OrderBy(l => l.AppointmentAt).ThenBy(l => l.DossierCode, StringComparer.Ordinal)];
    }

    /// <summary>Steps completed per working day over the history: by each officer, and by each unit's queue (role at unit).</summary>
    private static Dictionary<(string, string), double> Pace(List<DoneStep> history)
    {
        var pace = new Dictionary<(string, string), double>();
        foreach (var byOfficer in history.Where(h => h.CompletedBy is not null).GroupBy(h => h.CompletedBy!))
        {
            pace[("user", byOfficer.Key)] = byOfficer.Count() / (double)HistoryWorkingDays;
        }

        foreach (var byQueue in history.GroupBy(h => $"{h.CandidateRole}@{h.CandidateUnit}"))
        {
            pace[("queue", byQueue.Key)] = byQueue.Count() / (double)HistoryWorkingDays;
        }

        return pace;
    }

    private sealed record OpenStep(
        string DossierCode, string ProcedureCode, string ProcedureName, string ReceivingUnit, DateTimeOffset AppointmentAt,
        string DefinitionKey, string ElementId, string Name, string? Assignee, string? CandidateRole, string? CandidateUnit, DateTimeOffset CreatedAt,
        DateTimeOffset? DueAt);

    private sealed record DoneStep(
        Guid InstanceId, string DefinitionKey, string ElementId, string Name, string? CompletedBy, string? CandidateRole, string? CandidateUnit,
        DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, DateTimeOffset? ResolvedAt);

    /// <summary>What the history tells of each step of each procedure: how long it usually takes and which step usually follows it.</summary>
    private sealed class StepHistory
    {
        private readonly Dictionary<(string Key, string Element), (double Days, string Name)> _usual = [];
        private readonly Dictionary<(string Key, string Element), string?> _next = [];

        public static StepHistory Learn(List<DoneStep> history, WorkingDayClock clock)
        {
            var learned = new StepHistory();
            foreach (var step in history.GroupBy(h => (h.DefinitionKey, h.ElementId)))
            {
                learned._usual[step.Key] = (step.Average(h => clock.Between(h.CreatedAt, h.CompletedAt!.Value)), step.First().Name);
            }

            // What followed each completion in its instance: the step created when it completed, if before the resolution.
            var followers = new Dictionary<(string, string), Dictionary<string, int>>();
            foreach (var instance in history.GroupBy(h => h.InstanceId))
            {
                var ordered = instance.OrderBy(h => h.CreatedAt).ToList();
                foreach (var done in ordered)
                {
                    var next = ordered.FirstOrDefault(h => h != done && h.CreatedAt >= done.CompletedAt && (done.ResolvedAt is null || h.CreatedAt < done.ResolvedAt));
                    var counts = followers.TryGetValue((done.DefinitionKey, done.ElementId), out var c) ? c : followers[(done.DefinitionKey, done.ElementId)] = [];
                    counts[next?.ElementId ?? ""] = counts.GetValueOrDefault(next?.ElementId ?? "") + 1;
                }
            }

            foreach (var (step, counts) in followers)
            {
                var most = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).First().Key;
                learned._next[step] = most.Length == 0 ? null : most;
            }

            return learned;
        }

        /// <summary>How long the step usually takes, in working days; null without history.</summary>
        public double? Usual(string key, string element) => _usual.TryGetValue((key, element), out var usual) ? usual.Days : null;

        /// <summary>The steps that usually follow <paramref name="element"/> up to the resolution, each once.</summary>
        public IEnumerable<(string ElementId, string Name, double UsualDays)> Following(string key, string element)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { element };
            while (_next.GetValueOrDefault((key, element)) is { } next && seen.Add(next))
            {
                yield return (next, _usual.TryGetValue((key, next), out var usual) ? usual.Name : next, Usual(key, next) ?? 0);
                element = next;
            }
        }
    }
}

/// <summary>
/// A dossier predicted to miss its appointment: the step it is at and who holds it (an officer, or a unit's queue), the
/// step where its time runs out, when it would be resolved at the current pace, and by how many working days too late.
/// </summary>
public sealed record PredictedLate(
    string DossierCode,
    string ProcedureCode,
    string ProcedureName,
    string ReceivingUnit,
    DateTimeOffset AppointmentAt,
    string StepId,
    string StepName,
    string? Holder,
    string? QueueUnit,
    string RunsOutAtStepId,
    string RunsOutAtStepName,
    DateTimeOffset PredictedAt,
    double WorkingDaysLate)
{
    /// <summary>The holder's full name.</summary>
    public string? HolderName { get; init; }
}
