using DossierWorkflow.Engine.Timers;

namespace DossierWorkflow.Engine.Tests;

public sealed class WeekendOnlyCalendarTests
{
    private readonly WeekendOnlyCalendar _calendar = new();

    [Fact]
    public void Counting_skips_the_start_day_and_the_weekend()
    {
        var friday = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

        var due = _calendar.AddWorkingDays(friday, 2);

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 17, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void Zero_days_on_a_saturday_is_the_end_of_the_next_monday()
    {
        var saturday = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.Zero), _calendar.AddWorkingDays(saturday, 0));
    }

    [Fact]
    public void Zero_days_after_the_same_day_cut_off_is_the_end_of_the_next_working_day()
    {
        var fridayEvening = new DateTimeOffset(2026, 11, 20, 20, 47, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.Zero), _calendar.AddWorkingDays(fridayEvening, 0));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 17, 0, 0, TimeSpan.Zero), _calendar.AddWorkingDays(fridayEvening.AddHours(-5.8), 0));
    }

    [Fact]
    public void A_start_on_a_sunday_counts_from_monday_which_is_not_counted()
    {
        var sunday = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 17, 0, 0, TimeSpan.Zero), _calendar.AddWorkingDays(sunday, 1));
    }
}
