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
using DossierWorkflow.Web.Hosting;

namespace DossierWorkflow.OfficerUi.Pages.Account;

/// <summary>
/// An officer signs in with user name and password — five wrong passwords lock the name for 15 minutes, whether an officer
/// has it or not (the answers never tell which names exist) — or at the province's OpenID provider, whichever of the two
/// the installation offers. Every sign-in and every refusal goes into the audit journal.
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
    Microsoft.Extensions.Options.IOptions<OfficerSignInOptions> signInOptions,
    Microsoft.Extensions.Options.IOptions<SingleSignOnOptions> singleSignOn,
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

    /// <summary>Whether the user name and password form is offered.</summary>
    public bool LocalAccounts => signInOptions.Value.LocalAccounts;

    /// <summary>Whether signing in at the province's OpenID provider is offered.</summary>
    public bool SingleSignOnEnabled => singleSignOn.Value.IsEnabled;

    /// <summary>The provider's name on its button, when the configuration gives one.</summary>
    public string? ProviderName => singleSignOn.Value.DisplayName;

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!LocalAccounts)
        {
            ModelState.Clear();
            ModelState.AddModelError("", text["SignIn.LocalAccountsOff"]);
            Password = "";
            return Page();
        }

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

    /// <summary>Off to the OpenID provider; back at the return address once it has vouched for an officer.</summary>
    public async Task<IActionResult> OnPostSingleSignOnAsync()
    {
        ModelState.Clear();
        if (!SingleSignOnEnabled)
        {
            return NotFound();
        }

        if (!await SingleSignOn.IsReachableAsync(HttpContext, logger))
        {
            return Redirect($"{SingleSignOn.RefusedPage}?reason={SingleSignOnRefusal.ProviderUnavailable}");
        }

        return Challenge(new Microsoft.AspNetCore.Authentication.AuthenticationProperties { RedirectUri = SafeReturnUrl }, SingleSignOn.Scheme);
    }

    private string SafeReturnUrl => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
