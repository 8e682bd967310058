namespace DossierWorkflow.Engine.Timers;

/// <summary>
/// The default calendar: Monday to Friday are working days, office hours end at 17:00 in the given time zone.
/// It knows no public holidays; the domain replaces it with the real calendar.
/// </summary>
public sealed class WeekendOnlyCalendar(TimeZoneInfo timeZone) : IWorkingCalendar
{
    private static readonly TimeOnly EndOfDay = new(17, 0);
    private static readonly TimeOnly SameDayCutOff = new(15, 0);

    public WeekendOnlyCalendar() : this(TimeZoneInfo.Utc)
    {
    }

    public bool IsWorkingDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var local = TimeZoneInfo.ConvertTime(start, timeZone);
        var day = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (!IsWorkingDay(day))
        {
            day = NextWorkingDay(day);
            time = TimeOnly.MinValue;
        }

        var counted = workingDays == 0 && time > SameDayCutOff ? 1 : workingDays;
        for (var i = 0; i < counted; i++)
        {
            day = NextWorkingDay(day);
        }

        var endLocal = day.ToDateTime(EndOfDay);
        return new DateTimeOffset(endLocal, timeZone.GetUtcOffset(endLocal));
    }

    private DateOnly NextWorkingDay(DateOnly date)
    {
        do
        {
            date = date.AddDays(1);
        }
        while (!IsWorkingDay(date));
        return date;
    }
}
