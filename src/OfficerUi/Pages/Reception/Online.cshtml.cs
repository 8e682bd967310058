using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.OfficerUi.Authentication;
using DossierWorkflow.OfficerUi.Localization;
using DossierWorkflow.OfficerUi.Pages.Dossiers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.OfficerUi.Pages.Reception;

/// <summary>
/// A dossier submitted online, opened from the reception queue: the officer reads what was sent, views the scans, and
/// decides — accept (form 01), ask for a supplement (form 02) or refuse (form 03) — in one transaction, as at the counter.
/// </summary>
[Authorize(Roles = Roles.Reception)]
public sealed class OnlineModel(
    DossiersDbContext db,
    DossierReception reception,
    DossierAccess access,
    CurrentWorkingCalendar calendar,
    IStringLocalizer<SharedResource> text) : PageModel
{
    public Dossier Dossier { get; private set; } = null!;

    /// <summary>When the dossier was submitted, in office time.</summary>
    public DateTimeOffset SubmittedAt => calendar.Calendar.ToLocal(Dossier.ReceivedAt);

    [BindProperty]
    public DecisionInput Input { get; set; } = new();

    /// <summary>The receiving unit's departments, when the dossier's procedure consults departments (else empty).</summary>
    public IReadOnlyList<Unit> Departments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken) =>
        await LoadAsync(code, cancellationToken) ?? Dossier.Status switch
        {
            DossierStatus.New => await ViewedAsync(cancellationToken),
            // Back from a supplement request (documents uploaded): decided with what form 02 asked for in view.
            DossierStatus.SupplementRequested => RedirectToPage("Supplement", new { code }),
            _ => RedirectToPage("Received", new { code }),
        };

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (!User.UnitRoles().Contains((Roles.Reception, Dossier.ReceivingUnit)))
        {
            ModelState.AddModelError(string.Empty, text["Reception.Error.NotYourUnit"]);
            return Page();
        }

        var decision = new WaitingDecision(Input.Decision, User.Identity!.Name!, User.FullNameOf() ?? User.Identity.Name!)
        {
            SupplementItems = ReceptionInput.ItemsOf(Input.SupplementItems),
            RefusalReasons = ReceptionInput.ReasonsOf(Input.RefusalReasons),
            ConsultedDepartments = Input.ConsultedDepartments,
        };
        foreach (var problem in await reception.DecideAsync(Dossier, decision, cancellationToken))
        {
            ModelState.AddModelError(ReceptionInput.FieldOf(problem.Field), text.Problem($"Reception.Error.{problem.Code}", problem.Arguments));
        }

        return ModelState.IsValid ? RedirectToPage("Received", new { code }) : Page();
    }

    private async Task<IActionResult> ViewedAsync(CancellationToken cancellationToken)
    {
        await access.RecordViewAsync(Dossier, cancellationToken);
        return Page();
    }

    /// <summary>The dossier (tracked, to be decided on), or the answer when it cannot be shown to this officer.</summary>
    private async Task<IActionResult?> LoadAsync(string code, CancellationToken cancellationToken)
    {
        var dossier = await access.FindAsync(User, db.Set<Dossier>()
            .Include(d => d.Documents).Include(d => d.Files).Include(d => d.Forms).Include(d => d.Appointments)
            .AsSplitQuery(), code, cancellationToken);
        if (dossier is null)
        {
            return NotFound();
        }

        Dossier = dossier;
        if (dossier.ProcedureVersion.ConsultsDepartments)
        {
            Departments = await reception.DepartmentsOfAsync(dossier.ReceivingUnit, cancellationToken);
        }

        return null;
    }

    public sealed class DecisionInput
    {
        public ReceptionDecision Decision { get; set; }

        public List<ReceptionInput.SupplementLine> SupplementItems { get; set; } = [];

        public string? RefusalReasons { get; set; }

        public List<string> ConsultedDepartments { get; set; } = [];
    }
}
