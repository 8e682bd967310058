namespace DossierWorkflow.Dossiers.Calendar;

/// <summary>
/// Computes appointment dates under the one-stop rules (DESIGN §4 "Deadlines", Decree 118/2025): pure, on a given
/// working calendar. Each result lists the rules it applied.
/// </summary>
public sealed class DeadlineCalculator(VietnameseWorkingCalendar calendar, DeadlineRules? rules = null)
{
    private readonly DeadlineRules _rules = rules ?? DeadlineRules.Default;

    /// <summary>The appointment date of a dossier received at <paramref name="receivedAt"/>.</summary>
    public Deadline Compute(DateTimeOffset receivedAt, ProcessingTime processingTime, ReceptionChannel channel)
    {
        ArgumentNullException.ThrowIfNull(processingTime);
        var applied = new List<AppliedDeadlineRule>();
        var local = calendar.ToLocal(receivedAt);
        var arrivalDate = DateOnly.FromDateTime(local.DateTime);
        var receivedAsDate = arrivalDate;
        var receivedAsTime = TimeOnly.FromDateTime(local.DateTime);

        if (!calendar.IsWorkingDay(arrivalDate))
        {
            receivedAsDate = calendar.NextWorkingDay(arrivalDate);
            receivedAsTime = calendar.OfficeHours.StartOfWorkingDay;
            applied.Add(new(DeadlineRule.ReceivedOnNonWorkingDay,
                $"Received {Describe(channel)} on {arrivalDate:yyyy-MM-dd} ({DayOffReason(arrivalDate)}), which is not a working day: "
                + $"counts as received on the next working day, {receivedAsDate:yyyy-MM-dd}, at the start of office hours."));
        }

        DateOnly? countingStartsOn = null;
        DateOnly dueDate;
        switch (processingTime.Unit)
        {
            case ProcessingTimeUnit.SameDay when receivedAsTime <= _rules.SameDayCutOff:
                dueDate = receivedAsDate;
                applied.Add(new(DeadlineRule.SameDayBeforeCutOff,
                    $"Same-day procedure received at {receivedAsTime:HH\\:mm}, not after {_rules.SameDayCutOff:HH\\:mm}: due the same day."));
                break;
            case ProcessingTimeUnit.SameDay:
                dueDate = calendar.NextWorkingDay(receivedAsDate);
                applied.Add(new(DeadlineRule.SameDayAfterCutOff,
                    $"Same-day procedure received at {receivedAsTime:HH\\:mm}, after {_rules.SameDayCutOff:HH\\:mm}: due the next working day, {dueDate:yyyy-MM-dd}."));
                break;
            case ProcessingTimeUnit.WorkingDays:
                countingStartsOn = calendar.NextWorkingDay(receivedAsDate);
                dueDate = calendar.AddWorkingDays(receivedAsDate, processingTime.Days);
                applied.Add(new(DeadlineRule.ReceiptDayNotCounted,
                    $"The day of receipt, {receivedAsDate:yyyy-MM-dd}, is not counted: counting starts on the next working day, {countingStartsOn:yyyy-MM-dd}."));
                applied.Add(new(DeadlineRule.WorkingDaysCounted,
                    $"{processingTime.Days} working day(s) counted, skipping weekly rest days, holidays and days off: the last is {dueDate:yyyy-MM-dd}."));
                break;
            default:
                countingStartsOn = receivedAsDate.AddDays(1);
                dueDate = receivedAsDate.AddDays(processingTime.Days);
                applied.Add(new(DeadlineRule.ReceiptDayNotCounted,
                    $"The day of receipt, {receivedAsDate:yyyy-MM-dd}, is not counted: counting starts on {countingStartsOn:yyyy-MM-dd}."));
                applied.Add(new(DeadlineRule.CalendarDaysCounted,
                    $"{processingTime.Days} calendar day(s) counted: the last is {dueDate:yyyy-MM-dd}."));
                break;
        }

        dueDate = MoveOffNonWorkingDay(dueDate, applied);
        var appointment = EndOfDay(dueDate, applied);
        return new Deadline(receivedAt, channel, processingTime, receivedAsDate, countingStartsOn, appointment, applied);
    }

    /// <summary>
    /// The complete supplement arrived at <paramref name="completeDossierReceivedAt"/>: the legal clock restarts from
    /// zero from that receipt. Both the previous and the new appointment are returned, for the dossier keeps both.
    /// The single extension, if already used, stays used.
    /// </summary>
    public SupplementRestart RestartAfterSupplement(Deadline current, DateTimeOffset completeDossierReceivedAt, ReceptionChannel channel)
    {
        ArgumentNullException.ThrowIfNull(current);
        var restarted = Compute(completeDossierReceivedAt, current.ProcessingTime, channel);
        AppliedDeadlineRule restart = new(DeadlineRule.SupplementRestartedClock,
            $"The complete dossier came back on {calendar.LocalDate(completeDossierReceivedAt):yyyy-MM-dd}: the {current.ProcessingTime} "
            + $"restart from zero; the previous appointment {Format(current.AppointmentDate)} is kept for the record.");
        return new SupplementRestart(current, restarted with
        {
            AppliedRules = [restart, .. restarted.AppliedRules],
            ExtensionUsed = current.ExtensionUsed,
        });
    }

    /// <summary>
    /// Extends the appointment by <paramref name="workingDays"/> working days after the leader's apology (form 04).
    /// A dossier gets one extension only; a second request is rejected. An apology issued later than one working day
    /// before the due date is accepted (the citizen still needs a new date) but recorded as late.
    /// </summary>
    public ExtensionResult Extend(Deadline current, int workingDays, DateTimeOffset apologyIssuedAt, string reason)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, 1);
        if (current.ExtensionUsed)
        {
            return new ExtensionResult.Rejected(DeadlineExtensionError.AlreadyExtended,
                "This dossier has already been extended once after an apology; the appointment date can be changed only once "
                + "(Decree 118/2025). Resolve the dossier, or record the delay and its cause.");
        }

        var applied = new List<AppliedDeadlineRule>(current.AppliedRules);
        var previousDue = calendar.LocalDate(current.AppointmentDate);
        var newDue = calendar.AddWorkingDays(previousDue, workingDays);
        applied.Add(new(DeadlineRule.ExtendedAfterApology,
            $"Extended once after an apology: {workingDays} working day(s) after the previous appointment {Format(current.AppointmentDate)}, "
            + $"to {newDue:yyyy-MM-dd}."));

        var latestApologyDate = calendar.PreviousWorkingDay(previousDue);
        var apologyDate = calendar.LocalDate(apologyIssuedAt);
        if (apologyDate > latestApologyDate)
        {
            applied.Add(new(DeadlineRule.ApologyIssuedLate,
                $"The apology was issued on {apologyDate:yyyy-MM-dd}; it was due at least one working day before the due date, "
                + $"that is by {latestApologyDate:yyyy-MM-dd}."));
        }

        var appointment = EndOfDay(newDue, applied);
        return new ExtensionResult.Extended(current with
        {
            AppointmentDate = appointment,
            AppliedRules = applied,
            Extension = new DeadlineExtension(workingDays, current.AppointmentDate, apologyIssuedAt, reason),
            ExtensionUsed = true,
        });
    }

    private DateOnly MoveOffNonWorkingDay(DateOnly dueDate, List<AppliedDeadlineRule> applied)
    {
        if (calendar.IsWorkingDay(dueDate))
        {
            return dueDate;
        }

        var moved = calendar.NextWorkingDay(dueDate);
        applied.Add(new(DeadlineRule.DueDateMovedOffNonWorkingDay,
            $"The due date {dueDate:yyyy-MM-dd} is not a working day ({DayOffReason(dueDate)}): moved to the next working day, {moved:yyyy-MM-dd}."));
        return moved;
    }

    private DateTimeOffset EndOfDay(DateOnly dueDate, List<AppliedDeadlineRule> applied)
    {
        var appointment = calendar.EndOfWorkingDay(dueDate);
        applied.RemoveAll(r => r.Rule == DeadlineRule.DueAtEndOfWorkingDay);
        applied.Add(new(DeadlineRule.DueAtEndOfWorkingDay, $"Due at the end of office hours: {Format(appointment)}."));
        return appointment;
    }

    private string DayOffReason(DateOnly date)
    {
        var status = calendar.Describe(date);
        return status.Note ?? status.Holiday?.Name ?? $"{date.DayOfWeek}, weekly rest day";
    }

    private string Format(DateTimeOffset instant) => $"{calendar.ToLocal(instant):yyyy-MM-dd HH\\:mm}";

    private static string Describe(ReceptionChannel channel) => channel switch
    {
        ReceptionChannel.Online => "online",
        ReceptionChannel.Postal => "by post",
        _ => "at the counter",
    };
}
