using DossierWorkflow.Dossiers.Attachments;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;

namespace DossierWorkflow.Dossiers.Dossiers;

/// <summary>
/// Moves a dossier on through its processing steps, in the caller's unit of work: the step completed with its outcome
/// and comment through the engine (which runs the instance to its next steps), the draft result files attached to it, the
/// form the outcome issues (a supplement request, 02; a refusal, 03) and the dossier's new status
/// (<see cref="DossierStatusRules"/>), together or not at all.
/// </summary>
public sealed class DossierProcessing(
    DossiersDbContext db, IWorkflowEngine engine, CurrentWorkingCalendar calendar, Telemetry.ActionMeasurements measurements, TimeProvider time)
{
    public const int CommentMaxLength = 2000;

    /// <summary>How long after receipt a supplement may still be asked for during processing (Decree 118/2025), in working days.</summary>
    public const int SupplementWindowWorkingDays = 3;

    /// <summary>
    /// Completes <paramref name="read"/>'s step of <paramref name="dossier"/> (tracked by the caller's context) as
    /// <paramref name="decision"/> says. Returns the problems instead, each naming its field, when the step is not the
    /// dossier's, the outcome is not one the step offers, a supplement request has no complete item or comes too late, or
    /// a refusal has no reason; the engine's refusals (the step completed or taken meanwhile, a conflict) are thrown as
    /// <see cref="WorkflowException"/>s, and the caller rolls its unit of work back.
    /// </summary>
    public async Task<IReadOnlyList<DossierProblem>> CompleteStepAsync(Dossier dossier, WorkItemRead read, StepDecision decision, CancellationToken cancellationToken)
    {
        var step = read.Item;
        var now = time.GetUtcNow();
        var problems = Check(dossier, step, decision, now);
        if (problems.Count > 0)
        {
            return problems;
        }

        var outcome = step.Outcomes.Length > 0 ? decision.Outcome : null;
        var position = await engine.CompleteWorkItemAsync(
            new CompleteWorkItem(step.Id) { Outcome = outcome, Comment = Trimmed(decision.Comment), Actor = decision.Officer, Read = read },
            cancellationToken);
        measurements.StepCompleted(step.CandidateRole, dossier.ReceivingUnit);
        if (position.InstanceId != dossier.WorkflowInstanceId && dossier.WorkflowInstanceId is { } root)
        {
            // A step of a workflow the dossier's own called (liên thông): the dossier stands where its own workflow does.
            position = await engine.GetPositionAsync(root, cancellationToken);
        }

        switch (outcome)
        {
            case "supplement":
                dossier.Issue("02", [.. decision.SupplementItems.Select(i => new FormItem(i.Content.Trim(), i.Reason.Trim()))], decision.Officer, decision.OfficerName, now);
                break;
            case "refuse":
                dossier.Issue("03", [.. decision.RefusalReasons.Select(r => new FormItem("", r.Trim()))], decision.Officer, decision.OfficerName, now);
                break;
        }

        foreach (var draft in decision.DraftFiles)
        {
            dossier.Files.Add(new DossierFile
            {
                Id = Guid.CreateVersion7(now),
                DossierId = dossier.Id,
                Kind = DossierFileKind.Draft,
                WorkItemId = step.Id,
                FileName = draft.FileName,
                ContentType = draft.ContentType,
                Length = draft.Length,
                Sha256 = draft.Sha256,
                UploadedAt = now,
                UploadedBy = decision.Officer,
            });
        }

        dossier.MoveTo(DossierStatusRules.AfterStep(dossier.Status, outcome, position), now);
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    /// <summary>The last moment a supplement may be asked for during processing: the end of the third working day after receipt.</summary>
    public DateTimeOffset SupplementDeadline(Dossier dossier) => calendar.Calendar.AddWorkingDays(dossier.ReceivedAt, SupplementWindowWorkingDays);

    private List<DossierProblem> Check(Dossier dossier, WorkItem step, StepDecision decision, DateTimeOffset now)
    {
        List<DossierProblem> problems = [];
        if (step.BusinessKey != dossier.Code)
        {
            problems.Add(new("Step", "NotThisDossier"));
            return problems;
        }

        if (DossierReception.IsReceptionStep(step) || ResultReturns.IsReturnStep(step))
        {
            problems.Add(new("Step", DossierReception.IsReceptionStep(step) ? "DecidedAtReception" : "ReturnedAtReturn"));
            return problems;
        }

        if (step.Outcomes.Length > 0 && (decision.Outcome is null || !step.Outcomes.Contains(decision.Outcome)))
        {
            problems.Add(new(nameof(decision.Outcome), "OutcomeRequired"));
        }

        if (decision.Comment is { Length: > CommentMaxLength })
        {
            problems.Add(new(nameof(decision.Comment), "TooLong", CommentMaxLength));
        }

        switch (decision.Outcome)
        {
            case "supplement" when decision.SupplementItems.Count == 0:
                problems.Add(new(nameof(decision.SupplementItems), "SupplementItemsRequired"));
                break;
            case "supplement" when decision.SupplementItems.Any(i => string.IsNullOrWhiteSpace(i.Content) || string.IsNullOrWhiteSpace(i.Reason)):
                problems.Add(new(nameof(decision.SupplementItems), "SupplementItemIncomplete"));
                break;
            case "supplement" when SupplementDeadline(dossier) is var deadline && now > deadline:
                problems.Add(new(nameof(decision.Outcome), "SupplementTooLate", calendar.Calendar.ToLocal(deadline).ToString("HH:mm dd/MM/yyyy")));
                break;
            case "refuse" when decision.RefusalReasons.Count == 0 || decision.RefusalReasons.Any(string.IsNullOrWhiteSpace):
                problems.Add(new(nameof(decision.RefusalReasons), "RefusalReasonsRequired"));
                break;
        }

        return problems;
    }

    private static string? Trimmed(string? comment) => string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
}

/// <summary>An officer's completion of a processing step.</summary>
/// <param name="Outcome">One of the step's <c>dw:outcomes</c> (none for a step that offers none).</param>
public sealed record StepDecision(string? Outcome, string? Comment, string Officer, string OfficerName)
{
    /// <summary>With <c>supplement</c>: every missing or wrong item with its reason (form 02).</summary>
    public IReadOnlyList<FormItem> SupplementItems { get; init; } = [];

    /// <summary>With <c>refuse</c>: the reasons (form 03).</summary>
    public IReadOnlyList<string> RefusalReasons { get; init; } = [];

    /// <summary>Draft result files attached to the step (already accepted and stored by the attachment intake).</summary>
    public IReadOnlyList<AcceptedFile> DraftFiles { get; init; } = [];
}

/// <summary>The one place that says which status (DESIGN.md §4) a dossier has after a step of its workflow.</summary>
public static class DossierStatusRules
{
    /// <summary>
    /// After a processing step, from where the dossier's own workflow (<paramref name="position"/>) stands: a finished
    /// workflow by its end's result; a supplement request waits for the applicant (5); a refusal refuses (3); a workflow
    /// waiting for its result to be returned resolves the dossier (9: after the leader's approval, and for a linked
    /// procedure once the other agencies' part has come back); any other step leaves it in progress (4).
    /// </summary>
    public static DossierStatus AfterStep(DossierStatus current, string? outcome, InstancePosition position) =>
        position.Status switch
        {
            InstanceStatus.Completed or InstanceStatus.Terminated => position.Result switch
            {
                "resolved" => DossierStatus.ResultReturned,
                "refused" => DossierStatus.Refused,
                "withdrawn" => DossierStatus.Withdrawn,
                "stopped" => DossierStatus.Stopped,
                _ => current,
            },
            _ when outcome == "supplement" => DossierStatus.SupplementRequested,
            _ when outcome == "refuse" => DossierStatus.Refused,
            // The result is ready when the dossier waits for it to be returned (after the approval; for a linked procedure,
            // once the other agencies' part has come back too).
            _ when position.OpenWorkItems.Any(ResultReturns.IsReturnStep) => DossierStatus.Resolved,
            _ when current is DossierStatus.Accepted or DossierStatus.InProgress => DossierStatus.InProgress,
            _ => current,
        };

    /// <summary>
    /// The statuses of a dossier in processing after its acceptance: its appointment runs (it is overdue once that has
    /// passed, and may be extended once before).
    /// </summary>
    public static readonly DossierStatus[] InProcessing = [DossierStatus.Accepted, DossierStatus.InProgress, DossierStatus.PaymentRequested];

    /// <summary>
    /// The statuses of a dossier its unit still has to do something for: waiting at reception, in processing, waiting
    /// for a supplement, or resolved and not yet returned.
    /// </summary>
    public static readonly DossierStatus[] Running =
        [DossierStatus.New, .. InProcessing, DossierStatus.SupplementRequested, DossierStatus.Resolved];

    /// <summary>A dossier the agency stops processing (its workflow cancelled) is stopped (8).</summary>
    public const DossierStatus AfterStop = DossierStatus.Stopped;
}
