using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.OfficerUi.Authentication;
using DossierWorkflow.OfficerUi.Localization;
using DossierWorkflow.OfficerUi.Pages.Reception;
using DossierWorkflow.OfficerUi.Pages.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.OfficerUi.Pages.Dossiers;

/// <summary>
/// One open step of a dossier, opened from the dossier page or the work queue: the officer who holds it — or whose queue
/// it waits in — completes it with one of its outcomes and a comment; asking for a supplement lists every item with its
/// reason (form 02), a refusal its reasons (form 03); draft result files may go with it. One transaction with the
/// dossier's new status. Two officers completing it at once: one wins, the other is told who did it and when.
/// </summary>
[RequestSizeLimit(Reception.IndexModel.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = Reception.IndexModel.MaxRequestBytes)]
public sealed class StepModel(
    DossiersDbContext db,
    DossierAccess access,
    IWorkflowEngine engine,
    IWorkflowStore workflow,
    DossierProcessing processing,
    OfficerUploads uploads,
    UnitOfWork unitOfWork,
    CurrentWorkingCalendar calendar,
    DisplayNames names,
    IStringLocalizer<SharedResource> text,
    ILogger<StepModel> logger) : PageModel
{
    [BindProperty]
    public StepInput Input { get; set; } = new();

    public Dossier Dossier { get; private set; } = null!;

    /// <summary>The step as last read; null once it is no longer open.</summary>
    public WorkItem? Step { get; private set; }

    /// <summary>The step's name in the UI language, while it is open.</summary>
    public string? StepName { get; private set; }

    /// <summary>The draft result files attached to the dossier's earlier steps, oldest first.</summary>
    public IReadOnlyList<DossierFile> Drafts { get; private set; } = [];

    /// <summary>The full names of the drafts' authors, by user name.</summary>
    public IReadOnlyDictionary<string, string> Authors { get; private set; } = new Dictionary<string, string>();

    /// <summary>Why the step cannot be completed here (taken by a colleague, completed meanwhile), if so.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Until when a supplement may still be asked for (shown beside that outcome).</summary>
    public DateTimeOffset SupplementDeadline => processing.SupplementDeadline(Dossier);

    public string Local(DateTimeOffset instant) => calendar.Calendar.ToLocal(instant).ToString("HH:mm dd/MM/yyyy");

    public async Task<IActionResult> OnGetAsync(string code, Guid id, CancellationToken cancellationToken)
    {
        var read = await LoadAsync(code, id, tracked: false, cancellationToken);
        if (read is null)
        {
            return NotFound();
        }

        if (read.Item.Status == WorkItemStatus.Open && DossierReception.IsReceptionStep(read.Item))
        {
            // Decided at reception, where the appointment and the forms go with the decision.
            return RedirectToPage("/Reception/Online", new { code });
        }

        if (read.Item.Status == WorkItemStatus.Open && ResultReturns.IsReturnStep(read.Item))
        {
            // Completed by the result's hand-over.
            return RedirectToPage("/Return/Dossier", new { code });
        }

        await DescribeAsync(read.Item, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, Guid id, CancellationToken cancellationToken)
    {
        var read = await LoadAsync(code, id, tracked: true, cancellationToken);
        if (read is null)
        {
            return NotFound();
        }

        if (!WorkQueues.MayComplete(User, read.Item))
        {
            await DescribeAsync(read.Item, cancellationToken);
            return Page();
        }

        // The drafts share what is left of the dossier's budget for files.
        var used = await db.Set<DossierFile>().Where(f => f.DossierId == Dossier.Id).SumAsync(f => f.Length, cancellationToken);
        if (await uploads.AcceptAsync(Input.DraftFiles, uploads.DossierBudget - used, "Input.DraftFiles", ModelState, cancellationToken) is not { } drafts)
        {
            await DescribeAsync(read.Item, cancellationToken);
            return Page();
        }

        var decision = new StepDecision(Input.Outcome, Input.Comment, User.Identity!.Name!, User.FullNameOf() ?? User.Identity.Name!)
        {
            SupplementItems = ReceptionInput.ItemsOf(Input.SupplementItems),
            RefusalReasons = ReceptionInput.ReasonsOf(Input.RefusalReasons),
            DraftFiles = drafts,
        };
        try
        {
            var problems = await processing.CompleteStepAsync(Dossier, read, decision, cancellationToken);
            foreach (var problem in problems)
            {
                ModelState.AddModelError(problem.Field == "Step" ? "" : $"Input.{problem.Field}", text.Problem($"Step.Error.{problem.Code}", problem.Arguments));
            }

            if (problems.Count > 0)
            {
                await DescribeAsync(read.Item, cancellationToken);
                return Page();
            }
        }
        catch (WorkflowException e)
        {
            // Completed, taken or changed by a colleague since the page was read: nothing of this action is kept.
            await unitOfWork.RollBackAsync();
            logger.LogInformation("Step {Step} of dossier {Code} not completed by {Officer}: {Reason}", id, code, User.Identity.Name, e.Code);
            Refusal = await WhoClosedAsync(read.Item, cancellationToken) ?? WorkflowMessage(e);
            Step = null;
            return Page();
        }

        logger.LogInformation("Step {Step} of dossier {Code} completed by {Officer} with {Outcome}", read.Item.Name, code, User.Identity.Name, Input.Outcome);
        return RedirectToPage("Details", new { code });
    }

    /// <summary>The dossier (when the officer may see it) and the step, when it is one of the dossier's; null otherwise.</summary>
    private async Task<WorkItemRead?> LoadAsync(string code, Guid id, bool tracked, CancellationToken cancellationToken)
    {
        var dossiers = tracked ? db.Set<Dossier>() : db.Set<Dossier>().AsNoTracking();
        var dossier = await access.FindAsync(User, dossiers, code, cancellationToken);
        if (dossier is null)
        {
            return null;
        }

        Dossier = dossier;
        try
        {
            var read = await engine.ReadWorkItemAsync(id, cancellationToken);
            return read.Item.BusinessKey == dossier.Code ? read : null;
        }
        catch (WorkItemNotFoundException)
        {
            return null;
        }
    }

    /// <summary>What the page shows of the step: its outcomes when the officer may complete it, or why not.</summary>
    private async Task DescribeAsync(WorkItem step, CancellationToken cancellationToken)
    {
        if (step.Status != WorkItemStatus.Open)
        {
            Refusal = await WhoClosedAsync(step, cancellationToken) ?? text["WorkflowError.work-item-completed"];
            return;
        }

        Step = step;
        StepName = await names.StepAsync(step, cancellationToken);
        Drafts = await db.Set<DossierFile>().AsNoTracking()
            .Where(f => f.DossierId == Dossier.Id && f.Kind == DossierFileKind.Draft)
            .OrderBy(f => f.UploadedAt)
            .ToListAsync(cancellationToken);
        var authors = Drafts.Select(f => f.UploadedBy).Distinct().ToList();
        Authors = await db.OfficerNamesAsync(authors, cancellationToken);
        if (!WorkQueues.MayComplete(User, step))
        {
            Refusal = step.Assignee is { } holder ? text["Step.Error.HeldByOther", holder] : text["Step.Error.NotYourQueue"];
        }
    }

    /// <summary>"Completed by … at …", read from the journal, when the step has been completed.</summary>
    private async Task<string?> WhoClosedAsync(WorkItem step, CancellationToken cancellationToken)
    {
        var journal = await workflow.GetJournalAsync(step.InstanceId, cancellationToken: cancellationToken);
        if (journal.LastOrDefault(e => e.WorkItemId == step.Id && e.Kind == JournalEntryKind.TaskCompleted) is not { } completed)
        {
            return null;
        }

        var name = await db.Set<Officer>().Where(o => o.UserName == completed.Actor).Select(o => o.FullName).FirstOrDefaultAsync(cancellationToken);
        return text["Step.Error.CompletedBy", name ?? completed.Actor ?? "", Local(completed.At)];
    }

    private string WorkflowMessage(WorkflowException e) =>
        text[$"WorkflowError.{e.Code}"] is { ResourceNotFound: false } message ? message : text["WorkflowError.other", e.Code];
}

/// <summary>The step form: the outcome, the comment, and a supplement's items or a refusal's reasons.</summary>
public sealed class StepInput
{
    public string? Outcome { get; set; }

    public string? Comment { get; set; }

    public List<ReceptionInput.SupplementLine> SupplementItems { get; set; } = [];

    public string? RefusalReasons { get; set; }

    /// <summary>Draft result files (PDF, JPEG or PNG) to keep with the dossier.</summary>
    public List<IFormFile> DraftFiles { get; set; } = [];
}
