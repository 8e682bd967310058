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
/// Ending a dossier before its decision, with the stop notice (form 05): the applicant's withdrawal, recorded by the
/// receiving unit's counter or a leader (<c>Withdraw</c>), or the agency's stop, a leader's decision (<c>Stop</c>).
/// One transaction with the workflow and the status.
/// </summary>
public sealed class StopModel(DossiersDbContext db, DossierAccess access, DossierStops stops, CurrentWorkingCalendar calendar, IStringLocalizer<SharedResource> text) : PageModel
{
    public const string Withdraw = "Withdraw";

    public Dossier Dossier { get; private set; } = null!;

    /// <summary><see cref="Withdraw"/>, or <c>Stop</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string Kind { get; set; } = Withdraw;

    [BindProperty]
    public string? Reason { get; set; }

    public bool IsWithdrawal => Kind == Withdraw;

    public string Local(DateTimeOffset instant) => calendar.Calendar.ToLocal(instant).ToString("HH:mm dd/MM/yyyy");

    /// <summary>Who may: a withdrawal, the receiving unit's counter or leader; a stop, its leader.</summary>
    public static bool May(System.Security.Claims.ClaimsPrincipal user, Dossier dossier, bool withdrawal) =>
        user.UnitRoles().Contains((Roles.Leader, dossier.ReceivingUnit))
        || (withdrawal && user.UnitRoles().Contains((Roles.Reception, dossier.ReceivingUnit)));

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken) =>
        await LoadAsync(code, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } refused)
        {
            return refused;
        }

        var officer = User.Identity!.Name!;
        var request = new StopRequest(Reason, officer, User.FullNameOf() ?? officer);
        var problems = IsWithdrawal ? await stops.WithdrawAsync(Dossier, request, cancellationToken) : await stops.StopAsync(Dossier, request, cancellationToken);
        foreach (var problem in problems)
        {
            ModelState.AddModelError(nameof(Reason), text.Problem($"Stop.Error.{problem.Code}", problem.Arguments));
        }

        return ModelState.IsValid ? RedirectToPage("Details", new { code }) : Page();
    }

    private async Task<IActionResult?> LoadAsync(string code, CancellationToken cancellationToken)
    {
        var dossier = await access.FindAsync(User, db.Set<Dossier>(), code, cancellationToken);
        if (dossier is null)
        {
            return NotFound();
        }

        Dossier = dossier;
        return May(User, dossier, IsWithdrawal) ? null : Forbid();
    }
}
