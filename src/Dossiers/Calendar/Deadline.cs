namespace DossierWorkflow.Dossiers.Calendar;

/// <summary>
/// A dossier's appointment date and how it was reached, so the receipt slip and the officer's screen can show why.
/// Plain data: a dossier stores it (and keeps earlier ones after a supplement).
/// </summary>
/// <param name="ReceivedAt">When the dossier (or its completed supplement) actually arrived.</param>
/// <param name="ReceivedAsDate">The working day the receipt counts on (the next working day when it arrived on a day off).</param>
/// <param name="CountingStartsOn">The first counted day (the day after receipt); null for same-day procedures.</param>
/// <param name="AppointmentDate">When the result is due (ngày hẹn trả): the end of office hours of the due day.</param>
/// <param name="AppliedRules">Every rule that shaped the result, in the order applied.</param>
/// <param name="Extension">The extension granted after an apology, when this appointment includes one.</param>
/// <param name="ExtensionUsed">Whether the dossier has used its single extension, on this or an earlier appointment.</param>
public sealed record Deadline(
    DateTimeOffset ReceivedAt,
    ReceptionChannel Channel,
    ProcessingTime ProcessingTime,
    DateOnly ReceivedAsDate,
    DateOnly? CountingStartsOn,
    DateTimeOffset AppointmentDate,
    IReadOnlyList<AppliedDeadlineRule> AppliedRules,
    DeadlineExtension? Extension = null,
    bool ExtensionUsed = false);

/// <summary>A rule that shaped a deadline; <see cref="Rule"/> lets the UI show a localised text.</summary>
public sealed record AppliedDeadlineRule(DeadlineRule Rule, string Explanation);

public enum DeadlineRule
{
    /// <summary>The dossier arrived on a non-working day and counts as received on the next working day.</summary>
    ReceivedOnNonWorkingDay,

    /// <summary>The day of receipt is not counted; counting starts on the next working day.</summary>
    ReceiptDayNotCounted,

    /// <summary>Working days are counted on the working calendar.</summary>
    WorkingDaysCounted,

    /// <summary>Calendar days are counted.</summary>
    CalendarDaysCounted,

    /// <summary>Same-day procedure received at or before the cut-off: due at the end of that day.</summary>
    SameDayBeforeCutOff,

    /// <summary>Same-day procedure received after the cut-off: due at the end of the next working day.</summary>
    SameDayAfterCutOff,

    /// <summary>The due date fell on a non-working day and moved to the next working day.</summary>
    DueDateMovedOffNonWorkingDay,

    /// <summary>The appointment is the end of office hours of the due day.</summary>
    DueAtEndOfWorkingDay,

    /// <summary>The complete supplement restarted the legal clock from zero.</summary>
    SupplementRestartedClock,

    /// <summary>The appointment was extended once after an apology (form 04).</summary>
    ExtendedAfterApology,

    /// <summary>The apology was issued later than one working day before the due date.</summary>
    ApologyIssuedLate,
}

/// <summary>The single extension a dossier may get, with the appointment it replaced.</summary>
public sealed record DeadlineExtension(int WorkingDays, DateTimeOffset PreviousAppointmentDate, DateTimeOffset ApologyIssuedAt, string Reason);

/// <summary>After a complete supplement: the appointment before it and the new one, both kept on the dossier.</summary>
public sealed record SupplementRestart(Deadline Previous, Deadline Restarted)
{
    public DateTimeOffset PreviousAppointmentDate => Previous.AppointmentDate;

    public DateTimeOffset NewAppointmentDate => Restarted.AppointmentDate;
}

/// <summary>The outcome of an extension request: the extended deadline, or why it was refused.</summary>
public abstract record ExtensionResult
{
    private ExtensionResult()
    {
    }

    public sealed record Extended(Deadline Deadline) : ExtensionResult;

    public sealed record Rejected(DeadlineExtensionError Error, string Message) : ExtensionResult;
}

public enum DeadlineExtensionError
{
    AlreadyExtended,
}
