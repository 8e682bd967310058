using System.Security.Cryptography;
using System.Text;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Organisation;

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, <see cref="Totp"/>) and single-use recovery codes: enrolment
/// (a new secret, confirmed with a first code), the check at sign-in — wrong codes lock the second factor out like wrong
/// passwords (<see cref="SignInLockout"/>) — new recovery codes, and switching it off. Each call saves.
/// </summary>
public sealed class OfficerTwoFactorSignIn(DossiersDbContext db, IDataProtectionProvider protection, TimeProvider time)
{
    public const int RecoveryCodeCount = 10;
    public const string Issuer = "DossierWorkflow";

    private const string RecoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    private IDataProtector Protector => protection.CreateProtector("DossierWorkflow.Officers.TotpSecret");

    public Task<bool> IsEnabledAsync(int officerId, CancellationToken cancellationToken) =>
        db.Set<OfficerTwoFactor>().AnyAsync(t => t.OfficerId == officerId && t.EnabledAt != null, cancellationToken);

    /// <summary>
    /// The secret for the officer's app to enrol with: a new one, or the one of an enrolment begun and not yet confirmed
    /// (the page may be shown again); null when two-factor sign-in is already on (it must be switched off first).
    /// </summary>
    public async Task<TwoFactorEnrolment?> BeginAsync(int officerId, string userName, CancellationToken cancellationToken)
    {
        var existing = await db.Set<OfficerTwoFactor>().FirstOrDefaultAsync(t => t.OfficerId == officerId, cancellationToken);
        if (existing?.EnabledAt is not null)
        {
            return null;
        }

        if (existing is null)
        {
            existing = new OfficerTwoFactor { OfficerId = officerId, ProtectedSecret = Protector.Protect(Convert.ToBase64String(Totp.NewSecret())) };
            db.Add(existing);
            await db.SaveChangesAsync(cancellationToken);
        }

        var secret = Convert.FromBase64String(Protector.Unprotect(existing.ProtectedSecret));
        return new TwoFactorEnrolment(Totp.ToBase32(secret), Totp.Uri(Issuer, userName, secret));
    }

    /// <summary>
    /// Confirms an enrolment with a code from the app: two-factor sign-in is on, and the recovery codes are returned —
    /// the only time they are seen in the clear. The check's outcome otherwise (a wrong code counts towards the lockout).
    /// </summary>
    public async Task<(TwoFactorCheck Check, IReadOnlyList<string> RecoveryCodes)> ConfirmAsync(int officerId, string code, CancellationToken cancellationToken)
    {
        var factor = await db.Set<OfficerTwoFactor>().FirstOrDefaultAsync(t => t.OfficerId == officerId && t.EnabledAt == null, cancellationToken);
        if (factor is null)
        {
            return (TwoFactorCheck.Failed(), []);
        }

        var check = await CheckAsync(factor, code, allowRecoveryCode: false, cancellationToken);
        if (check.Status != TwoFactorStatus.Succeeded)
        {
            return (check, []);
        }

        factor.EnabledAt = time.GetUtcNow();
        var codes = NewRecoveryCodes(factor);
        await db.SaveChangesAsync(cancellationToken);
        return (check, codes);
    }

    /// <summary>The second step of a sign-in: a code of the app, or one of the recovery codes (used up by it).</summary>
    public async Task<TwoFactorCheck> VerifyAsync(int officerId, string code, CancellationToken cancellationToken)
    {
        var factor = await db.Set<OfficerTwoFactor>().FirstOrDefaultAsync(t => t.OfficerId == officerId && t.EnabledAt != null, cancellationToken);
        return factor is null ? TwoFactorCheck.Failed() : await CheckAsync(factor, code, allowRecoveryCode: true, cancellationToken);
    }

    /// <summary>New recovery codes replacing those left; empty when two-factor sign-in is off.</summary>
    public async Task<IReadOnlyList<string>> RenewRecoveryCodesAsync(int officerId, CancellationToken cancellationToken)
    {
        var factor = await db.Set<OfficerTwoFactor>().FirstOrDefaultAsync(t => t.OfficerId == officerId && t.EnabledAt != null, cancellationToken);
        if (factor is null)
        {
            return [];
        }

        var codes = NewRecoveryCodes(factor);
        await db.SaveChangesAsync(cancellationToken);
        return codes;
    }

    /// <summary>How many recovery codes the officer has left (0 when two-factor sign-in is off).</summary>
    public async Task<int> RecoveryCodesLeftAsync(int officerId, CancellationToken cancellationToken) =>
        (await db.Set<OfficerTwoFactor>().Where(t => t.OfficerId == officerId && t.EnabledAt != null).Select(t => t.RecoveryCodeHashes).FirstOrDefaultAsync(cancellationToken) ?? "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>Switches two-factor sign-in off (the secret and recovery codes are forgotten).</summary>
    public async Task DisableAsync(int officerId, CancellationToken cancellationToken)
    {
        await db.Set<OfficerTwoFactor>().Where(t => t.OfficerId == officerId).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<TwoFactorCheck> CheckAsync(OfficerTwoFactor factor, string code, bool allowRecoveryCode, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (SignInLockout.LockedUntil(factor, now) is { } until)
        {
            return TwoFactorCheck.LockedOut(until);
        }

        var typed = new string([.. (code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-')]).ToLowerInvariant();
        var secret = Convert.FromBase64String(Protector.Unprotect(factor.ProtectedSecret));
        var check = TwoFactorCheck.Failed();
        if (typed.Length == Totp.Digits && Totp.Match(secret, typed, now, factor.LastUsedStep) is { } step)
        {
            factor.LastUsedStep = step;
            check = TwoFactorCheck.Succeeded(usedRecoveryCode: false);
        }
        else if (allowRecoveryCode && typed.Length > Totp.Digits)
        {
            var hashes = factor.RecoveryCodeHashes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            if (hashes.Remove(Hash(typed)))
            {
                factor.RecoveryCodeHashes = string.Join(' ', hashes);
                check = TwoFactorCheck.Succeeded(usedRecoveryCode: true);
            }
        }

        if (check.Status == TwoFactorStatus.Succeeded)
        {
            SignInLockout.Succeed(factor);
        }
        else if (SignInLockout.Fail(factor, now) is { } lockedUntil)
        {
            check = TwoFactorCheck.LockedOut(lockedUntil);
        }

        await db.SaveChangesAsync(cancellationToken);
        return check;
    }

    private static List<string> NewRecoveryCodes(OfficerTwoFactor factor)
    {
        List<string> codes = [.. Enumerable.Range(0, RecoveryCodeCount).Select(_ => RandomNumberGenerator.GetString(RecoveryAlphabet, 10))];
        factor.RecoveryCodeHashes = string.Join(' ', codes.Select(Hash));
        return [.. codes.Select(c => $"{c[..5]}-{c[5..]}")];
    }

    // Recovery codes are random (50 bits each) and single-use: a plain SHA-256 is enough to keep them unreadable at rest.
    private static string Hash(string code) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(code)));
}

/// <summary>The key to type into an authenticator app (Base32) and the URI its QR code carries.</summary>
public sealed record TwoFactorEnrolment(string Key, string Uri);

public sealed record TwoFactorCheck(TwoFactorStatus Status, bool UsedRecoveryCode = false, DateTimeOffset? LockedOutUntil = null)
{
    public static TwoFactorCheck Succeeded(bool usedRecoveryCode) => new(TwoFactorStatus.Succeeded, usedRecoveryCode);

    public static TwoFactorCheck Failed() => new(TwoFactorStatus.Failed);

    public static TwoFactorCheck LockedOut(DateTimeOffset until) => new(TwoFactorStatus.LockedOut, LockedOutUntil: until);
}

public enum TwoFactorStatus
{
    Succeeded,
    Failed,
    LockedOut,
}
