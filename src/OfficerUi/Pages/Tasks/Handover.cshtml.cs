using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.OfficerUi.Authentication;
using DossierWorkflow.OfficerUi.Localization;
using DossierWorkflow.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.OfficerUi.Pages.Tasks;

/// <summary>
/// An officer goes on leave: a leader hands every step that officer holds in the units the leader leads to one colleague,
/// or back to their queues, in one action (one transaction: all of them or none).
/// </summary>
[Authorize(Roles = Roles.Leader)]
public sealed class HandoverModel(DossiersDbContext db, IWorkflowEngine engine, UnitOfWork unitOfWork, DisplayNames names, IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>The value of <see cref="To"/> that puts the steps back in their queues.</summary>
    public const string BackToQueue = "";

    /// <summary>The officers of the units the leader leads, with how many steps each holds there.</summary>
    public IReadOnlyList<(string UserName, string FullName, int Held)> Officers { get; private set; } = [];

    [BindProperty]
    public string? From { get; set; }

    [BindProperty]
    public string? To { get; set; }

    public string? Done { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (From is null || Officers.All(o => o.UserName != From))
        {
            ModelState.AddModelError(nameof(From), text["Handover.Error.ChooseOfficer"]);
            return Page();
        }

        if (To == From)
        {
            ModelState.AddModelError(nameof(To), text["Handover.Error.SameOfficer"]);
            return Page();
        }

        var steps = await HeldAsync(From, cancellationToken);
        var actor = User.Identity!.Name!;
        foreach (var step in steps)
        {
            if (string.IsNullOrEmpty(To))
            {
                await engine.UnclaimWorkItemAsync(step.Id, actor, cancellationToken);
            }
            else if (await db.Set<Officer>().InQueue(step.CandidateRole!, step.CandidateUnit!).AnyAsync(o => o.UserName == To, cancellationToken))
            {
                await engine.AssignWorkItemAsync(step.Id, To, actor, cancellationToken);
            }
            else
            {
                await unitOfWork.RollBackAsync();
                ModelState.AddModelError(nameof(To), text["Tasks.Error.NotInQueue", To, await names.StepAsync(step, cancellationToken)]);
                return Page();
            }
        }

        var from = Officers.First(o => o.UserName == From).FullName;
        Done = string.IsNullOrEmpty(To)
            ? text.Count("Handover.DoneToQueue", steps.Count, from)
            : text.Count("Handover.Done", steps.Count, from, await db.Set<Officer>().Where(o => o.UserName == To).Select(o => o.FullName).FirstOrDefaultAsync(cancellationToken) ?? To);
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>The steps <paramref name="officer"/> holds in the units the leader leads.</summary>
    private async Task<List<WorkItem>> HeldAsync(string officer, CancellationToken cancellationToken)
    {
        var led = LedUnits();
        return [.. (await engine.QueryWorkItemsAsync(new WorkItemFilter { Assignee = officer, Take = 1000 }, cancellationToken))
            .Where(step => step.CandidateUnit is { } unit && led.Contains(unit) && step.CandidateRole is not null)];
    }

    private HashSet<string> LedUnits() => [.. User.UnitRoles().Where(r => r.Role == Roles.Leader).Select(r => r.UnitCode)];

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var led = LedUnits();
        var officers = await db.Set<Officer>().AsNoTracking()
            .Where(o => o.IsActive && o.Roles.Any(r => led.Contains(r.Unit!.Code)) && o.UserName != User.Identity!.Name)
            .OrderBy(o => o.FullName)
            .Select(o => new { o.UserName, o.FullName })
            .ToListAsync(cancellationToken);
        List<(string, string, int)> rows = [];
        foreach (var officer in officers)
        {
            rows.Add((officer.UserName, officer.FullName, (await HeldAsync(officer.UserName, cancellationToken)).Count));
        }

        Officers = rows;
    }
}
