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
using DossierWorkflow.Web.Localization;

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
    DisplayNames names,
    CurrentWorkingCalendar calendar,
    TimeProvider time,
    IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>Tasks per list and page.</summary>
    public const int ListSize = 25;

    /// <summary>The filters, order and page of every list, kept in the address and sent with every action.</summary>
    [BindProperty(SupportsGet = true)]
    public TaskFilter Filter { get; set; } = new();

    /// <summary>The procedures to filter by, and the steps of the one chosen.</summary>
    public IReadOnlyList<(string Code, string Name)> Procedures { get; private set; } = [];

    public IReadOnlyList<(string Id, string Name)> Steps { get; private set; } = [];

    /// <summary>Whether some list has a further page.</summary>
    public bool HasMore { get; private set; }

    public IReadOnlyList<TaskRow> Mine { get; private set; } = [];

    public IReadOnlyList<QueueView> Queues { get; private set; } = [];

    /// <summary>For a leader: the queues of the units they lead, whose steps they give to an officer.</summary>
    public IReadOnlyList<QueueView> Distributed { get; private set; } = [];

    /// <summary>Who works each queue shown (by role and unit): those a step of it may be given or handed to.</summary>
    public IReadOnlyDictionary<(string Role, string Unit), IReadOnlyList<Colleague>> Members { get; private set; } = new Dictionary<(string, string), IReadOnlyList<Colleague>>();

    /// <summary>Tasks routed to no unit, shown to administrators only; null for other officers.</summary>
    public IReadOnlyList<TaskRow>? Unrouted { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The page, or only its lists when htmx asks for them (the filters changed; the address keeps them).</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Request.Headers["HX-Request"] == "true" && Request.Headers["HX-History-Restore-Request"] != "true" ? Partial("_TaskView", this) : Page();
    }

    public async Task<PartialViewResult> OnPostClaimAsync(Guid id, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(id, cancellationToken);
        if (read is not null && !WorkQueues.MayTake(User, read.Item))
        {
            Error = text["Tasks.Error.NotYourQueue", await names.StepAsync(read.Item, cancellationToken)];
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
            Error = text["Tasks.Error.NotYours", await names.StepAsync(read.Item, cancellationToken)];
        }
        else if (read is not null)
        {
            await RunAsync(() => engine.UnclaimWorkItemAsync(read, User.Identity!.Name!, cancellationToken));
        }

        await LoadAsync(cancellationToken);
        return Partial("_TaskLists", this);
    }

    /// <summary>A leader gives a queued step to an officer of its queue.</summary>
    public async Task<PartialViewResult> OnPostAssignAsync(Guid id, string? to, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(id, cancellationToken);
        if (read is not null && !WorkQueues.MayAssign(User, read.Item))
        {
            Error = text["Tasks.Error.NotYourUnit", await names.StepAsync(read.Item, cancellationToken)];
        }
        else if (read is not null && await CheckMemberAsync(read.Item, to, cancellationToken))
        {
            await RunAsync(() => engine.AssignWorkItemAsync(read.Item.Id, to!, User.Identity!.Name!, cancellationToken));
        }

        await LoadAsync(cancellationToken);
        return Partial("_TaskLists", this);
    }

    /// <summary>The officer hands a step they hold to a colleague of its queue.</summary>
    public async Task<PartialViewResult> OnPostDelegateAsync(Guid id, string? to, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(id, cancellationToken);
        if (read is not null && read.Item.Assignee != User.Identity!.Name)
        {
            Error = text["Tasks.Error.NotYours", await names.StepAsync(read.Item, cancellationToken)];
        }
        else if (read is not null && to == User.Identity!.Name)
        {
            Error = text["Tasks.Error.ChooseColleague"];
        }
        else if (read is not null && await CheckMemberAsync(read.Item, to, cancellationToken))
        {
            await RunAsync(() => engine.DelegateWorkItemAsync(read.Item.Id, to!, User.Identity!.Name!, cancellationToken));
        }

        await LoadAsync(cancellationToken);
        return Partial("_TaskLists", this);
    }

    /// <summary>Whether <paramref name="to"/> works the step's queue; otherwise the page says so.</summary>
    private async Task<bool> CheckMemberAsync(WorkItem item, string? to, CancellationToken cancellationToken)
    {
        var member = !string.IsNullOrEmpty(to) && item.CandidateRole is { } role && item.CandidateUnit is { } unit
            && await db.Set<Officer>().InQueue(role, unit).AnyAsync(o => o.UserName == to, cancellationToken);
        if (!member)
        {
            Error = string.IsNullOrEmpty(to) ? text["Tasks.Error.ChooseColleague"] : text["Tasks.Error.NotInQueue", to!, await names.StepAsync(item, cancellationToken)];
        }

        return member;
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

    /// <summary>The engine's filter for what <see cref="Filter"/> asks: one more row than a page, to know there is more.</summary>
    private WorkItemFilter View()
    {
        var now = time.GetUtcNow();
        var tomorrow = calendar.Calendar.At(calendar.Calendar.LocalDate(now).AddDays(1), TimeOnly.MinValue);
        var procedure = Filter.Procedure is { Length: > 0 } code ? catalogue.FindByCode(code) : null;
        var view = new WorkItemFilter
        {
            DefinitionKey = procedure?.Key,
            ElementId = procedure is not null && Filter.Step is { Length: > 0 } step ? step : null,
            Order = Filter.Sort,
            Skip = (Math.Max(Filter.PageNumber, 1) - 1) * ListSize,
            Take = ListSize + 1,
        };
        return Filter.Due switch
        {
            DueState.Overdue => view with { DueBefore = now },
            DueState.DueToday => view with { DueFrom = now, DueBefore = tomorrow },
            DueState.Later => view with { DueFrom = tomorrow },
            DueState.NoDue => view with { NoDueOnly = true },
            _ => view,
        };
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var today = calendar.Calendar.LocalDate(time.GetUtcNow());
        Procedures = [.. catalogue.Procedures
            .Select(p => (p.Code, Version: p.VersionOn(today)))
            .Where(p => p.Version is not null)
            .Select(p => (p.Code, LocalizedText.Pick(p.Version!.NameVi, p.Version.NameEn)))
            .OrderBy(p => p.Item2, StringComparer.CurrentCulture)];
        // The steps of the procedure's workflow as deployed (an administrator may have published a newer version).
        Steps = Filter.Procedure is { Length: > 0 } chosen && catalogue.FindByCode(chosen) is { } procedure
            && await engine.GetLatestDefinitionAsync(procedure.Key, cancellationToken) is { } definition
            ? [.. definition.UserTasks.Select(t => (t.Id, DisplayNames.Step(definition, t)))]
            : [];
        if (Steps.All(step => step.Id != Filter.Step))
        {
            // A step of another procedure than the one now chosen.
            Filter.Step = null;
        }

        var view = View();
        var work = await WorkQueues.ReadAsync(engine, User, view, cancellationToken);
        var distributed = await WorkQueues.ReadDistributedAsync(engine, User, view, cancellationToken);
        HasMore = work.Mine.Count > ListSize || work.Queues.Concat(distributed).Any(q => q.Items.Count > ListSize);
        work = new WorkQueues.OfficerWork([.. work.Mine.Take(ListSize)], [.. work.Queues.Select(q => q with { Items = [.. q.Items.Take(ListSize)] })]);
        distributed = [.. distributed.Select(q => q with { Items = [.. q.Items.Take(ListSize)] })];
        var codes = work.Queues.Concat(distributed).Select(q => q.UnitCode).Distinct().ToList();
        var unitNames = await db.Set<Unit>().AsNoTracking().Where(u => codes.Contains(u.Code)).ToDictionaryAsync(u => u.Code, u => u.Name, cancellationToken);

        var unrouted = User.IsInRole(Roles.Administrator)
            ? await engine.QueryWorkItemsAsync(new WorkItemFilter { UnroutedOnly = true, Take = ListSize }, cancellationToken)
            : null;
        Dictionary<Guid, string> stepNames = [];
        foreach (var item in work.Mine.Concat(work.Queues.Concat(distributed).SelectMany(q => q.Items)).Concat(unrouted ?? []))
        {
            stepNames[item.Id] = await names.StepAsync(item, cancellationToken);
        }

        Mine = Rows(work.Mine, unitNames, stepNames);
        Queues = [.. work.Queues.Select(q => new QueueView(q.Role, q.UnitCode, unitNames.GetValueOrDefault(q.UnitCode, q.UnitCode), Rows(q.Items, unitNames, stepNames)))];
        Distributed = [.. distributed.Select(q => new QueueView(q.Role, q.UnitCode, unitNames.GetValueOrDefault(q.UnitCode, q.UnitCode), Rows(q.Items, unitNames, stepNames)))];
        Unrouted = unrouted is null ? null : Rows(unrouted, unitNames, stepNames);

        // The colleagues of each queue the page offers to give or hand a step to.
        Dictionary<(string, string), IReadOnlyList<Colleague>> members = [];
        foreach (var (role, unit) in work.Mine.Select(i => (i.CandidateRole, i.CandidateUnit)).Concat(distributed.Select(q => ((string?)q.Role, (string?)q.UnitCode))).Distinct())
        {
            if (role is not null && unit is not null)
            {
                members[(role, unit)] = await db.Set<Officer>().AsNoTracking().InQueue(role, unit)
                    .OrderBy(o => o.FullName).Select(o => new Colleague(o.UserName, o.FullName)).ToListAsync(cancellationToken);
            }
        }

        Members = members;
    }

    private List<TaskRow> Rows(IEnumerable<WorkItem> items, IReadOnlyDictionary<string, string> unitNames, IReadOnlyDictionary<Guid, string> stepNames)
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
                stepNames[item.Id],
                item.BusinessKey,
                calendar.Calendar.ToLocal(item.CreatedAt),
                due,
                urgency,
                item.CandidateRole,
                item.CandidateUnit,
                item.CandidateUnit is null ? null : unitNames.GetValueOrDefault(item.CandidateUnit, item.CandidateUnit),
                item.Assignee,
                // Reception's decision (a dossier submitted online, or back from a supplement request) and the result's
                // return have their own pages; every other step is handled from the dossier's page.
                DossierReception.IsReceptionStep(item) ? TaskPage.ReceptionDecision
                    : ResultReturns.IsReturnStep(item) ? TaskPage.ResultReturn
                    : TaskPage.Dossier);
        })];
    }

    /// <summary>An officer a step may be given or handed to.</summary>
    public sealed record Colleague(string UserName, string FullName);

    /// <summary>What every list shows: a procedure and one of its steps, a due state, the order, the page.</summary>
    public sealed class TaskFilter
    {
        /// <summary>A procedure's code.</summary>
        public string? Procedure { get; set; }

        /// <summary>A step (element id) of <see cref="Procedure"/>'s workflow.</summary>
        public string? Step { get; set; }

        public DueState? Due { get; set; }

        public WorkItemOrder Sort { get; set; } = WorkItemOrder.Created;

        /// <summary>The page (not named "Page": without the prefix, model binding would read the page's route value).</summary>
        public int PageNumber { get; set; } = 1;

        /// <summary>The filter as query values, for links (the home page's counts, the pager).</summary>
        public Dictionary<string, string?> Route(int? page = null) => new()
        {
            ["Filter.Procedure"] = Procedure,
            ["Filter.Step"] = Step,
            ["Filter.Due"] = Due?.ToString(),
            ["Filter.Sort"] = Sort == WorkItemOrder.Created ? null : Sort.ToString(),
            ["Filter.PageNumber"] = (page ?? PageNumber) == 1 ? null : (page ?? PageNumber).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public enum DueState
    {
        Overdue,
        DueToday,
        Later,
        NoDue,
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
        string? UnitCode,
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
