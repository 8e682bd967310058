using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.OfficerUi.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DossierWorkflow.OfficerUi.Pages.Account;

/// <summary>Signs the officer out (a POST from the menu, so another site cannot sign an officer out with a link).</summary>
[AllowAnonymous]
public sealed class SignOutModel(OfficerAudit audit) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            audit.Record(AuditActions.SignedOut);
        }

        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return RedirectToPage("/Account/SignIn");
    }
}
