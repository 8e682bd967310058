using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.OfficerUi.Authentication;
using DossierWorkflow.OfficerUi.Hosting;
using DossierWorkflow.OfficerUi.Localization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using DossierWorkflow.Web.Hosting;

namespace DossierWorkflow.OfficerUi.Pages.Account;

/// <summary>
/// A new password: chosen by a signed-in officer (with their current one), or required after signing in with a one-time
/// password an administrator gave — that sign-in waits here (<see cref="SignInSteps"/>) and goes on once it is chosen.
/// </summary>
[AllowAnonymous]
[OwnTransactions]
public sealed class ChangePasswordModel(
    DossiersDbContext db,
    OfficerPasswords passwords,
    SignInSteps steps,
    OfficerAudit audit,
    IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    /// <summary>Whether a one-time password's sign-in waits for this (no current password is asked then).</summary>
    public bool DuringSignIn { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return Page();
        }

        DuringSignIn = await SignInSteps.PendingAsync(HttpContext) is { Step: PendingStep.ChangePassword };
        return DuringSignIn ? Page() : RedirectToPage("SignIn");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var signedIn = User.Identity?.IsAuthenticated == true;
        var pending = signedIn ? null : await SignInSteps.PendingAsync(HttpContext);
        if (!signedIn && pending is not { Step: PendingStep.ChangePassword })
        {
            return RedirectToPage("SignIn");
        }

        DuringSignIn = pending is not null;
        var officerId = signedIn ? User.OfficerId() : pending!.OfficerId;
        var officer = await db.Set<Officer>().WithRolesAndUnits().FirstOrDefaultAsync(o => o.Id == officerId && o.IsActive, cancellationToken);
        if (officer is null)
        {
            return RedirectToPage("SignIn");
        }

        if (signedIn && (await passwords.VerifyAsync(officer.UserName, CurrentPassword ?? "", cancellationToken)).Status != PasswordSignInStatus.Succeeded)
        {
            ModelState.AddModelError(nameof(CurrentPassword), text["ChangePassword.Error.Current"]);
        }

        switch (OfficerPasswords.Check(officer.UserName, NewPassword))
        {
            case PasswordProblem.TooShort:
                ModelState.AddModelError(nameof(NewPassword), text["ChangePassword.Error.TooShort", OfficerPasswords.MinimumLength]);
                break;
            case PasswordProblem.SameAsUserName:
                ModelState.AddModelError(nameof(NewPassword), text["ChangePassword.Error.SameAsUserName"]);
                break;
            case null when NewPassword != ConfirmPassword:
                ModelState.AddModelError(nameof(ConfirmPassword), text["ChangePassword.Error.Confirm"]);
                break;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await passwords.SetAsync(officer, NewPassword!, cancellationToken);
        audit.Record(AuditActions.PasswordChanged, subject: officer.UserName, actor: officer.UserName);
        await db.SaveChangesAsync(cancellationToken);
        if (pending is not null)
        {
            await HttpContext.SignOutAsync(SignInSteps.PendingScheme);
            var stamp = await db.Set<OfficerCredential>().Where(c => c.OfficerId == officer.Id).Select(c => c.SecurityStamp).FirstAsync(cancellationToken);
            return LocalRedirect(await steps.AfterPasswordAsync(HttpContext, officer, stamp, pending.ReturnUrl, cancellationToken));
        }

        await steps.RenewAsync(HttpContext, User.SignedInWithTwoFactor(), cancellationToken);
        Message = text["ChangePassword.Done"];
        return Page();
    }
}
