using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Dossiers.WorkflowDesign;
using DossierWorkflow.Engine;
using DossierWorkflow.OfficerUi.Authentication;
using DossierWorkflow.OfficerUi.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.OfficerUi.Pages.Dossiers;

/// <summary>
/// An administrator moves a dossier's step by hand, for what the procedure did not foresee: repeat a step or skip one.
/// The step it is at is cancelled and it starts again at the chosen one; the dossier's journal and the audit journal
/// keep who, when and why.
/// </summary>
[Authorize(Policy = Policies.InstallationAdministrator)]
public sealed class MoveStepModel(
    DossiersDbContext db,
    DossierAccess access,
    IWorkflowEngine engine,
    WorkflowMigrations migrations,
    OfficerAudit audit,
    IStringLocalizer<SharedResource> text) : PageModel
{
    public Dossier Dossier { get; private set; } = null!;

    /// <summary>The steps the dossier is at now, by id with their names.</summary>
    public IReadOnlyList<MigrationTarget> Current { get; private set; } = [];

    public IReadOnlyList<MigrationTarget> Targets { get; private set; } = [];

    [BindProperty]
    public string? From { get; set; }

    [BindProperty]
    public string? To { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken) =>
        await LoadAsync(code, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(code, cancellationToken))
        {
            return NotFound();
        }

        var refusal = await migrations.MoveStepAsync(Dossier.Code, From ?? "", To ?? "", User.Identity!.Name!, Reason ?? "", cancellationToken);
        if (refusal is not null)
        {
            Error = text.Problem($"Workflows.Error.{refusal.Code}", refusal.Arguments);
            ModelState.AddModelError("", Error);
            return Page();
        }

        var target = Targets.First(t => t.ElementId == To).Name;
        audit.Record(AuditActions.StepMoved, subject: $"{From} → {To}", dossierCode: Dossier.Code, unitCode: Dossier.ReceivingUnit, after: new { Reason = Reason!.Trim() });
        TempData["Message"] = text["MoveStep.Done", target].Value;
        return RedirectToPage("/Dossiers/Details", new { code = Dossier.Code });
    }

    private async Task<bool> LoadAsync(string code, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(User, db.Set<Dossier>().AsNoTracking(), code, cancellationToken) is not { WorkflowInstanceId: { } instanceId } dossier)
        {
            return false;
        }

        var position = await engine.GetPositionAsync(instanceId, cancellationToken);
        if (position.Status != InstanceStatus.Running)
        {
            return false;
        }

        var definition = await engine.GetDefinitionAsync(position.DefinitionKey, position.DefinitionVersion, cancellationToken);
        Dossier = dossier;
        Current = [.. position.ActiveElementIds.Distinct().Select(id => new MigrationTarget(id, definition.Nodes.TryGetValue(id, out var node) ? node.DisplayName : id))];
        Targets = [.. WorkflowMigrations.Targets(definition)];
        From ??= Current.FirstOrDefault()?.ElementId;
        return true;
    }
}
