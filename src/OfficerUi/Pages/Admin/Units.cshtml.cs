using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.OfficerUi.Authentication;
using DossierWorkflow.OfficerUi.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.OfficerUi.Pages.Admin;

/// <summary>
/// The unit tree an administrator administers (the province, its communes and departments, historic districts), and a
/// new unit under one of them. Each unit opens its own page to be renamed, moved or deactivated.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class UnitsModel(
    DossiersDbContext db,
    OrganisationUnits organisation,
    UnitChanges changes,
    OfficerAudit audit,
    IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public UnitInput Input { get; set; } = new();

    /// <summary>The administered units in tree order, each with its depth.</summary>
    public IReadOnlyList<(Unit Unit, int Depth)> Tree { get; private set; } = [];

    /// <summary>Whether the administrator may add a unit at the top of the tree.</summary>
    public bool MayAddTopLevel { get; private set; }

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var scope = await AdministratorScope.OfAsync(User, organisation, db, cancellationToken);
        if (!scope.MayPlaceUnder(Input.ParentCode))
        {
            ModelState.AddModelError("Input.ParentCode", text["Units.Error.ParentNotYours"]);
        }
        else
        {
            var (unit, problems) = await changes.AddAsync(Input.Draft(), cancellationToken);
            UnitInput.Report(problems, ModelState, text);
            if (unit is not null)
            {
                audit.Record(AuditActions.UnitAdded, subject: unit.Code, unitCode: unit.Code, after: UnitInput.Snapshot(unit, Input.ParentCode));
                Message = text["Units.Added", unit.Code];
                Input = new UnitInput();
                ModelState.Clear();
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var scope = await AdministratorScope.OfAsync(User, organisation, db, cancellationToken);
        MayAddTopLevel = scope.Everything;
        Tree = scope.Tree(await organisation.GetAsync(db, cancellationToken));
    }
}

/// <summary>The unit form (add and edit); the code is read when adding only.</summary>
public sealed class UnitInput
{
    public string? Code { get; set; }

    public string? Name { get; set; }

    public UnitKind Kind { get; set; } = UnitKind.Commune;

    public string? ParentCode { get; set; }

    public string? AgencyCode { get; set; }

    public UnitDraft Draft() => new(Code ?? "", Name ?? "", Kind, ParentCode, AgencyCode);

    public static UnitInput Of(Unit unit, string? parentCode) =>
        new() { Code = unit.Code, Name = unit.Name, Kind = unit.Kind, ParentCode = parentCode, AgencyCode = unit.AgencyCode };

    /// <summary>What the audit journal keeps of a unit.</summary>
    public static object Snapshot(Unit unit, string? parentCode) => new { unit.Name, Kind = unit.Kind.ToString(), Parent = parentCode, unit.AgencyCode, unit.IsActive };

    /// <summary>The domain's refusals on their fields, in the user's language.</summary>
    public static void Report(IEnumerable<DossierProblem> problems, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, IStringLocalizer<SharedResource> text)
    {
        foreach (var problem in problems)
        {
            modelState.AddModelError(problem.Field == "Unit" ? "" : $"Input.{problem.Field}", text.Problem($"Units.Error.{problem.Code}", problem.Arguments));
        }
    }
}
