using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Citizens;

/// <summary>
/// Citizens' accounts with a password: registration confirmed by a one-time code, sign-in with the officers' lockout rule
/// (<see cref="SignInLockout"/>: five wrong passwords lock the name typed for 15 minutes, whether an account has it or
/// not), and a new password by a one-time code. Every method saves what it changed.
/// </summary>
public sealed class CitizenAccounts(DossiersDbContext db, OneTimeCodes codes, TimeProvider time)
{
    public const int MinimumPasswordLength = OfficerPasswords.MinimumLength;

    private static readonly PasswordHasher<CitizenAccount> Hasher = new();

    // Verified when nobody has the name typed, so that a wrong name costs as long as a wrong password.
    private static readonly string DummyHash = Hasher.HashPassword(null!, "not-a-real-password-" + Guid.NewGuid());

    /// <summary>An e-mail address (lower case) or a mobile number (<c>0xxxxxxxxx</c>) as typed, or null when it is neither.</summary>
    public static string? Identifier(string? typed) =>
        typed?.Trim() is not { Length: > 0 } trimmed ? null
        : trimmed.Contains('@', StringComparison.Ordinal) ? (ContactDetails.IsEmail(trimmed) ? trimmed.ToLowerInvariant() : null)
        : ContactDetails.NormalisePhone(trimmed);

    /// <summary>
    /// Registers an account, not yet usable, and sends a one-time code to its address or number. Registering again an
    /// address or number whose account was never confirmed replaces that account's name and password — and its security
    /// stamp, so the earlier confirmation link is dead: whoever confirms, confirms the password of the last registration,
    /// with the code sent to the address's owner.
    /// </summary>
    public async Task<Registration> RegisterAsync(string? identifier, string? fullName, string? password, string? language, CancellationToken cancellationToken)
    {
        List<DossierProblem> problems = [];
        var name = Identifier(identifier);
        if (name is null)
        {
            problems.Add(new("Identifier", string.IsNullOrWhiteSpace(identifier) ? "Required" : "Identifier"));
        }

        if (string.IsNullOrWhiteSpace(fullName))
        {
            problems.Add(new("FullName", "Required"));
        }
        else if (fullName.Trim().Length > 200)
        {
            problems.Add(new("FullName", "TooLong", 200));
        }

        if (OfficerPasswords.Check(name ?? "", password) is { } passwordProblem)
        {
            problems.Add(new("Password", $"Password.{passwordProblem}", MinimumPasswordLength));
        }

        var account = name is null ? null : await FindAsync(name, cancellationToken);
        if (account?.ConfirmedAt is not null)
        {
            problems.Add(new("Identifier", "AlreadyRegistered"));
        }

        if (problems.Count > 0)
        {
            return new Registration(null, problems);
        }

        // No code may go now: nothing changes (a second registrant never replaces the first's password for nothing).
        if (await codes.TooSoonAsync(name!, cancellationToken))
        {
            return new Registration(null, [new("Code", $"Code.{OneTimeCodeProblem.TooSoon}")]);
        }

        var now = time.GetUtcNow();
        if (account is null)
        {
            account = new CitizenAccount
            {
                Id = Guid.CreateVersion7(now),
                Email = name!.Contains('@', StringComparison.Ordinal) ? name : null,
                Phone = name.Contains('@', StringComparison.Ordinal) ? null : name,
                FullName = "",
                SecurityStamp = "",
                CreatedAt = now,
            };
            db.Add(account);
        }

        account.FullName = fullName!.Trim();
        account.PasswordHash = Hasher.HashPassword(account, password!);
        account.SecurityStamp = OfficerPasswords.NewSecurityStamp();
        account.Language = language == "en" ? "en" : null;
        await db.SaveChangesAsync(cancellationToken);
        return await codes.SendAsync(account, OneTimeCodePurpose.Registration, name!, cancellationToken) is { } problem
            ? new Registration(account, [new("Code", $"Code.{problem}")])
            : new Registration(account, []);
    }

    /// <summary>Confirms a new account with the code sent to it; it can then sign in.</summary>
    public async Task<OneTimeCodeProblem?> ConfirmAsync(Guid accountId, string? code, CancellationToken cancellationToken)
    {
        if (await db.Set<CitizenAccount>().FindAsync([accountId], cancellationToken) is not { ConfirmedAt: null } account)
        {
            return OneTimeCodeProblem.Expired;
        }

        if (await codes.UseAsync(accountId, OneTimeCodePurpose.Registration, code, cancellationToken) is { } problem)
        {
            return problem;
        }

        account.ConfirmedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Sends a new registration code to an account not yet confirmed.</summary>
    public async Task<OneTimeCodeProblem?> ResendConfirmationAsync(Guid accountId, CancellationToken cancellationToken) =>
        await db.Set<CitizenAccount>().FindAsync([accountId], cancellationToken) is { ConfirmedAt: null } account
            ? await codes.SendAsync(account, OneTimeCodePurpose.Registration, account.SignInName, cancellationToken)
            : OneTimeCodeProblem.Expired;

    /// <summary>Checks an address or number and a password, counting failures (see the type's remarks).</summary>
    public async Task<CitizenSignIn> SignInAsync(string? identifier, string? password, CancellationToken cancellationToken)
    {
        var name = Identifier(identifier) ?? identifier?.Trim().ToLowerInvariant() ?? "";
        var account = await FindAsync(name, cancellationToken);
        var now = time.GetUtcNow();
        if (account?.PasswordHash is null)
        {
            // A name no account signs in with by password: counted and locked exactly like a known one.
            var key = $"citizen:{name}";
            key = key.Length > 100 ? key[..100] : key;
            var throttle = await db.Set<SignInThrottle>().FindAsync([key], cancellationToken);
            if (throttle is null)
            {
                throttle = new SignInThrottle { UserName = key };
                db.Add(throttle);
            }

            Hasher.VerifyHashedPassword(null!, DummyHash, password ?? "");
            return await FailAsync(throttle, now, cancellationToken);
        }

        var verification = Hasher.VerifyHashedPassword(account, account.PasswordHash, password ?? "");
        if (verification == PasswordVerificationResult.Failed || SignInLockout.LockedUntil(account, now) is not null)
        {
            return await FailAsync(account, now, cancellationToken);
        }

        if (account.ConfirmedAt is null)
        {
            return new CitizenSignIn(CitizenSignInStatus.Unconfirmed, account);
        }

        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.PasswordHash = Hasher.HashPassword(account, password!);
        }

        SignInLockout.Succeed(account);
        await db.SaveChangesAsync(cancellationToken);
        return new CitizenSignIn(CitizenSignInStatus.Succeeded, account);
    }

    /// <summary>
    /// Sends a password-reset code to a confirmed account's address or number. Says nothing of whether an account has
    /// it, nor whether a code went (a limit hit included): the page answers the same either way.
    /// </summary>
    public async Task RequestPasswordResetAsync(string? identifier, CancellationToken cancellationToken)
    {
        if (Identifier(identifier) is { } name && await FindAsync(name, cancellationToken) is { ConfirmedAt: not null } account)
        {
            await codes.SendAsync(account, OneTimeCodePurpose.PasswordReset, name, cancellationToken);
        }
    }

    /// <summary>Sets a new password with the reset code sent; the account's other sessions end and its lockout lifts.</summary>
    public async Task<IReadOnlyList<DossierProblem>> ResetPasswordAsync(string? identifier, string? code, string? password, CancellationToken cancellationToken)
    {
        var name = Identifier(identifier);
        if (OfficerPasswords.Check(name ?? "", password) is { } passwordProblem)
        {
            return [new("Password", $"Password.{passwordProblem}", MinimumPasswordLength)];
        }

        if (name is null || await FindAsync(name, cancellationToken) is not { ConfirmedAt: not null } account)
        {
            return [new("Code", $"Code.{OneTimeCodeProblem.Expired}")];
        }

        if (await codes.UseAsync(account.Id, OneTimeCodePurpose.PasswordReset, code, cancellationToken) is { } problem)
        {
            return [new("Code", $"Code.{problem}")];
        }

        account.PasswordHash = Hasher.HashPassword(account, password!);
        account.SecurityStamp = OfficerPasswords.NewSecurityStamp();
        SignInLockout.Succeed(account);
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    private Task<CitizenAccount?> FindAsync(string name, CancellationToken cancellationToken) =>
        name.Contains('@', StringComparison.Ordinal)
            ? db.Set<CitizenAccount>().FirstOrDefaultAsync(a => a.Email == name, cancellationToken)
            : db.Set<CitizenAccount>().FirstOrDefaultAsync(a => a.Phone == name, cancellationToken);

    private async Task<CitizenSignIn> FailAsync(ILockable lockable, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (SignInLockout.LockedUntil(lockable, now) is { } until)
        {
            return new CitizenSignIn(CitizenSignInStatus.LockedOut, LockedOutUntil: until);
        }

        var locked = SignInLockout.Fail(lockable, now);
        await db.SaveChangesAsync(cancellationToken);
        return locked is { } lockedUntil ? new CitizenSignIn(CitizenSignInStatus.LockedOut, LockedOutUntil: lockedUntil) : new CitizenSignIn(CitizenSignInStatus.Failed);
    }
}

/// <summary>A registration: the account waiting for its code, or the problems that stopped it.</summary>
public sealed record Registration(CitizenAccount? Account, IReadOnlyList<DossierProblem> Problems);

/// <summary>The outcome of a password check; only a success's <see cref="Account"/> may be signed in.</summary>
public sealed record CitizenSignIn(CitizenSignInStatus Status, CitizenAccount? Account = null, DateTimeOffset? LockedOutUntil = null);

public enum CitizenSignInStatus
{
    Succeeded,
    Failed,
    LockedOut,

    /// <summary>The password is right, but the account's code was never typed: confirm first.</summary>
    Unconfirmed,
}
