using System.Security.Claims;
using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.OfficerUi.Authentication;

/// <summary>How officers sign in (configuration section <c>SignIn</c>).</summary>
public sealed class OfficerSignInOptions
{
    /// <summary>
    /// Administrators must sign in with a second factor (an authenticator app): one without it enrols before their first
    /// page. On by default; the development run turns it off so that the demo administrator signs in with the password.
    /// </summary>
    public bool TwoFactorForAdministrators { get; set; } = true;

    /// <summary>
    /// Officers may sign in with a user name and password. A province whose officers all sign in at its OpenID provider
    /// turns this off (<see cref="SingleSignOnOptions"/> must then be configured); small communes without one keep it.
    /// </summary>
    public bool LocalAccounts { get; set; } = true;
}

/// <summary>
/// The steps of an officer's sign-in after the password: straight into the session, or first the second factor — a code
/// of their authenticator app, or, for an administrator who has none yet, its enrolment. Between the steps the officer
/// holds a short-lived cookie of its own (<see cref="PendingScheme"/>) that opens only those pages. Every completed
/// sign-in goes into the audit journal.
/// </summary>
public sealed class SignInSteps(
    DossiersDbContext db,
    OfficerTwoFactorSignIn twoFactor,
    OfficerAudit audit,
    IOptions<OfficerSignInOptions> options)
{
    /// <summary>The cookie of a sign-in waiting for its second factor (5 minutes).</summary>
    public const string PendingScheme = "DossierWorkflow.TwoFactor";

    public static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(5);

    private const string StepClaim = "dw:sign-in-step";
    private const string ReturnUrlItem = ".dw.return-url";

    /// <summary>What the officer does next after a right password: the address to go to.</summary>
    public async Task<string> AfterPasswordAsync(HttpContext context, Officer officer, string securityStamp, string returnUrl, CancellationToken cancellationToken)
    {
        if (await db.Set<OfficerCredential>().AnyAsync(c => c.OfficerId == officer.Id && c.MustChangePassword, cancellationToken))
        {
            await HoldAsync(context, officer, securityStamp, PendingStep.ChangePassword, returnUrl);
            return "/Account/ChangePassword";
        }

        if (await twoFactor.IsEnabledAsync(officer.Id, cancellationToken))
        {
            await HoldAsync(context, officer, securityStamp, PendingStep.Code, returnUrl);
            return "/Account/TwoFactor";
        }

        if (options.Value.TwoFactorForAdministrators && officer.Roles.Any(r => r.Role == Roles.Administrator))
        {
            await HoldAsync(context, officer, securityStamp, PendingStep.Enrol, returnUrl);
            return "/Account/TwoFactorSetup";
        }

        await CompleteAsync(context, officer, securityStamp, how: null, cancellationToken);
        return returnUrl;
    }

    /// <summary>The sign-in waiting for its second factor, if the request carries one still valid.</summary>
    public static async Task<PendingSignIn?> PendingAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(PendingScheme);
        var principal = result.Principal;
        return result.Succeeded && principal?.OfficerId() is { } officerId
            && Enum.TryParse<PendingStep>(principal.FindFirstValue(StepClaim), out var step)
            && principal.FindFirstValue(OfficerClaims.SecurityStamp) is { } stamp
            ? new PendingSignIn(officerId, principal.Identity!.Name!, stamp, step, (result.Properties?.Items.TryGetValue(ReturnUrlItem, out var returnUrl) == true ? returnUrl : null) ?? "/")
            : null;
    }

    /// <summary>
    /// Ends a pending sign-in with the officer's session: false (and nothing signed in) when the officer was deactivated
    /// or their password changed meanwhile.
    /// </summary>
    public async Task<bool> CompleteAsync(HttpContext context, PendingSignIn pending, string how, CancellationToken cancellationToken)
    {
        var officer = await db.Set<Officer>().AsNoTracking().WithRolesAndUnits().FirstOrDefaultAsync(o => o.Id == pending.OfficerId && o.IsActive, cancellationToken);
        var stamp = await db.Set<OfficerCredential>().Where(c => c.OfficerId == pending.OfficerId).Select(c => c.SecurityStamp).FirstOrDefaultAsync(cancellationToken);
        await context.SignOutAsync(PendingScheme);
        if (officer is null || stamp != pending.SecurityStamp)
        {
            return false;
        }

        await CompleteAsync(context, officer, stamp, how, cancellationToken);
        return true;
    }

    /// <summary>
    /// A signed-in officer's session renewed after a change of their own: a second factor just confirmed (the session now
    /// counts as begun with it), or a new password (its new security stamp, or the session would end at the next check).
    /// A session begun at the OpenID provider is left alone.
    /// </summary>
    public async Task RenewAsync(HttpContext context, bool twoFactor, CancellationToken cancellationToken)
    {
        if (context.User.SingleSignOnLink() is not null)
        {
            // A session begun at the OpenID provider rests on its link, not on the password: it stays as it is.
            return;
        }

        var officerId = context.User.OfficerId();
        var officer = await db.Set<Officer>().AsNoTracking().WithRolesAndUnits().FirstOrDefaultAsync(o => o.Id == officerId && o.IsActive, cancellationToken);
        var stamp = await db.Set<OfficerCredential>().Where(c => c.OfficerId == officerId).Select(c => c.SecurityStamp).FirstOrDefaultAsync(cancellationToken);
        if (officer is not null && stamp is not null)
        {
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, OfficerClaims.Create(officer, stamp, twoFactor));
        }
    }

    private async Task CompleteAsync(HttpContext context, Officer officer, string securityStamp, string? how, CancellationToken cancellationToken)
    {
        // Every way but the password alone (how is null) is a second factor.
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, OfficerClaims.Create(officer, securityStamp, twoFactor: how is not null));
        audit.Record(AuditActions.SignedIn, subject: how, unitCode: officer.Roles.Select(r => r.Unit?.Code).FirstOrDefault(), actor: officer.UserName);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static Task HoldAsync(HttpContext context, Officer officer, string securityStamp, PendingStep step, string returnUrl)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, officer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, officer.UserName),
                new Claim(OfficerClaims.SecurityStamp, securityStamp),
                new Claim(StepClaim, step.ToString()),
            ],
            PendingScheme,
            ClaimTypes.Name,
            ClaimTypes.Role);
        // Expires after PendingLifetime (the scheme's ExpireTimeSpan), by the app's clock.
        var properties = new AuthenticationProperties { IsPersistent = false };
        properties.Items[ReturnUrlItem] = returnUrl;
        return context.SignInAsync(PendingScheme, new ClaimsPrincipal(identity), properties);
    }
}

/// <summary>The second step a pending sign-in waits for.</summary>
public enum PendingStep
{
    /// <summary>A code of the officer's authenticator app (or a recovery code).</summary>
    Code,

    /// <summary>An administrator without a second factor enrols one first.</summary>
    Enrol,

    /// <summary>The password was a one-time one an administrator gave: a new one is chosen first.</summary>
    ChangePassword,
}

public sealed record PendingSignIn(int OfficerId, string UserName, string SecurityStamp, PendingStep Step, string ReturnUrl);
