using DossierWorkflow.Dossiers.Calendar;
using static DossierWorkflow.Dossiers.Tests.Calendar.VietnameseWorkingCalendarTests;

namespace DossierWorkflow.Dossiers.Tests.Calendar;

public sealed class OfficialCalendarOverridesTests
{
    private readonly VietnameseWorkingCalendar _official = new(OfficialCalendarOverrides.All);

    [Fact]
    public void Tet_2025_for_public_servants_runs_from_saturday_25_january_to_sunday_2_february()
    {
        // when
        var daysOff = NonWorkingDays(_official, new(2025, 1, 23), new(2025, 2, 4));

        // then
        Assert.Equal(Dates("2025-01-25", "2025-01-26", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02"), daysOff);
    }

    [Fact]
    public void Reunification_and_labour_day_2025_take_five_days_with_saturday_26_april_worked()
    {
        // when
        var daysOff = NonWorkingDays(_official, new(2025, 4, 26), new(2025, 5, 5));

        // then
        Assert.Equal(Dates("2025-04-27", "2025-04-30", "2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04"), daysOff);
        Assert.True(_official.IsWorkingDay(new(2025, 4, 26)));
    }

    [Fact]
    public void Tet_2024_for_public_servants_runs_from_thursday_8_to_wednesday_14_february()
    {
        // when
        var daysOff = NonWorkingDays(_official, new(2024, 2, 6), new(2024, 2, 16));

        // then
        Assert.Equal(Dates("2024-02-08", "2024-02-09", "2024-02-10", "2024-02-11", "2024-02-12", "2024-02-13", "2024-02-14"), daysOff);
    }

    [Fact]
    public void Reunification_and_labour_day_2024_take_five_days_with_saturday_4_may_worked()
    {
        // when
        var daysOff = NonWorkingDays(_official, new(2024, 4, 26), new(2024, 5, 5));

        // then
        Assert.Equal(Dates("2024-04-27", "2024-04-28", "2024-04-29", "2024-04-30", "2024-05-01", "2024-05-05"), daysOff);
    }

    [Fact]
    public void Every_seed_override_changes_what_the_default_rules_say()
    {
        // given
        var defaults = new VietnameseWorkingCalendar([]);

        // when
        var redundant = OfficialCalendarOverrides.All.Where(o => defaults.IsWorkingDay(o.Date) == o.IsWorkingDay);

        // then
        Assert.Empty(redundant);
    }
}
