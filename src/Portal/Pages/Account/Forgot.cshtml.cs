using DossierWorkflow.Dossiers.Citizens;
using DossierWorkflow.Portal.Hosting;
using DossierWorkflow.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.Portal.Pages.Account;

/// <summary>
/// Asks for a password-reset code: sent to the address or number when an account signs in with it — the answer is the
/// same either way, so the page never tells who has an account.
/// </summary>
[OwnTransactions]
[EnableRateLimiting(PortalRateLimits.Accounts)]
public sealed class ForgotModel(CitizenAccounts accounts, IStringLocalizer<Localization.PortalText> text) : PageModel
{
    [BindProperty]
    public string? Identifier { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (CitizenAccounts.Identifier(Identifier) is not { } name)
        {
            ModelState.AddModelError(nameof(Identifier), text[string.IsNullOrWhiteSpace(Identifier) ? "Problem.Required" : "Problem.Identifier"]);
            return Page();
        }

        await accounts.RequestPasswordResetAsync(name, cancellationToken);
        return Redirect($"/tai-khoan/dat-lai-mat-khau?ten={Uri.EscapeDataString(name)}");
    }
}
