namespace DossierWorkflow.Dossiers.Organisation;

/// <summary>Something wrong passwords are counted against: an officer's credential, or a user name nobody has.</summary>
public interface ILockable
{
    /// <summary>Wrong passwords in a row; reset by a successful sign-in and when a lockout starts.</summary>
    int FailedAttempts { get; set; }

    /// <summary>Until when sign-in is refused after too many wrong passwords; null when not locked out.</summary>
    DateTimeOffset? LockedOutUntil { get; set; }
}

/// <summary>
/// The one lockout rule, the same for every user name typed (known or not, so that the sign-in page's answers do not
/// tell which names exist): <see cref="OfficerPasswords.MaximumFailedAttempts"/> wrong passwords in a row lock the name
/// for <see cref="OfficerPasswords.LockoutDuration"/>; attempts while locked are refused without being counted.
/// </summary>
public static class SignInLockout
{
    /// <summary>Until when the name is locked at <paramref name="now"/>, or null.</summary>
    public static DateTimeOffset? LockedUntil(ILockable lockable, DateTimeOffset now) =>
        lockable.LockedOutUntil is { } until && until > now ? until : null;

    /// <summary>Counts a wrong password; returns until when the name is now locked, or null.</summary>
    public static DateTimeOffset? Fail(ILockable lockable, DateTimeOffset now)
    {
        lockable.FailedAttempts++;
        if (lockable.FailedAttempts >= OfficerPasswords.MaximumFailedAttempts)
        {
            lockable.FailedAttempts = 0;
            lockable.LockedOutUntil = now + OfficerPasswords.LockoutDuration;
        }

        return LockedUntil(lockable, now);
    }

    public static void Succeed(ILockable lockable)
    {
        lockable.FailedAttempts = 0;
        lockable.LockedOutUntil = null;
    }
}

/// <summary>The wrong passwords typed for a user name no officer signs in with by password (see <see cref="SignInLockout"/>).</summary>
public sealed class SignInThrottle : ILockable
{
    /// <summary>The user name as typed, trimmed and lower-cased.</summary>
    public required string UserName { get; set; }

    public int FailedAttempts { get; set; }

    public DateTimeOffset? LockedOutUntil { get; set; }
}
