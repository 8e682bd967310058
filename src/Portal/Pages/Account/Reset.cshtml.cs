using DossierWorkflow.Dossiers.Citizens;
using DossierWorkflow.Portal.Hosting;
using DossierWorkflow.Portal.Localization;
using DossierWorkflow.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.Portal.Pages.Account;

/// <summary>Chooses a new password with the reset code sent; the account's other sessions end.</summary>
[OwnTransactions]
[EnableRateLimiting(PortalRateLimits.Accounts)]
public sealed class ResetModel(CitizenAccounts accounts, IStringLocalizer<PortalText> text) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "ten")]
    public string? Identifier { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Password != ConfirmPassword)
        {
            ModelState.AddModelError(nameof(ConfirmPassword), text["Problem.PasswordMismatch"]);
            return Page();
        }

        var problems = await accounts.ResetPasswordAsync(Identifier, Code, Password, cancellationToken);
        if (problems.Count > 0)
        {
            ModelState.AddProblems(problems, text, prefix: "");
            return Page();
        }

        return Redirect("/tai-khoan/dang-nhap?datLai=1");
    }
}
