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
    /// When something begun at <paramref name="start"/> with a budget of <paramref name="workingDays"/> working days is due,
    /// by the rules of a dossier's appointment: a start on a non-working day counts as made at the start of the next
    /// working day; the day of the start is not counted, counting starts on the next working day; zero working days is the
    /// same working day, or the next one when the start is after the same-day cut-off (15:00). The result is the end of
    /// office hours of the day found, so it never precedes <paramref name="start"/>.
    /// </summary>
    DateTimeOffset AddWorkingDays(DateTimeOffset start, int workingDays);
}
