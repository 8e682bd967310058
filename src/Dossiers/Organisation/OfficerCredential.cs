namespace DossierWorkflow.Dossiers.Organisation;

/// <summary>
/// An officer's local password sign-in. Kept apart from <see cref="Officer"/>: an officer without a row here cannot sign
/// in with a password (e.g. one who signs in through the province's identity provider).
/// </summary>
public sealed class OfficerCredential : ILockable
{
    public int OfficerId { get; set; }

    /// <summary>ASP.NET Core Identity's password hash format (PBKDF2, versioned, with its own salt).</summary>
    public required string PasswordHash { get; set; }

    /// <summary>Changes whenever the password does: cookies issued with an older stamp stop working.</summary>
    public required string SecurityStamp { get; set; }

    /// <summary>Wrong passwords in a row; reset by a successful sign-in.</summary>
    public int FailedAttempts { get; set; }

    /// <summary>Until when sign-in is refused after too many wrong passwords; null when not locked out.</summary>
    public DateTimeOffset? LockedOutUntil { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>A one-time password given by an administrator: the next sign-in must choose a new password first.</summary>
    public bool MustChangePassword { get; set; }
}
