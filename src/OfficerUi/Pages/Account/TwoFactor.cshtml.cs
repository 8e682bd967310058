using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.OfficerUi.Authentication;
using DossierWorkflow.OfficerUi.Hosting;
using DossierWorkflow.OfficerUi.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using DossierWorkflow.Web.Hosting;

namespace DossierWorkflow.OfficerUi.Pages.Account;

/// <summary>
/// The second step of a sign-in for an officer with two-factor sign-in: a code of their authenticator app, or one of
/// their recovery codes. Five wrong codes lock the second step for 15 minutes; every refusal is in the audit journal.
/// </summary>
[AllowAnonymous]
[OwnTransactions]
public sealed class TwoFactorModel(
    OfficerTwoFactorSignIn twoFactor,
    SignInSteps steps,
    OfficerAudit audit,
    DossiersDbContext db,
    CurrentWorkingCalendar calendar,
    IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await SignInSteps.PendingAsync(HttpContext) is { Step: PendingStep.Code } ? Page() : RedirectToPage("SignIn");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await SignInSteps.PendingAsync(HttpContext) is not { Step: PendingStep.Code } pending)
        {
            return RedirectToPage("SignIn");
        }

        if (string.IsNullOrWhiteSpace(Code))
        {
            ModelState.AddModelError(nameof(Code), text["TwoFactor.Error.Required"]);
            return Page();
        }

        var check = await twoFactor.VerifyAsync(pending.OfficerId, Code, cancellationToken);
        if (check.Status == TwoFactorStatus.Succeeded)
        {
            return await steps.CompleteAsync(HttpContext, pending, check.UsedRecoveryCode ? "recovery-code" : "authenticator", cancellationToken)
                ? LocalRedirect(pending.ReturnUrl)
                : RedirectToPage("SignIn");
        }

        audit.Record(AuditActions.SignInFailed, subject: check.Status == TwoFactorStatus.LockedOut ? "TwoFactorLockedOut" : "TwoFactorFailed", actor: pending.UserName);
        await db.SaveChangesAsync(cancellationToken);
        ModelState.AddModelError(nameof(Code), check.LockedOutUntil is { } until
            ? text["SignIn.LockedOut", calendar.Calendar.ToLocal(until).ToString("HH:mm")]
            : text["TwoFactor.Error.Wrong"]);
        Code = null;
        return Page();
    }
}
