using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.OfficerUi.Authentication;
using DossierWorkflow.OfficerUi.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.OfficerUi.Pages.Dossiers;

/// <summary>
/// The apology and extension of a late dossier (form 04): a specialist of the receiving unit proposes the working days
/// and the reason; a leader of the unit approves (a new appointment, form 04 signed by the leader) or rejects it.
/// </summary>
public sealed class ExtensionModel(
    DossiersDbContext db,
    DossierAccess access,
    DossierExtensions extensions,
    CurrentWorkingCalendar calendar,
    IStringLocalizer<SharedResource> text) : PageModel
{
    public Dossier Dossier { get; private set; } = null!;

    public DossierExtension? Pending => Dossier.Extensions.FirstOrDefault(e => e.Status == ExtensionStatus.Proposed);

    [BindProperty]
    public int WorkingDays { get; set; } = 1;

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    public bool MayPropose => User.UnitRoles().Contains((Roles.Specialist, Dossier.ReceivingUnit)) || MayDecide;

    public bool MayDecide => User.UnitRoles().Contains((Roles.Leader, Dossier.ReceivingUnit));

    public DateOnly LatestDay => extensions.LatestDay(Dossier);

    public string Local(DateTimeOffset instant) => calendar.Calendar.ToLocal(instant).ToString("HH:mm dd/MM/yyyy");

    /// <summary>The appointment <paramref name="days"/> working days of extension would give.</summary>
    public string Extended(int days) => Local(extensions.ExtendedAppointment(Dossier, days));

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken) =>
        await LoadAsync(code, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostProposeAsync(string code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!MayPropose)
        {
            return Forbid();
        }

        return Result(await extensions.ProposeAsync(Dossier, new ExtensionProposal(WorkingDays, Reason, User.Identity!.Name!), cancellationToken));
    }

    public Task<IActionResult> OnPostApproveAsync(string code, CancellationToken cancellationToken) => DecideAsync(code, approve: true, cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(string code, CancellationToken cancellationToken) => DecideAsync(code, approve: false, cancellationToken);

    private async Task<IActionResult> DecideAsync(string code, bool approve, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!MayDecide)
        {
            return Forbid();
        }

        var officer = User.Identity!.Name!;
        return Result(await extensions.DecideAsync(Dossier, new ExtensionDecision(approve, Comment, officer, User.FullNameOf() ?? officer), cancellationToken));
    }

    private IActionResult Result(IReadOnlyList<DossierProblem> problems)
    {
        foreach (var problem in problems)
        {
            ModelState.AddModelError(problem.Field is nameof(Reason) or nameof(WorkingDays) or nameof(Comment) ? problem.Field : string.Empty, text.Problem($"Extension.Error.{problem.Code}", problem.Arguments));
        }

        return ModelState.IsValid ? RedirectToPage("Details", new { code = Dossier.Code }) : Page();
    }

    private async Task<IActionResult?> LoadAsync(string code, CancellationToken cancellationToken)
    {
        var dossier = await access.FindAsync(User, db.Set<Dossier>().Include(d => d.Appointments).Include(d => d.Extensions).AsSplitQuery(), code, cancellationToken);
        if (dossier is null)
        {
            return NotFound();
        }

        Dossier = dossier;
        return dossier.AppointmentAt is null ? RedirectToPage("Details", new { code }) : null;
    }
}
