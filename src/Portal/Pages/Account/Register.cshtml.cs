using System.Globalization;
using DossierWorkflow.Dossiers.Citizens;
using DossierWorkflow.Portal.Authentication;
using DossierWorkflow.Portal.Hosting;
using DossierWorkflow.Portal.Localization;
using DossierWorkflow.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.Portal.Pages.Account;

/// <summary>Registers an account with an e-mail address or a mobile number and a password; a one-time code confirms it.</summary>
[OwnTransactions]
[EnableRateLimiting(PortalRateLimits.Accounts)]
public sealed class RegisterModel(CitizenAccounts accounts, ConfirmationTokens tokens, IStringLocalizer<PortalText> text) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Input.Password != Input.ConfirmPassword)
        {
            ModelState.AddModelError("Input.ConfirmPassword", text["Problem.PasswordMismatch"]);
            return Page();
        }

        var registration = await accounts.RegisterAsync(Input.Identifier, Input.FullName, Input.Password, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, cancellationToken);
        if (registration.Problems.Count > 0)
        {
            // The code could not be sent: said above the form (the account waits; registering again replaces it).
            ModelState.AddProblems(registration.Problems.Where(p => p.Field != "Code"), text);
            ModelState.AddProblems(registration.Problems.Where(p => p.Field == "Code").Select(p => p with { Field = "" }), text);
            return Page();
        }

        return Redirect($"/tai-khoan/xac-nhan?t={Uri.EscapeDataString(tokens.For(registration.Account!))}{ReturnQuery(ReturnUrl)}");
    }

    internal static string ReturnQuery(string? returnUrl) => LocalUrl(returnUrl) is { } local ? $"&returnUrl={Uri.EscapeDataString(local)}" : "";

    /// <summary>
    /// A return address within the portal, or null: a path from the root, not <c>//host</c> or <c>/\host</c>, and without
    /// control characters (browsers drop a tab, turning <c>/&lt;tab&gt;/host</c> into <c>//host</c>).
    /// </summary>
    internal static string? LocalUrl(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl) ? url : null;
}

public sealed class RegisterInput
{
    public string? Identifier { get; set; }

    public string? FullName { get; set; }

    public string? Password { get; set; }

    public string? ConfirmPassword { get; set; }
}
