using DossierWorkflow.Dossiers.Citizens;
using DossierWorkflow.Dossiers.Persistence;
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
/// Confirms a new account with the one-time code sent to its address or number (<c>?t=</c> names the account, see
/// <see cref="ConfirmationTokens"/>), then signs the citizen in; a new code may be asked for.
/// </summary>
[OwnTransactions]
[EnableRateLimiting(PortalRateLimits.Accounts)]
public sealed class ConfirmModel(CitizenAccounts accounts, ConfirmationTokens tokens, DossiersDbContext db, IStringLocalizer<Localization.PortalText> text) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "t")]
    public string? Token { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    /// <summary>Where the code went, partly hidden.</summary>
    public string Destination { get; private set; } = "";

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await AccountAsync(cancellationToken) is null ? Expired() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await AccountAsync(cancellationToken) is not { } account)
        {
            return Expired();
        }

        if (await accounts.ConfirmAsync(account.Id, Code, cancellationToken) is { } problem)
        {
            ModelState.AddModelError(nameof(Code), text[$"Problem.Code.{problem}"]);
            return Page();
        }

        await HttpContext.SignInAsync(CitizenAuthentication.Scheme, CitizenAuthentication.Principal(account));
        return LocalRedirect(RegisterModel.LocalUrl(ReturnUrl) ?? "/tai-khoan");
    }

    public async Task<IActionResult> OnPostResendAsync(CancellationToken cancellationToken)
    {
        if (await AccountAsync(cancellationToken) is not { } account)
        {
            return Expired();
        }

        if (await accounts.ResendConfirmationAsync(account.Id, cancellationToken) is { } problem)
        {
            ModelState.AddModelError(nameof(Code), text[$"Problem.Code.{problem}"]);
        }
        else
        {
            Message = text["Account.Confirm.Resent"];
        }

        return Page();
    }

    private async Task<CitizenAccount?> AccountAsync(CancellationToken cancellationToken)
    {
        var token = tokens.Read(Token);
        var account = token is { } read ? await db.Set<CitizenAccount>().FindAsync([read.AccountId], cancellationToken) : null;
        if (account is { ConfirmedAt: null } && account.SecurityStamp == token!.Value.Stamp)
        {
            Destination = Hide(account.SignInName);
            return account;
        }

        return null;
    }

    private RedirectResult Expired() => Redirect("/tai-khoan/dang-nhap?hetHan=1");

    /// <summary>"an.nguyen@example.vn" → "an***@example.vn", "0912345678" → "091****678".</summary>
    private static string Hide(string destination) =>
        destination.IndexOf('@', StringComparison.Ordinal) is var at and > 0
            ? destination[..Math.Min(2, at)] + "***" + destination[at..]
            : destination.Length > 6 ? destination[..3] + new string('*', destination.Length - 6) + destination[^3..] : destination;
}
