using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.OfficerUi.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.OfficerUi.Pages.Account;

/// <summary>
/// Signs the officer out (a POST from the menu, so another site cannot sign an officer out with a link). A session begun
/// at the OpenID provider ends there too (RP-initiated logout), and the provider sends the officer back to the sign-in
/// page; when the provider cannot be reached, the session here ends all the same.
/// </summary>
[AllowAnonymous]
public sealed class SignOutModel(OfficerAudit audit, IOptions<SingleSignOnOptions> singleSignOn, ILogger<SignOutModel> logger) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Account/SignIn");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            audit.Record(AuditActions.SignedOut);
        }

        var properties = new AuthenticationProperties { RedirectUri = "/Account/SignIn" };
        if (User.SingleSignOnLink() is not null && singleSignOn.Value.IsEnabled && await SingleSignOn.IsReachableAsync(HttpContext, logger))
        {
            // The provider's handler reads the identity token from the session's cookie before that is removed.
            return SignOut(properties, CookieAuthenticationDefaults.AuthenticationScheme, SingleSignOn.Scheme);
        }

        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return RedirectToPage("/Account/SignIn");
    }
}
