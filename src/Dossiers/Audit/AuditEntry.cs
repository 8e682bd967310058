namespace DossierWorkflow.Dossiers.Audit;

/// <summary>
/// One line of the audit journal: who did what, when, from where, to what — with the state before and after where it
/// matters. Appended in the transaction of the change it records and never changed or deleted by the application.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The officer's user name; for a failed sign-in, the name that was typed.</summary>
    public required string Actor { get; set; }

    /// <summary>One of <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    /// <summary>What the action was about, in words a reader recognises: a user name, a unit code, a date, a definition.</summary>
    public string? Subject { get; set; }

    /// <summary>The dossier concerned, if any (its code), to list a dossier's whole record.</summary>
    public string? DossierCode { get; set; }

    /// <summary>
    /// The unit the action concerns (a dossier's receiving unit, the unit changed, the officer's unit), by code, so that an
    /// administrator sees the records of the units they administer; null for what concerns no unit (a sign-in).
    /// </summary>
    public string? UnitCode { get; set; }

    /// <summary>The state before the change (JSON), where it matters.</summary>
    public string? Before { get; set; }

    /// <summary>The state after the change (JSON), where it matters.</summary>
    public string? After { get; set; }

    /// <summary>The client's network address, when the action came over HTTP.</summary>
    public string? Address { get; set; }
}

/// <summary>The actions the audit journal records.</summary>
public static class AuditActions
{
    public const string SignedIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignedOut = "sign-out";
    public const string DossierViewed = "dossier-viewed";
    public const string CalendarDecided = "calendar-decided";
    public const string CalendarDecisionRemoved = "calendar-decision-removed";
    public const string DefinitionDeployed = "definition-deployed";
    public const string TwoFactorEnabled = "two-factor-enabled";
    public const string TwoFactorDisabled = "two-factor-disabled";
    public const string RecoveryCodesRenewed = "recovery-codes-renewed";
    public const string ApiClientCreated = "api-client-created";
    public const string ApiClientRevoked = "api-client-revoked";
    public const string IncidentRetried = "incident-retried";
    public const string IncidentResolved = "incident-resolved";
    public const string PasswordChanged = "password-changed";
    public const string OfficerAdded = "officer-added";
    public const string OfficerChanged = "officer-changed";
    public const string OfficerDeactivated = "officer-deactivated";
    public const string OfficerReactivated = "officer-reactivated";
    public const string OfficerUnlocked = "officer-unlocked";
    public const string PasswordReset = "password-reset";
    public const string UnitAdded = "unit-added";
    public const string UnitChanged = "unit-changed";
    public const string UnitDeactivated = "unit-deactivated";
    public const string UnitReactivated = "unit-reactivated";
    public const string DefinitionPublished = "definition-published";
    public const string DefinitionDeleted = "definition-deleted";
    public const string WorkflowMigrated = "workflow-migrated";
    public const string StepMoved = "step-moved";

    /// <summary>Every action, in the order the audit page offers them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [SignedIn, SignInFailed, SignedOut, PasswordChanged, TwoFactorEnabled, TwoFactorDisabled, RecoveryCodesRenewed,
            OfficerAdded, OfficerChanged, OfficerDeactivated, OfficerReactivated, OfficerUnlocked, PasswordReset, DossierViewed, CalendarDecided, CalendarDecisionRemoved, DefinitionDeployed, DefinitionPublished, DefinitionDeleted, WorkflowMigrated, StepMoved,
            ApiClientCreated, ApiClientRevoked, IncidentRetried, IncidentResolved, UnitAdded, UnitChanged, UnitDeactivated, UnitReactivated];
}
