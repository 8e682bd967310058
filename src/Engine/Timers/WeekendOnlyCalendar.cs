namespace DossierWorkflow.Engine.Timers;

/// <summary>
/// The default calendar: Monday to Friday are working days, office hours end at 17:00 in the given time zone.
/// It knows no public holidays; the domain replaces it with the real calendar.
/// </summary>
public sealed class WeekendOnlyCalendar(TimeZoneInfo timeZone) : IWorkingCalendar
{
    private static readonly TimeOnly EndOfDay = new(17, 0);

    public WeekendOnlyCalendar() : this(TimeZoneInfo.Utc)
    {
    }

    public bool IsWorkingDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var local = TimeZoneInfo.ConvertTime(start, timeZone);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (workingDays == 0)
        {
            while (!IsWorkingDay(day))
            {
                day = day.AddDays(1);
            }
        }

        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        var endLocal = day.ToDateTime(EndOfDay);
        return new DateTimeOffset(endLocal, timeZone.GetUtcOffset(endLocal));
    }
}
