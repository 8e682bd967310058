namespace DossierWorkflow.Engine.Timers;

/// <summary>
/// The engine's port to the working calendar. Timers marked <c>dw:workingDays="true"</c> and user-task
/// step budgets (<c>dw:durationDays</c>) are counted on it. The engine ships a weekend-only default;
/// the domain supplies the real calendar (public holidays, swapped days, make-up working days).
/// </summary>
public interface IWorkingCalendar
{
    /// <summary>Whether <paramref name="date"/> (a local calendar date of the office) is a working day.</summary>
    bool IsWorkingDay(DateOnly date);

    /// <summary>
    /// The instant <paramref name="workingDays"/> working days after <paramref name="start"/>: the day of
    /// <paramref name="start"/> is not counted, counting starts on the next working day, and the result is the
    /// end of office hours of the last counted day. Zero working days means the end of the working day of
    /// <paramref name="start"/> (or of the next working day when <paramref name="start"/> is not one).
    /// </summary>
    DateTimeOffset AddWorkingDays(DateTimeOffset start, int workingDays);
}
