using System.ComponentModel.DataAnnotations;
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

namespace DossierWorkflow.OfficerUi.Pages.Account;

/// <summary>
/// An officer signs in with user name and password; five wrong passwords lock the name for 15 minutes, whether an officer
/// has it or not (the answers never tell which names exist). Every sign-in and every refusal goes into the audit journal.
/// </summary>
[AllowAnonymous]
[OwnTransactions]
public sealed class SignInModel(
    OfficerPasswords passwords,
    SignInSteps steps,
    OfficerAudit audit,
    DossiersDbContext db,
    CurrentWorkingCalendar calendar,
    IStringLocalizer<SharedResource> text,
    ILogger<SignInModel> logger) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(100, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "SignIn.UserName")]
    public string UserName { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200, ErrorMessage = "Validation.MaxLength")]
    [DataType(DataType.Password)]
    [Display(Name = "SignIn.Password")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await passwords.VerifyAsync(UserName, Password, cancellationToken);
        if (result.Status == PasswordSignInStatus.Succeeded)
        {
            // The session, or first the second factor; the journal records the sign-in when it is complete.
            logger.LogInformation("Officer {UserName} gave the right password", result.Officer!.UserName);
            return LocalRedirect(await steps.AfterPasswordAsync(HttpContext, result.Officer, result.SecurityStamp!, SafeReturnUrl, cancellationToken));
        }

        audit.Record(AuditActions.SignInFailed, subject: result.Status.ToString(), actor: UserName.Trim().ToLowerInvariant());
        await db.SaveChangesAsync(cancellationToken);
        switch (result.Status)
        {
            case PasswordSignInStatus.LockedOut:
                logger.LogWarning("Sign-in refused for {UserName}: locked out until {Until}", UserName, result.LockedOutUntil);
                ModelState.AddModelError("", text["SignIn.LockedOut", calendar.Calendar.ToLocal(result.LockedOutUntil!.Value).ToString("HH:mm")]);
                break;
            case PasswordSignInStatus.Inactive:
                ModelState.AddModelError("", text["SignIn.Inactive"]);
                break;
            default:
                logger.LogInformation("Sign-in failed for {UserName}", UserName);
                ModelState.AddModelError("", text["SignIn.Failed"]);
                break;
        }

        Password = "";
        return Page();
    }

    private string SafeReturnUrl => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
