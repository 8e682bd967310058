using DossierWorkflow.Dossiers.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Organisation;

/// <summary>
/// Password sign-in for officers: setting a password and checking one, with a lockout after repeated failures. Hashing is
/// ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>; an old hash is upgraded on the next successful sign-in.
/// </summary>
public sealed class OfficerPasswords(DossiersDbContext db, TimeProvider time)
{
    public const int MinimumLength = 8;
    public const int MaximumFailedAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private static readonly PasswordHasher<Officer> Hasher = new();

    // Verified when the user name is unknown, so that a wrong name costs as long as a wrong password and does not reveal
    // which names exist.
    private static readonly string DummyHash = Hash("not-a-real-password-" + Guid.NewGuid());

    /// <summary>Why a password is not acceptable, or null when it is.</summary>
    public static PasswordProblem? Check(string userName, string? password) => password switch
    {
        null or { Length: < MinimumLength } => PasswordProblem.TooShort,
        _ when password.Trim().Equals(userName.Trim(), StringComparison.OrdinalIgnoreCase) => PasswordProblem.SameAsUserName,
        _ => null,
    };

    /// <summary>Sets (or replaces) the password of an officer; other sessions of the officer end. Saves.</summary>
    public Task SetAsync(Officer officer, string password, CancellationToken cancellationToken = default) =>
        SetAsync(officer, password, mustChange: false, cancellationToken);

    /// <summary>
    /// Sets the password; with <paramref name="mustChange"/> (a one-time password an administrator gave), the next
    /// sign-in with it must choose a new one before anything else.
    /// </summary>
    public async Task SetAsync(Officer officer, string password, bool mustChange, CancellationToken cancellationToken = default)
    {
        if (Check(officer.UserName, password) is { } problem)
        {
            throw new ArgumentException($"The password is not acceptable: {problem}.", nameof(password));
        }

        var credential = await db.Set<OfficerCredential>().FirstOrDefaultAsync(c => c.OfficerId == officer.Id, cancellationToken);
        if (credential is null)
        {
            credential = new OfficerCredential { OfficerId = officer.Id, PasswordHash = "", SecurityStamp = "" };
            db.Add(credential);
        }

        credential.PasswordHash = Hash(password);
        credential.MustChangePassword = mustChange;
        credential.SecurityStamp = NewSecurityStamp();
        credential.FailedAttempts = 0;
        credential.LockedOutUntil = null;
        credential.ChangedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Checks a user name and password, counting failures and locking the account out after too many. Saves.</summary>
    public async Task<PasswordSignIn> VerifyAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        var normalised = userName.Trim().ToLowerInvariant();
        var officer = await db.Set<Officer>().WithRolesAndUnits()
            .FirstOrDefaultAsync(o => o.UserName == normalised, cancellationToken);
        var credential = officer is null
            ? null
            : await db.Set<OfficerCredential>().FirstOrDefaultAsync(c => c.OfficerId == officer.Id, cancellationToken);
        var now = time.GetUtcNow();
        if (officer is null || credential is null)
        {
            // A name nobody signs in with by password: counted and locked exactly like a known one.
            var throttle = await db.Set<SignInThrottle>().FindAsync([normalised], cancellationToken);
            if (throttle is null)
            {
                throttle = new SignInThrottle { UserName = normalised };
                db.Add(throttle);
            }

            Hasher.VerifyHashedPassword(null!, DummyHash, password);
            return await FailAsync(throttle, now, cancellationToken);
        }

        // Verified even while locked out, so that every answer costs the same.
        var verification = Hasher.VerifyHashedPassword(officer, credential.PasswordHash, password);
        if (verification == PasswordVerificationResult.Failed || SignInLockout.LockedUntil(credential, now) is not null)
        {
            return await FailAsync(credential, now, cancellationToken);
        }

        if (!officer.IsActive)
        {
            return PasswordSignIn.Inactive();
        }

        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            credential.PasswordHash = Hash(password);
        }

        SignInLockout.Succeed(credential);
        await db.SaveChangesAsync(cancellationToken);
        return PasswordSignIn.Succeeded(officer, credential.SecurityStamp);
    }

    /// <summary>A refused password for <paramref name="lockable"/>: locked out while it is, else counted.</summary>
    private async Task<PasswordSignIn> FailAsync(ILockable lockable, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (SignInLockout.LockedUntil(lockable, now) is { } until)
        {
            return PasswordSignIn.LockedOut(until);
        }

        var locked = SignInLockout.Fail(lockable, now);
        await db.SaveChangesAsync(cancellationToken);
        return locked is { } lockedUntil ? PasswordSignIn.LockedOut(lockedUntil) : PasswordSignIn.Failed();
    }

    // The hasher does not use the user; the format is Identity's, so a later move to Identity's stores keeps every hash.
    internal static string Hash(string password) => Hasher.HashPassword(null!, password);

    public static string NewSecurityStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}

public enum PasswordProblem
{
    TooShort,
    SameAsUserName,
}

/// <summary>The outcome of a password check. Only <see cref="Officer"/> of a success may be trusted.</summary>
public sealed record PasswordSignIn(PasswordSignInStatus Status, Officer? Officer = null, string? SecurityStamp = null, DateTimeOffset? LockedOutUntil = null)
{
    public static PasswordSignIn Succeeded(Officer officer, string securityStamp) => new(PasswordSignInStatus.Succeeded, officer, securityStamp);

    public static PasswordSignIn Failed() => new(PasswordSignInStatus.Failed);

    public static PasswordSignIn LockedOut(DateTimeOffset until) => new(PasswordSignInStatus.LockedOut, LockedOutUntil: until);

    public static PasswordSignIn Inactive() => new(PasswordSignInStatus.Inactive);
}

public enum PasswordSignInStatus
{
    Succeeded,
    Failed,
    LockedOut,
    Inactive,
}
