namespace DossierWorkflow.Dossiers.Organisation;

/// <summary>
/// An officer's second sign-in factor: the secret shared with their authenticator app (encrypted with data protection),
/// the recovery codes left (as hashes), and the wrong codes counted towards a lockout. A row whose
/// <see cref="EnabledAt"/> is null is an enrolment not yet confirmed with a code.
/// </summary>
public sealed class OfficerTwoFactor : ILockable
{
    public int OfficerId { get; set; }

    /// <summary>The TOTP secret, protected by ASP.NET Core data protection (never stored in the clear).</summary>
    public required string ProtectedSecret { get; set; }

    /// <summary>When the officer confirmed the enrolment with a code; null while not confirmed.</summary>
    public DateTimeOffset? EnabledAt { get; set; }

    /// <summary>The time step of the last code accepted: a code is accepted once.</summary>
    public long LastUsedStep { get; set; }

    /// <summary>The SHA-256 hashes (hex) of the recovery codes not yet used, separated by spaces.</summary>
    public string RecoveryCodeHashes { get; set; } = "";

    public int FailedAttempts { get; set; }

    public DateTimeOffset? LockedOutUntil { get; set; }
}
