using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.OfficerUi.Authentication;
using DossierWorkflow.OfficerUi.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.OfficerUi.Pages.Admin;

/// <summary>
/// One unit: rename it, change its kind or agency code, move it under another administered unit, deactivate it (not
/// while dossiers it received are running or a unit below it is active) or reactivate it. Its code never changes.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class UnitModel(
    DossiersDbContext db,
    OrganisationUnits organisation,
    UnitChanges changes,
    OfficerAudit audit,
    IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public UnitInput Input { get; set; } = new();

    public Unit Unit { get; private set; } = null!;

    /// <summary>The units it may be moved under (administered, not itself or below it).</summary>
    public IReadOnlyList<(Unit Unit, int Depth)> Parents { get; private set; } = [];

    public bool MayBeTopLevel { get; private set; }

    /// <summary>How many of the dossiers it received are still running.</summary>
    public int RunningDossiers { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } missing)
        {
            return missing;
        }

        Input = UnitInput.Of(Unit, ParentCode);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } missing)
        {
            return missing;
        }

        var scope = await AdministratorScope.OfAsync(User, organisation, db, cancellationToken);
        if (!scope.MayPlaceUnder(Input.ParentCode))
        {
            ModelState.AddModelError("Input.ParentCode", text["Units.Error.ParentNotYours"]);
            return Page();
        }

        var before = UnitInput.Snapshot(Unit, ParentCode);
        var problems = await changes.UpdateAsync(Unit, Input.Draft() with { Code = Unit.Code }, cancellationToken);
        UnitInput.Report(problems, ModelState, text);
        if (problems.Count == 0)
        {
            audit.Record(AuditActions.UnitChanged, subject: Unit.Code, unitCode: Unit.Code, before: before, after: UnitInput.Snapshot(Unit, Input.ParentCode?.Trim().ToUpperInvariant() is { Length: > 0 } p ? p : null));
            Message = text["Units.Saved"];
            await LoadAsync(code, cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostDeactivateAsync(string code, CancellationToken cancellationToken) =>
        await SwitchAsync(code, activate: false, cancellationToken);

    public async Task<IActionResult> OnPostReactivateAsync(string code, CancellationToken cancellationToken) =>
        await SwitchAsync(code, activate: true, cancellationToken);

    private async Task<IActionResult> SwitchAsync(string code, bool activate, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } missing)
        {
            return missing;
        }

        // The edit form's fields are bound on every post: this action does not read them.
        ModelState.Clear();
        Input = UnitInput.Of(Unit, ParentCode);
        IReadOnlyList<DossierProblem> problems = [];
        if (activate)
        {
            await changes.ReactivateAsync(Unit, cancellationToken);
        }
        else
        {
            problems = await changes.DeactivateAsync(Unit, cancellationToken);
            UnitInput.Report(problems, ModelState, text);
        }

        if (problems.Count == 0)
        {
            audit.Record(activate ? AuditActions.UnitReactivated : AuditActions.UnitDeactivated, subject: Unit.Code, unitCode: Unit.Code);
            Message = text[activate ? "Units.Reactivated" : "Units.Deactivated"];
        }

        return Page();
    }

    private string? ParentCode { get; set; }

    /// <summary>The unit, when the administrator administers it (404 otherwise), and what the page offers.</summary>
    private async Task<IActionResult?> LoadAsync(string code, CancellationToken cancellationToken)
    {
        var scope = await AdministratorScope.OfAsync(User, organisation, db, cancellationToken);
        var unit = await db.Set<Unit>().FirstOrDefaultAsync(u => u.Code == code, cancellationToken);
        if (unit is null || !scope.Covers(unit.Code))
        {
            return NotFound();
        }

        Unit = unit;
        var units = await organisation.GetAsync(db, cancellationToken);
        ParentCode = units.FirstOrDefault(u => u.Id == unit.ParentId)?.Code;
        MayBeTopLevel = scope.Everything;
        var below = UnitTree.Within(units, [unit.Code]);
        Parents = [.. scope.Tree(units).Where(t => !below.Contains(t.Unit.Code))];
        RunningDossiers = await db.Set<Dossier>().CountAsync(d => d.ReceivingUnit == unit.Code && DossierStatusRules.Running.Contains(d.Status), cancellationToken);
        return null;
    }
}
