using DossierWorkflow.Dossiers.Citizens;
using DossierWorkflow.Portal.Authentication;
using DossierWorkflow.Portal.Hosting;
using DossierWorkflow.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.Portal.Pages.Account;

/// <summary>
/// Sign-in with the e-mail address or mobile number and the password; five wrong passwords lock the name typed for 15
/// minutes. An account never confirmed is sent a new code and led to confirm it.
/// </summary>
[OwnTransactions]
[EnableRateLimiting(PortalRateLimits.Accounts)]
public sealed class SignInModel(CitizenAccounts accounts, ConfirmationTokens tokens, Dossiers.Calendar.CurrentWorkingCalendar calendar, IStringLocalizer<Localization.PortalText> text) : PageModel
{
    [BindProperty]
    public string? Identifier { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>A confirmation or reset link that expired led here (<c>?hetHan=1</c>); or the password was just reset.</summary>
    public string? Message { get; private set; }

    public void OnGet([FromQuery(Name = "hetHan")] bool expired, [FromQuery(Name = "datLai")] bool reset, [FromQuery(Name = "ngoai")] string? external) =>
        Message = expired ? text["Account.SignIn.Expired"].Value
            : reset ? text["Account.SignIn.PasswordReset"].Value
            : external is not null ? text["Account.SignIn.ExternalFailed"].Value
            : null;

    /// <summary>Sign-in at the national identity provider: off to it, and back to where the citizen was going.</summary>
    public IActionResult OnPostExternal() =>
        Challenge(new Microsoft.AspNetCore.Authentication.AuthenticationProperties { RedirectUri = RegisterModel.LocalUrl(ReturnUrl) ?? "/tai-khoan" }, CitizenSingleSignOn.Scheme);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await accounts.SignInAsync(Identifier, Password, cancellationToken);
        switch (result.Status)
        {
            case CitizenSignInStatus.Succeeded:
                await HttpContext.SignInAsync(CitizenAuthentication.Scheme, CitizenAuthentication.Principal(result.Account!));
                return LocalRedirect(RegisterModel.LocalUrl(ReturnUrl) ?? "/tai-khoan");
            case CitizenSignInStatus.Unconfirmed:
                await accounts.ResendConfirmationAsync(result.Account!.Id, cancellationToken);
                return Redirect($"/tai-khoan/xac-nhan?t={Uri.EscapeDataString(tokens.For(result.Account))}{RegisterModel.ReturnQuery(ReturnUrl)}");
            case CitizenSignInStatus.LockedOut:
                ModelState.AddModelError(string.Empty, text["Problem.SignIn.LockedOut", calendar.Calendar.ToLocal(result.LockedOutUntil!.Value).ToString("HH:mm")]);
                return Page();
            default:
                ModelState.AddModelError(string.Empty, text["Problem.SignIn.Failed"]);
                return Page();
        }
    }
}
