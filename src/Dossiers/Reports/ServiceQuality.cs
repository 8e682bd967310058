using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Definitions.Metadata;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Reports;

/// <summary>
/// The nine indices of the one-stop evaluation (Decree 61/2018/NĐ-CP art. 32, Circular 01/2018/TT-VPCP), scored 0, 1 or 2
/// per dossier resolved in the period and averaged per receiving unit, per officer (the indices that are theirs) and for
/// the whole unit, with its grade. The rules, in one place:
/// <list type="number">
/// <item>processing time against the legal time: early 2, on time 1, late 0;</item>
/// <item>time of each unit (and officer) taking part, step by step against the step's due time: done a day or more
/// before its due day 2, by it 1, after 0 (steps without a due time are not scored);</item>
/// <item>contacts needed to complete the dossier: none beyond submitting it 2, one supplement request 1, more 0;</item>
/// <item>agencies the applicant had to contact: one 2, two 1, more 0 — the receiving unit's one-stop counter receives,
/// asks for supplements and returns the result, so it is one for every dossier here until inter-agency procedures
/// hand dossiers to other agencies;</item>
/// <item>received and returned at the one-stop office: both 2, received there but its result not (yet) returned there 1;</item>
/// <item>publication of the procedure: in the catalogue with its documents, fee, legal basis and result 2, incomplete 1,
/// absent 0;</item>
/// <item>officer attitude, from the applicants' ratings: satisfied (4–5) 2, neutral (3) 1, dissatisfied (1–2) 0 — for
/// officers, the ratings of the dossiers they received; not scored without ratings;</item>
/// <item>handling of feedback: not scored — no feedback channel records it yet;</item>
/// <item>online service: the procedure fully online (toàn trình) 2, partly online 1, not online 0.</item>
/// </list>
/// The total is on 18 points: the sum of the indices scored, scaled to nine when some cannot be; the grade is very good
/// at 18, good from 14, satisfactory from 10, unsatisfactory below. The dossiers and steps are read as streams and
/// summed as they come, so memory grows with the units and officers, not the dossiers.
/// </summary>
public sealed class ServiceQuality(DossiersDbContext db, OrganisationUnits organisation, ProcedureCatalogue catalogue, CurrentWorkingCalendar calendar)
{
    public const int Indices = 9;

    public async Task<QualityReport> ComputeAsync(string unitCode, ReportPeriod period, CancellationToken cancellationToken)
    {
        var units = await organisation.GetAsync(db, cancellationToken);
        var codes = UnitTree.Within(units, [unitCode]).ToList();
        var local = calendar.Calendar;
        var start = period.Start(local);
        var end = period.End(local);
        var resolved = db.Set<Dossier>().AsNoTracking().Where(d => codes.Contains(d.ReceivingUnit) && d.ResolvedAt >= start && d.ResolvedAt < end);

        var byUnit = new Dictionary<string, Scores>(StringComparer.Ordinal);
        var byOfficer = new Dictionary<string, Scores>(StringComparer.Ordinal);
        var total = new Scores();
        var procedures = new Dictionary<string, (int Publication, int Online)>(StringComparer.Ordinal);
        var dossiers = resolved.Select(d => new
        {
            d.ReceivingUnit,
            d.ProcedureCode,
            d.ReceivedBy,
            d.ResolvedTimeliness,
            Returned = d.Status == DossierStatus.ResultReturned,
            Supplements = db.Set<IssuedForm>().Count(f => f.DossierId == d.Id && f.Form == "02"),
            Rating = db.Set<DossierRating>().Where(r => r.DossierId == d.Id).Select(r => (int?)r.Score).FirstOrDefault(),
        });
        await foreach (var dossier in dossiers.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!procedures.TryGetValue(dossier.ProcedureCode, out var procedure))
            {
                procedures[dossier.ProcedureCode] = procedure = ProcedureScores(dossier.ProcedureCode, period.Last);
            }

            var scores = new int?[Indices];
            scores[0] = dossier.ResolvedTimeliness switch { Timeliness.Early => 2, Timeliness.OnTime => 1, Timeliness.Late => 0, _ => null };
            scores[2] = dossier.Supplements switch { 0 => 2, 1 => 1, _ => 0 };
            scores[3] = 2;
            scores[4] = dossier.Returned ? 2 : 1;
            scores[5] = procedure.Publication;
            scores[6] = dossier.Rating is { } rating ? RatingScore(rating) : null;
            scores[8] = procedure.Online;
            foreach (var sum in new[] { total, Of(byUnit, dossier.ReceivingUnit) })
            {
                sum.Add(scores);
            }

            var officer = Of(byOfficer, dossier.ReceivedBy);
            officer.Add(6, scores[6]);
        }

        // Index 2: each step of those dossiers against its own due time, for the unit it was routed to and the officer who did it.
        var steps =
            from w in db.Set<StoredWorkItem>().AsNoTracking()
            join d in resolved on w.BusinessKey equals d.Code
            where w.Status == WorkItemStatus.Completed && w.DueAt != null && w.CompletedAt != null
            select new { w.CandidateUnit, d.ReceivingUnit, w.CompletedBy, w.DueAt, w.CompletedAt };
        await foreach (var step in steps.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var score = step.CompletedAt > step.DueAt ? 0 : local.LocalDate(step.CompletedAt!.Value) < local.LocalDate(step.DueAt!.Value) ? 2 : 1;
            total.Add(1, score);
            Of(byUnit, step.CandidateUnit ?? step.ReceivingUnit).Add(1, score);
            if (step.CompletedBy is { } user)
            {
                Of(byOfficer, user).Add(1, score);
            }
        }

        var names = units.ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal);
        var officers = await db.OfficerNamesAsync(byOfficer.Keys, cancellationToken);
        return new QualityReport(
            unitCode,
            period,
            total.Row(unitCode, names.GetValueOrDefault(unitCode, unitCode)),
            [.. byUnit.Select(u => u.Value.Row(u.Key, names.GetValueOrDefault(u.Key, u.Key))).OrderBy(r => r.Key, StringComparer.Ordinal)],
            [.. byOfficer.Select(o => o.Value.Row(o.Key, officers.GetValueOrDefault(o.Key, o.Key))).Where(r => r.Scored > 0).OrderBy(r => r.Name, StringComparer.CurrentCulture)]);
    }

    /// <summary>Index 7's score of a rating from 1 to 5.</summary>
    public static int RatingScore(int rating) => rating >= 4 ? 2 : rating == 3 ? 1 : 0;

    /// <summary>Indices 6 (publication) and 9 (online service) of a procedure, by its version in the catalogue on <paramref name="day"/>.</summary>
    private (int Publication, int Online) ProcedureScores(string code, DateOnly day)
    {
        if (catalogue.FindByCode(code) is not { } procedure || (procedure.VersionOn(day) ?? procedure.Versions.LastOrDefault()) is not { } version)
        {
            return (0, 0);
        }

        var complete = version.Documents.Length > 0 && version.LegalBasis.Length > 0 && !string.IsNullOrWhiteSpace(version.ResultVi) && version.Fee is not null;
        return (complete ? 2 : 1, version.OnlineLevel switch { OnlineServiceLevel.FullOnline => 2, OnlineServiceLevel.PartialOnline => 1, _ => 0 });
    }

    private static Scores Of(Dictionary<string, Scores> sums, string key) =>
        sums.TryGetValue(key, out var sum) ? sum : sums[key] = new Scores();

    /// <summary>Running sums of each index's scores and how many were scored.</summary>
    private sealed class Scores
    {
        private readonly long[] _points = new long[Indices];
        private readonly long[] _counts = new long[Indices];
        private long _dossiers;

        public void Add(int?[] scores)
        {
            _dossiers++;
            for (var i = 0; i < Indices; i++)
            {
                Add(i, scores[i]);
            }
        }

        public void Add(int index, int? score)
        {
            if (score is { } value)
            {
                _points[index] += value;
                _counts[index]++;
            }
        }

        public QualityRow Row(string key, string name) =>
            new(key, name, _dossiers, [.. Enumerable.Range(0, Indices).Select(i => _counts[i] == 0 ? (double?)null : (double)_points[i] / _counts[i])]);
    }
}

/// <summary>One row of the indices: a unit, an officer or the whole; each index's average score (null when not scored).</summary>
public sealed record QualityRow(string Key, string Name, long Dossiers, IReadOnlyList<double?> Indices)
{
    /// <summary>How many indices could be scored.</summary>
    public int Scored => Indices.Count(i => i is not null);

    /// <summary>The total on 18 points (to two decimals): the scored indices' sum, scaled to nine indices; null when none could be scored.</summary>
    public double? Total => Scored == 0 ? null : Math.Round(Indices.Sum(i => i ?? 0) * ServiceQuality.Indices / Scored, 2);

    public QualityGrade? Grade => Total switch
    {
        null => null,
        >= 18 => QualityGrade.VeryGood,
        >= 14 => QualityGrade.Good,
        >= 10 => QualityGrade.Satisfactory,
        _ => QualityGrade.Unsatisfactory,
    };
}

public enum QualityGrade
{
    VeryGood,
    Good,
    Satisfactory,
    Unsatisfactory,
}

/// <summary>The indices of a unit (with the units below it) for a period: the whole, by receiving unit, by officer.</summary>
public sealed record QualityReport(string UnitCode, ReportPeriod Period, QualityRow Total, IReadOnlyList<QualityRow> Units, IReadOnlyList<QualityRow> Officers);
