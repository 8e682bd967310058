using DossierWorkflow.Engine;
using DossierWorkflow.Dossiers.Persistence;

namespace DossierWorkflow.Dossiers.Dossiers;

/// <summary>
/// Moves a dossier on through its processing steps, in the caller's unit of work: the step completed with its outcome
/// and comment through the engine (which runs the instance to its next steps) and the dossier's status updated from
/// where the instance now is (<see cref="DossierStatusRules"/>), together or not at all.
/// </summary>
public sealed class DossierProcessing(DossiersDbContext db, IWorkflowEngine engine, TimeProvider time)
{
    /// <summary>
    /// The outcomes completed here: those that only move the dossier on. A supplement or a refusal during processing
    /// issues its form (02, 03) with its items or reasons and is not a plain completion.
    /// </summary>
    public static readonly IReadOnlySet<string> PlainOutcomes = new HashSet<string>(StringComparer.Ordinal) { "submit", "approve", "return", "verify", "verified" };

    /// <summary>The outcomes of <paramref name="step"/> an officer chooses from on the step's page.</summary>
    public static IReadOnlyList<string> OutcomesOf(WorkItem step) => [.. step.Outcomes.Where(PlainOutcomes.Contains)];

    /// <summary>
    /// Completes <paramref name="read"/>'s step of <paramref name="dossier"/> (tracked by the caller's context) with
    /// <paramref name="outcome"/>. Returns the problems instead, each naming its field, when the step is not the dossier's
    /// or the outcome is not one offered here; the engine's refusals (the step completed or taken meanwhile, a conflict)
    /// are thrown as <see cref="WorkflowException"/>s, and the caller rolls its unit of work back.
    /// </summary>
    public async Task<IReadOnlyList<DossierProblem>> CompleteStepAsync(
        Dossier dossier, WorkItemRead read, string? outcome, string? comment, string officer, CancellationToken cancellationToken)
    {
        var step = read.Item;
        if (step.BusinessKey != dossier.Code)
        {
            return [new("Step", "NotThisDossier")];
        }

        var offered = OutcomesOf(step);
        if (step.Outcomes.Length > 0 && (outcome is null || !offered.Contains(outcome)))
        {
            return [new("Outcome", "OutcomeRequired")];
        }

        if (comment is { Length: > CommentMaxLength })
        {
            return [new("Comment", "TooLong", CommentMaxLength)];
        }

        var position = await engine.CompleteWorkItemAsync(
            new CompleteWorkItem(step.Id) { Outcome = step.Outcomes.Length > 0 ? outcome : null, Comment = Trimmed(comment), Actor = officer, Read = read },
            cancellationToken);
        dossier.MoveTo(DossierStatusRules.AfterStep(dossier.Status, outcome, position), time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    public const int CommentMaxLength = 2000;

    private static string? Trimmed(string? comment) => string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
}

/// <summary>The one place that says which status (DESIGN.md §4) a dossier has after a step of its workflow.</summary>
public static class DossierStatusRules
{
    /// <summary>
    /// After a processing step: a finished workflow by its end's result; a leader's approval resolves the dossier (its
    /// result waits to be returned); any other step leaves it in progress.
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
            _ when outcome == "approve" => DossierStatus.Resolved,
            _ when current is DossierStatus.Accepted or DossierStatus.InProgress => DossierStatus.InProgress,
            _ => current,
        };
}
