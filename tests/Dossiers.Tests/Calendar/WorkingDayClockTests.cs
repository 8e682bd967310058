using DossierWorkflow.Dossiers.Calendar;

namespace DossierWorkflow.Dossiers.Tests.Calendar;

/// <summary>Working time as a number line: office hours only (lunch and nights not counted), days off skipped, and back.</summary>
public sealed class WorkingDayClockTests
{
    private static readonly VietnameseWorkingCalendar Calendar = new([]);
    private static readonly WorkingDayClock Clock = new(Calendar, new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 31));

    [Fact]
    public void Working_time_counts_office_hours_of_working_days_only()
    {
        // Office hours 07:30–11:30 and 13:00–17:00: eight hours a day.
        Assert.Equal(0.5, Clock.Between(At(2026, 12, 14, 7, 30), At(2026, 12, 14, 11, 30)));
        Assert.Equal(0.5, Clock.Between(At(2026, 12, 14, 7, 30), At(2026, 12, 14, 13, 0)));
        Assert.Equal(0, Clock.Between(At(2026, 12, 14, 5, 0), At(2026, 12, 14, 7, 30)));
        Assert.Equal(1, Clock.Between(At(2026, 12, 14, 17, 0), At(2026, 12, 15, 20, 0)));

        // Friday 13:00 to Monday 11:30: the weekend is not counted.
        Assert.Equal(1, Clock.Between(At(2026, 12, 18, 13, 0), At(2026, 12, 21, 11, 30)));

        // New Year's Day 2027 (a Friday) is a public holiday: Thursday's end to Monday's start is nothing.
        Assert.Equal(0, Clock.Between(At(2026, 12, 31, 17, 0), At(2027, 1, 4, 7, 30)));
    }

    [Fact]
    public void A_position_turns_back_into_its_instant_in_office_hours()
    {
        foreach (var instant in new[] { At(2026, 12, 14, 7, 30), At(2026, 12, 14, 9, 30), At(2026, 12, 14, 15, 0), At(2027, 1, 4, 10, 0) })
        {
            Assert.Equal(instant, Clock.At(Clock.Position(instant)));
        }

        // The afternoon, not the lunch break, follows the morning's end.
        Assert.Equal(At(2026, 12, 14, 13, 30), Clock.At(Clock.Position(At(2026, 12, 14, 7, 30)) + (4.5 / 8)));
    }

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute) => Calendar.At(new DateOnly(year, month, day), new TimeOnly(hour, minute));
}
