using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.OfficerUi.Authentication;
using DossierWorkflow.OfficerUi.Hosting;
using DossierWorkflow.OfficerUi.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using DossierWorkflow.Web.Hosting;

namespace DossierWorkflow.OfficerUi.Pages.Account;

/// <summary>
/// The officer's own sign-in security: two-factor sign-in on or off, the recovery codes left, new recovery codes. Each
/// change asks for a current code (wrong ones count towards the lockout, so the page saves its own changes); an
/// administrator cannot switch it off while it is required of administrators.
/// </summary>
[OwnTransactions]
public sealed class SecurityModel(
    OfficerTwoFactorSignIn twoFactor,
    OfficerAudit audit,
    DossiersDbContext db,
    IOptions<OfficerSignInOptions> options,
    IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public bool Enabled { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>Whether the officer must keep two-factor sign-in (an administrator, when it is required of them).</summary>
    public bool Required => options.Value.TwoFactorForAdministrators && User.IsInRole(Roles.Administrator);

    /// <summary>New recovery codes, shown once after they were made.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken)
    {
        if (Required)
        {
            ModelState.AddModelError(nameof(Code), text["Security.Error.Required"]);
        }
        else if (await CheckCodeAsync(cancellationToken))
        {
            await twoFactor.DisableAsync(OfficerId, cancellationToken);
            audit.Record(AuditActions.TwoFactorDisabled, subject: User.Identity!.Name);
            await db.SaveChangesAsync(cancellationToken);
            Message = text["Security.Disabled"];
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRenewAsync(CancellationToken cancellationToken)
    {
        if (await CheckCodeAsync(cancellationToken))
        {
            RecoveryCodes = await twoFactor.RenewRecoveryCodesAsync(OfficerId, cancellationToken);
            audit.Record(AuditActions.RecoveryCodesRenewed, subject: User.Identity!.Name);
            await db.SaveChangesAsync(cancellationToken);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private int OfficerId => User.OfficerId() ?? throw new InvalidOperationException("A signed-in officer has an id.");

    /// <summary>Whether the code typed is a current one of the officer's app (or a recovery code); the page says why not.</summary>
    private async Task<bool> CheckCodeAsync(CancellationToken cancellationToken)
    {
        var check = await twoFactor.VerifyAsync(OfficerId, Code ?? "", cancellationToken);
        Code = null;
        if (check.Status == TwoFactorStatus.Succeeded)
        {
            return true;
        }

        ModelState.AddModelError(nameof(Code), check.Status == TwoFactorStatus.LockedOut ? text["TwoFactor.Error.LockedOut"] : text["TwoFactor.Error.Wrong"]);
        return false;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Enabled = await twoFactor.IsEnabledAsync(OfficerId, cancellationToken);
        RecoveryCodesLeft = await twoFactor.RecoveryCodesLeftAsync(OfficerId, cancellationToken);
    }
}
