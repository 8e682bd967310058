using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.OfficerUi.Authentication;
using DossierWorkflow.OfficerUi.Hosting;
using DossierWorkflow.OfficerUi.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;
using DossierWorkflow.Web.Hosting;

namespace DossierWorkflow.OfficerUi.Pages.Account;

/// <summary>
/// Enrolling an authenticator app: the QR code (and the key, to type in), confirmed with a first code; then the recovery
/// codes, shown once. For a signed-in officer who chooses it, and for an administrator who must have it before their
/// first page (their sign-in waits here, <see cref="SignInSteps"/>).
/// </summary>
[AllowAnonymous]
[OwnTransactions]
public sealed class TwoFactorSetupModel(
    OfficerTwoFactorSignIn twoFactor,
    SignInSteps steps,
    OfficerAudit audit,
    DossiersDbContext db,
    IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public TwoFactorEnrolment? Enrolment { get; private set; }

    /// <summary>The enrolment's QR code, as a PNG data URI.</summary>
    public string? QrCode { get; private set; }

    /// <summary>The recovery codes, once the enrolment is confirmed (the only time they are shown).</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public string ContinueUrl { get; private set; } = "/Account/Security";

    /// <summary>Whether this enrolment completes a sign-in (an administrator's first).</summary>
    public bool DuringSignIn { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await OfficerAsync() is not { } officer)
        {
            return RedirectToPage("SignIn");
        }

        return await ShowAsync(officer, cancellationToken) ? Page() : RedirectToPage("Security");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await OfficerAsync() is not { } officer)
        {
            return RedirectToPage("SignIn");
        }

        var (check, codes) = await twoFactor.ConfirmAsync(officer.Id, Code ?? "", cancellationToken);
        if (check.Status != TwoFactorStatus.Succeeded)
        {
            ModelState.AddModelError(nameof(Code), check.Status == TwoFactorStatus.LockedOut ? text["TwoFactor.Error.LockedOut"] : text["TwoFactor.Error.Wrong"]);
            Code = null;
            return await ShowAsync(officer, cancellationToken) ? Page() : RedirectToPage("Security");
        }

        audit.Record(AuditActions.TwoFactorEnabled, subject: officer.UserName, actor: officer.UserName);
        if (officer.Pending is { } pending)
        {
            // The sign-in this enrolment was waiting for (its save writes the record too).
            if (!await steps.CompleteAsync(HttpContext, pending, "enrolled", cancellationToken))
            {
                return RedirectToPage("SignIn");
            }

            ContinueUrl = pending.ReturnUrl;
        }
        else
        {
            await db.SaveChangesAsync(cancellationToken);
            await steps.RenewAsync(HttpContext, twoFactor: true, cancellationToken);
        }

        RecoveryCodes = codes;
        return Page();
    }

    private async Task<bool> ShowAsync(EnrollingOfficer officer, CancellationToken cancellationToken)
    {
        DuringSignIn = officer.Pending is not null;
        Enrolment = await twoFactor.BeginAsync(officer.Id, officer.UserName, cancellationToken);
        if (Enrolment is null)
        {
            return false;
        }

        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(Enrolment.Uri, QRCodeGenerator.ECCLevel.M);
        QrCode = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
        return true;
    }

    /// <summary>The signed-in officer, or the one whose sign-in waits for this enrolment.</summary>
    private async Task<EnrollingOfficer?> OfficerAsync()
    {
        if (User.Identity?.IsAuthenticated == true && User.OfficerId() is { } id)
        {
            return new EnrollingOfficer(id, User.Identity.Name!, null);
        }

        return await SignInSteps.PendingAsync(HttpContext) is { Step: PendingStep.Enrol } pending
            ? new EnrollingOfficer(pending.OfficerId, pending.UserName, pending)
            : null;
    }

    private sealed record EnrollingOfficer(int Id, string UserName, PendingSignIn? Pending);
}
