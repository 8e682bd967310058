using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.OfficerUi.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.OfficerUi.Pages.Tasks;

/// <summary>
/// The officer's work: the tasks they hold, and the shared queue of every role they hold in a unit — open tasks whose
/// candidate role is that role and which were routed to that unit. Administrators also see tasks no unit could be found for.
/// Taking a task (claim) and giving it back (unclaim) refresh the lists in place.
/// </summary>
public sealed class IndexModel(
    IWorkflowEngine engine,
    DossiersDbContext db,
    UnitOfWork unitOfWork,
    ProcedureCatalogue catalogue,
    CurrentWorkingCalendar calendar,
    TimeProvider time,
    IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>At most this many tasks per list; a longer queue says so.</summary>
    public const int ListSize = 100;

    public IReadOnlyList<TaskRow> Mine { get; private set; } = [];

    public IReadOnlyList<QueueView> Queues { get; private set; } = [];

    /// <summary>Tasks routed to no unit, shown to administrators only; null for other officers.</summary>
    public IReadOnlyList<TaskRow>? Unrouted { get; private set; }

    public string? Error { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<PartialViewResult> OnPostClaimAsync(Guid id, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(id, cancellationToken);
        if (read is not null && !WorkQueues.MayTake(User, read.Item))
        {
            Error = text["Tasks.Error.NotYourQueue", read.Item.Name];
        }
        else if (read is not null)
        {
            await RunAsync(() => engine.ClaimWorkItemAsync(read, User.Identity!.Name!, cancellationToken));
        }

        await LoadAsync(cancellationToken);
        return Partial("_TaskLists", this);
    }

    public async Task<PartialViewResult> OnPostUnclaimAsync(Guid id, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(id, cancellationToken);
        if (read is not null && read.Item.Assignee != User.Identity!.Name)
        {
            Error = text["Tasks.Error.NotYours", read.Item.Name];
        }
        else if (read is not null)
        {
            await RunAsync(() => engine.UnclaimWorkItemAsync(read, User.Identity!.Name!, cancellationToken));
        }

        await LoadAsync(cancellationToken);
        return Partial("_TaskLists", this);
    }

    /// <summary>The task with its instance, read once for both the check and the command.</summary>
    private async Task<WorkItemRead?> ReadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.ReadWorkItemAsync(id, cancellationToken);
        }
        catch (WorkItemNotFoundException)
        {
            Error = text["Tasks.Error.NotFound"];
            return null;
        }
    }

    /// <summary>
    /// Runs an engine command; an expected refusal (taken by someone else meanwhile, closed) becomes a message, and the
    /// action's unit of work is rolled back at once, so that the lists shown next are read afresh.
    /// </summary>
    private async Task RunAsync(Func<Task> command)
    {
        try
        {
            await command();
        }
        catch (WorkflowException e)
        {
            await unitOfWork.RollBackAsync();
            var message = text[$"WorkflowError.{e.Code}"];
            Error = message.ResourceNotFound ? text["WorkflowError.other", e.Code] : message;
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var work = await WorkQueues.ReadAsync(engine, User, ListSize, cancellationToken);
        var codes = work.Queues.Select(q => q.UnitCode).Distinct().ToList();
        var unitNames = await db.Set<Unit>().AsNoTracking().Where(u => codes.Contains(u.Code)).ToDictionaryAsync(u => u.Code, u => u.Name, cancellationToken);

        Mine = Rows(work.Mine, unitNames);
        Queues = [.. work.Queues.Select(q => new QueueView(q.Role, q.UnitCode, unitNames.GetValueOrDefault(q.UnitCode, q.UnitCode), Rows(q.Items, unitNames)))];
        Unrouted = User.IsInRole(Roles.Administrator)
            ? Rows(await engine.QueryWorkItemsAsync(new WorkItemFilter { UnroutedOnly = true, Take = ListSize }, cancellationToken), unitNames)
            : null;
    }

    private List<TaskRow> Rows(IEnumerable<WorkItem> items, IReadOnlyDictionary<string, string> unitNames)
    {
        var now = time.GetUtcNow();
        var today = calendar.Calendar.LocalDate(now);
        return [.. items.Select(item =>
        {
            var procedure = catalogue.FindByKey(item.DefinitionKey);
            var due = item.DueAt is { } at ? calendar.Calendar.ToLocal(at) : (DateTimeOffset?)null;
            var urgency = due is null ? Urgency.None
                : due < now ? Urgency.Overdue
                : DateOnly.FromDateTime(due.Value.DateTime) == today ? Urgency.DueToday
                : Urgency.OnTime;
            return new TaskRow(
                item.Id,
                procedure?.Code,
                procedure?.VersionOn(today) is { } version ? LocalizedText.Pick(version.NameVi, version.NameEn) : item.DefinitionKey,
                item.Name,
                item.BusinessKey,
                calendar.Calendar.ToLocal(item.CreatedAt),
                due,
                urgency,
                item.CandidateRole,
                item.CandidateUnit is null ? null : unitNames.GetValueOrDefault(item.CandidateUnit, item.CandidateUnit),
                item.Assignee,
                // Reception's decision (a dossier submitted online, or back from a supplement request) and the result's
                // return have their own pages; every other step is handled from the dossier's page.
                DossierReception.IsReceptionStep(item) ? TaskPage.ReceptionDecision
                    : ResultReturns.IsReturnStep(item) ? TaskPage.ResultReturn
                    : TaskPage.Dossier);
        })];
    }

    public sealed record QueueView(string Role, string UnitCode, string UnitName, IReadOnlyList<TaskRow> Tasks);

    public sealed record TaskRow(
        Guid Id,
        string? ProcedureCode,
        string ProcedureName,
        string StepName,
        string? DossierCode,
        DateTimeOffset CreatedAt,
        DateTimeOffset? DueAt,
        Urgency Urgency,
        string? CandidateRole,
        string? UnitName,
        string? Assignee,
        TaskPage Page);

    /// <summary>Where a task is handled.</summary>
    public enum TaskPage
    {
        Dossier,
        ReceptionDecision,
        ResultReturn,
    }

    public enum Urgency
    {
        None,
        OnTime,
        DueToday,
        Overdue,
    }
}
