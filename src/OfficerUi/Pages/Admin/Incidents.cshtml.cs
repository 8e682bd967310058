using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.OfficerUi.Authentication;
using DossierWorkflow.OfficerUi.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.OfficerUi.Pages.Admin;

/// <summary>
/// The engine's open incidents — a service step that failed (a form not issued), a notification not delivered, a
/// gateway no condition of which held — each with its dossier, and the two ways out the engine offers: retry the step
/// (after the cause was mended), or declare it resolved by hand with a comment. An administrator sees the incidents of
/// the dossiers of the units they administer; one of the whole installation sees all.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class IncidentsModel(
    IWorkflowEngine engine,
    DossiersDbContext db,
    OrganisationUnits organisation,
    OfficerAudit audit,
    UnitOfWork unitOfWork,
    CurrentWorkingCalendar calendar,
    IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>At most this many open incidents are read (there should be few; more says something is broken).</summary>
    public const int Listed = 500;

    [BindProperty]
    public string? Comment { get; set; }

    public IReadOnlyList<IncidentRow> Incidents { get; private set; } = [];

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public string Local(DateTimeOffset instant) => calendar.Calendar.ToLocal(instant).ToString("HH:mm dd/MM/yyyy");

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, AuditActions.IncidentRetried, incident => engine.RetryIncidentAsync(incident.Id, actor: User.Identity!.Name, cancellationToken: cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostResolveAsync(Guid id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Comment))
        {
            ModelState.AddModelError($"Comment-{id}", text["Incidents.Error.Comment"]);
        }

        return ActAsync(id, AuditActions.IncidentResolved, incident => engine.ResolveIncidentAsync(incident.Id, Comment!.Trim(), User.Identity!.Name, cancellationToken), cancellationToken);
    }

    /// <summary>One action on an incident the administrator may see; its refusal is said on the page, nothing is kept.</summary>
    private async Task<IActionResult> ActAsync(Guid id, string action, Func<IncidentRow, Task> act, CancellationToken cancellationToken)
    {
        var incident = (await VisibleAsync(cancellationToken)).FirstOrDefault(i => i.Id == id);
        if (incident is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            try
            {
                await act(incident);
                audit.Record(action, subject: $"{incident.ElementId}: {incident.Message}", dossierCode: incident.DossierCode, unitCode: incident.UnitCode,
                    after: action == AuditActions.IncidentResolved ? new { Comment = Comment!.Trim() } : null);
                Message = text[action == AuditActions.IncidentResolved ? "Incidents.Resolved" : "Incidents.Retried", incident.DossierCode ?? incident.ElementId];
            }
            catch (WorkflowException e)
            {
                await unitOfWork.RollBackAsync();
                Error = text[$"WorkflowError.{e.Code}"] is { ResourceNotFound: false } message ? message : text["WorkflowError.other", e.Code];
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) => Incidents = await VisibleAsync(cancellationToken);

    /// <summary>The open incidents, oldest first, with their dossiers, of the units this administrator administers.</summary>
    private async Task<List<IncidentRow>> VisibleAsync(CancellationToken cancellationToken)
    {
        var scope = await AdministratorScope.OfAsync(User, organisation, db, cancellationToken);
        var incidents = await engine.QueryIncidentsAsync(new IncidentFilter { Status = IncidentStatus.Open, Take = Listed }, cancellationToken);
        var instances = incidents.Select(i => (Guid?)i.InstanceId).Distinct().ToList();
        var dossiers = await db.Set<Dossier>().AsNoTracking()
            .Where(d => instances.Contains(d.WorkflowInstanceId))
            .Select(d => new { d.WorkflowInstanceId, d.Code, d.ReceivingUnit })
            .ToDictionaryAsync(d => d.WorkflowInstanceId!.Value, cancellationToken);
        return [.. incidents
            .Select(i => dossiers.TryGetValue(i.InstanceId, out var d)
                ? new IncidentRow(i.Id, i.Kind, i.ElementId, i.Message, i.Attempts, i.CreatedAt, i.NextRetryAt, d.Code, d.ReceivingUnit)
                : new IncidentRow(i.Id, i.Kind, i.ElementId, i.Message, i.Attempts, i.CreatedAt, i.NextRetryAt, null, null))
            .Where(i => scope.Everything || scope.Covers(i.UnitCode))
            .OrderBy(i => i.CreatedAt)];
    }

    public sealed record IncidentRow(
        Guid Id,
        IncidentKind Kind,
        string ElementId,
        string Message,
        int Attempts,
        DateTimeOffset CreatedAt,
        DateTimeOffset? NextRetryAt,
        string? DossierCode,
        string? UnitCode);
}
