using DossierWorkflow.Portal.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DossierWorkflow.Portal.Pages.Account;

/// <summary>Ends the citizen's session (a POST with its antiforgery token, from the layout's menu).</summary>
public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(CitizenAuthentication.Scheme);
        return Redirect("/");
    }
}
