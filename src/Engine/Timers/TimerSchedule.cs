using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Timers;

/// <summary>When a timer is due.</summary>
internal static class TimerSchedule
{
    /// <summary>
    /// A date timer is due at its date. A duration counts from <paramref name="now"/>: in calendar time, or, with
    /// <c>dw:workingDays</c>, its days are working days on the calendar (ending at the end of office hours of the last
    /// counted day, as <see cref="IWorkingCalendar.AddWorkingDays"/> defines) and its clock part is added after that. A
    /// working-day duration with no days is plain clock time.
    /// </summary>
    /// <remarks>A cycle's first occurrence is one period after <paramref name="now"/>; each next one a period after the last (<see cref="Next"/>).</remarks>
    public static DateTimeOffset DueAt(TimerTrigger timer, DateTimeOffset now, IWorkingCalendar calendar)
    {
        if (timer.Kind == TimerKind.Date)
        {
            return timer.Date ?? throw new InvalidOperationException($"Timer '{timer.Expression}' has no compiled date.");
        }

        var duration = timer.Duration ?? throw new InvalidOperationException($"Timer '{timer.Expression}' has no compiled duration.");
        if (timer.WorkingDays && duration.Days > 0)
        {
            return calendar.AddWorkingDays(now, duration.Days) + duration.Time;
        }

        return now + TimeSpan.FromDays(duration.Days) + duration.Time;
    }

    /// <summary>
    /// The occurrence of a cycle after the one due at <paramref name="fired"/> (which was its <paramref name="firedOccurrence"/>th,
    /// counted from 1), or null when that was its last.
    /// </summary>
    public static DateTimeOffset? Next(TimerTrigger cycle, DateTimeOffset fired, int firedOccurrence, IWorkingCalendar calendar) =>
        cycle.Kind != TimerKind.Cycle || firedOccurrence >= cycle.Repetitions ? null : DueAt(cycle, fired, calendar);
}
