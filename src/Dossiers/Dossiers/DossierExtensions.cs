using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Dossiers;

/// <summary>
/// Extends a late dossier's appointment with an apology to the applicant (form 04), in the caller's unit of work: the
/// specialist proposes how many working days and why; a leader approves it (the new appointment goes into the history,
/// form 04 is issued with the leader's signature) or rejects it. The law allows one extension per dossier, asked for at
/// least one working day before the appointment: both are checked when it is proposed and again when it is approved.
/// </summary>
public sealed class DossierExtensions(DossiersDbContext db, CurrentWorkingCalendar calendar, TimeProvider time)
{
    public const int MaxWorkingDays = 30;

    public const int ReasonMaxLength = 2000;

    /// <summary>The last day an extension may be asked for: the working day before the appointment's day.</summary>
    public DateOnly LatestDay(Dossier dossier) =>
        calendar.Calendar.PreviousWorkingDay(calendar.Calendar.LocalDate(dossier.AppointmentAt ?? throw new InvalidOperationException($"Dossier {dossier.Code} has no appointment.")));

    /// <summary>
    /// The appointment an extension of <paramref name="workingDays"/> gives: the end of office hours of the working day
    /// that many working days after the appointment in force.
    /// </summary>
    public DateTimeOffset ExtendedAppointment(Dossier dossier, int workingDays) =>
        calendar.Calendar.EndOfWorkingDay(calendar.Calendar.AddWorkingDays(calendar.Calendar.LocalDate(dossier.AppointmentAt!.Value), workingDays));

    /// <summary>Whether <paramref name="dossier"/> (with its appointments) may still be extended now.</summary>
    public bool MayBeExtended(Dossier dossier) => Check(dossier).Count == 0;

    /// <summary>The specialist's proposal on <paramref name="dossier"/> (tracked, with its appointments and extensions).</summary>
    public async Task<IReadOnlyList<DossierProblem>> ProposeAsync(Dossier dossier, ExtensionProposal proposal, CancellationToken cancellationToken)
    {
        var problems = Check(dossier);
        if (dossier.Extensions.Any(e => e.Status == ExtensionStatus.Proposed))
        {
            problems.Add(new("WorkingDays", "ExtensionPending"));
        }

        if (proposal.WorkingDays is < 1 or > MaxWorkingDays)
        {
            problems.Add(new(nameof(proposal.WorkingDays), "Range", 1, MaxWorkingDays));
        }

        if (string.IsNullOrWhiteSpace(proposal.Reason))
        {
            problems.Add(new(nameof(proposal.Reason), "Required"));
        }
        else if (proposal.Reason.Length > ReasonMaxLength)
        {
            problems.Add(new(nameof(proposal.Reason), "TooLong", ReasonMaxLength));
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        var now = time.GetUtcNow();
        dossier.Extensions.Add(new DossierExtension
        {
            Id = Guid.CreateVersion7(now),
            DossierId = dossier.Id,
            WorkingDays = proposal.WorkingDays,
            Reason = proposal.Reason!.Trim(),
            ProposedBy = proposal.Officer,
            ProposedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    /// <summary>
    /// A leader's decision on the pending proposal of <paramref name="dossier"/> (tracked, with its appointments and
    /// extensions): approved, the appointment is extended and form 04 issued; rejected, nothing else changes.
    /// </summary>
    public async Task<IReadOnlyList<DossierProblem>> DecideAsync(Dossier dossier, ExtensionDecision decision, CancellationToken cancellationToken)
    {
        var pending = dossier.Extensions.FirstOrDefault(e => e.Status == ExtensionStatus.Proposed);
        if (pending is null)
        {
            return [new("Decision", "NoExtensionPending")];
        }

        var problems = decision.Approve ? Check(dossier) : [];
        if (decision.Comment is { Length: > ReasonMaxLength })
        {
            problems.Add(new(nameof(decision.Comment), "TooLong", ReasonMaxLength));
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        var now = time.GetUtcNow();
        pending.Status = decision.Approve ? ExtensionStatus.Approved : ExtensionStatus.Rejected;
        pending.DecidedBy = decision.Officer;
        pending.DecidedAt = now;
        pending.DecisionComment = string.IsNullOrWhiteSpace(decision.Comment) ? null : decision.Comment.Trim();
        if (decision.Approve)
        {
            dossier.Appoint(ExtendedAppointment(dossier, pending.WorkingDays), AppointmentReason.Extension, now, decision.Officer);
            var title = await db.Set<Officer>().TitleOfAsync(decision.Officer, cancellationToken);
            dossier.Issue("04", [new FormItem("", pending.Reason)], decision.Officer, decision.OfficerName, now, title);
        }

        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    /// <summary>Whether the dossier may still be extended: in processing, never extended, and not later than the day before its appointment.</summary>
    private List<DossierProblem> Check(Dossier dossier)
    {
        List<DossierProblem> problems = [];
        if (!DossierStatusRules.InProcessing.Contains(dossier.Status) || dossier.AppointmentAt is null)
        {
            problems.Add(new("WorkingDays", "NotInProcessing"));
        }
        else if (dossier.Appointments.Any(a => a.Reason == AppointmentReason.Extension))
        {
            problems.Add(new("WorkingDays", "AlreadyExtended"));
        }
        else if (calendar.Calendar.LocalDate(time.GetUtcNow()) > LatestDay(dossier))
        {
            problems.Add(new("WorkingDays", "ExtensionTooLate", LatestDay(dossier).ToString("dd/MM/yyyy")));
        }

        return problems;
    }
}

/// <summary>The specialist's proposal: how many working days, and why the dossier is late.</summary>
public sealed record ExtensionProposal(int WorkingDays, string? Reason, string Officer);

/// <summary>A leader's decision on a proposed extension.</summary>
public sealed record ExtensionDecision(bool Approve, string? Comment, string Officer, string OfficerName);
