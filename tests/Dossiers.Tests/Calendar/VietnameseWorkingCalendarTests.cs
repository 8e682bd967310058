using System.Globalization;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Engine.Timers;

namespace DossierWorkflow.Dossiers.Tests.Calendar;

public sealed class VietnameseWorkingCalendarTests
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    private readonly VietnameseWorkingCalendar _defaults = new([]);

    [Fact]
    public void Tet_2026_closes_the_offices_from_saturday_14_to_sunday_22_february()
    {
        // given the default rules: the last day of Ất Tỵ (Monday 16/2) and the first four days of Bính Ngọ

        // when
        var daysOff = NonWorkingDays(_defaults, new(2026, 2, 12), new(2026, 2, 24));

        // then: nine days in a row, as in the official schedule for public servants
        Assert.Equal(Dates("2026-02-14", "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22"), daysOff);
        Assert.Equal(HolidayKind.LunarNewYear, _defaults.Describe(new(2026, 2, 16)).Holiday?.Kind);
    }

    [Fact]
    public void Tet_2027_starting_on_a_saturday_gives_compensatory_days_on_wednesday_and_thursday()
    {
        // given Tết Đinh Mùi on Saturday 6/2/2027: Tết days Friday 5 to Tuesday 9, two of them on the weekend

        // when
        var daysOff = NonWorkingDays(_defaults, new(2027, 2, 3), new(2027, 2, 15));
        var wednesday = _defaults.Describe(new(2027, 2, 10));

        // then
        Assert.Equal(Dates("2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11", "2027-02-13", "2027-02-14"), daysOff);
        Assert.Equal(DayKind.CompensatoryDayOff, wednesday.Kind);
        Assert.Equal(new DateOnly(2027, 2, 6), wednesday.Holiday?.CompensatesFor);
    }

    [Fact]
    public void Hung_kings_day_2026_falls_on_sunday_26_april_and_is_compensated_on_monday_27_april()
    {
        // when
        var sunday = _defaults.Describe(new(2026, 4, 26));
        var monday = _defaults.Describe(new(2026, 4, 27));

        // then
        Assert.Equal(HolidayKind.HungKingsCommemoration, sunday.Holiday?.Kind);
        Assert.False(monday.IsWorkingDay);
        Assert.Equal(DayKind.CompensatoryDayOff, monday.Kind);
    }

    [Fact]
    public void Between_hung_kings_day_and_labour_day_2026_only_tuesday_and_wednesday_are_working_days()
    {
        // when
        var workingDays = Range(new(2026, 4, 25), new(2026, 5, 4)).Where(_defaults.IsWorkingDay).ToList();

        // then: Sunday 26/4 (compensated Monday 27/4), Thursday 30/4 and Friday 1/5 are off
        Assert.Equal(Dates("2026-04-28", "2026-04-29", "2026-05-04"), workingDays);
    }

    [Fact]
    public void National_day_2026_on_a_wednesday_is_taken_with_tuesday_1_september_by_default()
    {
        // when
        var daysOff = NonWorkingDays(_defaults, new(2026, 8, 31), new(2026, 9, 4));

        // then
        Assert.Equal(Dates("2026-09-01", "2026-09-02"), daysOff);
    }

    [Fact]
    public void A_yearly_choice_can_give_3_september_instead_of_1_september()
    {
        // given
        var rules = PublicHolidayRules.LabourCode2019 with { YearlyChoices = [new YearlyHolidayChoice(2026, NationalDayAdjacentDay: NationalDayAdjacentDay.DayAfter)] };
        var calendar = new VietnameseWorkingCalendar([], rules);

        // when
        var daysOff = NonWorkingDays(calendar, new(2026, 8, 31), new(2026, 9, 4));

        // then
        Assert.Equal(Dates("2026-09-02", "2026-09-03"), daysOff);
    }

    [Theory]
    [InlineData(2021, new[] { "2021-09-02", "2021-09-03" })]
    [InlineData(2022, new[] { "2022-09-01", "2022-09-02" })]
    [InlineData(2023, new[] { "2023-09-01", "2023-09-04" })]
    [InlineData(2024, new[] { "2024-09-02", "2024-09-03" })]
    [InlineData(2025, new[] { "2025-09-01", "2025-09-02" })]
    public void The_default_day_next_to_national_day_reproduces_the_official_schedules_of_2021_to_2025(int year, string[] expectedWeekdaysOff)
    {
        // when
        var weekdaysOff = NonWorkingDays(_defaults, new(year, 8, 28), new(year, 9, 6))
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

        // then
        Assert.Equal(Dates(expectedWeekdaysOff), weekdaysOff);
    }

    [Fact]
    public void New_years_day_on_a_saturday_gives_a_compensatory_day_on_monday()
    {
        // given 1/1/2028 is a Saturday

        // when
        var monday = _defaults.Describe(new(2028, 1, 3));

        // then
        Assert.Equal(DayKind.CompensatoryDayOff, monday.Kind);
        Assert.Equal(new DateOnly(2028, 1, 1), monday.Holiday?.CompensatesFor);
        Assert.True(_defaults.IsWorkingDay(new(2028, 1, 4)));
    }

    [Fact]
    public void An_override_makes_a_saturday_a_make_up_working_day()
    {
        // given
        var calendar = new VietnameseWorkingCalendar([new CalendarDay(new(2026, 11, 21), true, "Làm bù")]);

        // when
        var saturday = calendar.Describe(new(2026, 11, 21));

        // then
        Assert.True(saturday.IsWorkingDay);
        Assert.Equal(DayKind.OverriddenWorkingDay, saturday.Kind);
        Assert.Equal("Làm bù", saturday.Note);
        Assert.Equal(new DateOnly(2026, 11, 21), calendar.NextWorkingDay(new(2026, 11, 20)));
    }

    [Fact]
    public void An_override_makes_a_weekday_a_day_off()
    {
        // given
        var calendar = new VietnameseWorkingCalendar([new CalendarDay(new(2026, 1, 2), false, "Nghỉ hoán đổi")]);

        // when
        var friday = calendar.Describe(new(2026, 1, 2));

        // then
        Assert.False(friday.IsWorkingDay);
        Assert.Equal(DayKind.OverriddenDayOff, friday.Kind);
        Assert.Equal(new DateOnly(2026, 1, 5), calendar.NextWorkingDay(new(2025, 12, 31)));
    }

    [Fact]
    public void An_override_wins_over_a_public_holiday()
    {
        // given
        var calendar = new VietnameseWorkingCalendar([new CalendarDay(new(2026, 2, 16), true, "Test: làm việc")]);

        // when
        var status = calendar.Describe(new(2026, 2, 16));

        // then the holiday it replaced is still reported, for the calendar page
        Assert.True(status.IsWorkingDay);
        Assert.Equal(HolidayKind.LunarNewYear, status.Holiday?.Kind);
    }

    [Fact]
    public void Two_overrides_for_the_same_date_are_refused()
    {
        // given
        CalendarDay[] overrides = [new(new(2026, 5, 2), true, "a"), new(new(2026, 5, 2), false, "b")];

        // when
        var error = Assert.Throws<ArgumentException>(() => new VietnameseWorkingCalendar(overrides));

        // then
        Assert.Contains("2026-05-02", error.Message);
    }

    [Fact]
    public void The_tet_split_is_data_two_days_before_the_new_year_moves_the_holiday_earlier()
    {
        // given Tết 2027 on Saturday 6/2, with two days off before it instead of one
        var rules = PublicHolidayRules.LabourCode2019 with { YearlyChoices = [new YearlyHolidayChoice(2027, LunarNewYearDaysBeforeNewYear: 2)] };
        var calendar = new VietnameseWorkingCalendar([], rules);

        // when
        var daysOff = NonWorkingDays(calendar, new(2027, 2, 3), new(2027, 2, 12));

        // then: Thursday 4 to Monday 8 are Tết, the weekend is compensated on Tuesday 9 and Wednesday 10
        Assert.Equal(Dates("2027-02-04", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09", "2027-02-10"), daysOff);
    }

    [Fact]
    public void The_number_of_tet_days_is_data()
    {
        // given a hypothetical amendment giving six days of Tết
        var calendar = new VietnameseWorkingCalendar([], PublicHolidayRules.LabourCode2019 with { LunarNewYearDays = 6 });

        // when
        var holidays = calendar.HolidaysIn(2026).Where(h => h.Kind == HolidayKind.LunarNewYear).Select(h => h.Date);

        // then
        Assert.Equal(Dates("2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21"), holidays);
        Assert.False(calendar.IsWorkingDay(new(2026, 2, 23)));
    }

    [Fact]
    public void A_holiday_added_by_a_later_law_applies_from_its_first_year_only()
    {
        // given a hypothetical fixed holiday on 24 November from 2026
        var rules = PublicHolidayRules.LabourCode2019 with { AdditionalHolidays = [new FixedHoliday(11, 24, "Example holiday", FirstYear: 2026)] };
        var calendar = new VietnameseWorkingCalendar([], rules);

        // then
        Assert.True(calendar.IsWorkingDay(new(2025, 11, 24)));
        Assert.False(calendar.IsWorkingDay(new(2026, 11, 24)));
    }

    [Fact]
    public void Adding_working_days_through_the_engine_port_ends_at_17_00_vietnam_time()
    {
        // given a timer started on Friday 13/2/2026 at 16:00 in Hà Nội, given in UTC
        IWorkingCalendar calendar = _defaults;
        var start = new DateTimeOffset(2026, 2, 13, 9, 0, 0, TimeSpan.Zero);

        // when
        var due = calendar.AddWorkingDays(start, 2);

        // then: Tết skipped, Monday 23 and Tuesday 24 counted
        Assert.Equal(new DateTimeOffset(2026, 2, 24, 17, 0, 0, Vietnam), due);
    }

    [Fact]
    public void Zero_working_days_during_tet_is_the_end_of_the_first_working_day_after_it()
    {
        // given
        IWorkingCalendar calendar = _defaults;

        // when
        var due = calendar.AddWorkingDays(new DateTimeOffset(2026, 2, 18, 10, 0, 0, Vietnam), 0);

        // then
        Assert.Equal(new DateTimeOffset(2026, 2, 23, 17, 0, 0, Vietnam), due);
    }

    [Fact]
    public void An_instant_late_in_the_evening_utc_is_the_next_morning_in_vietnam()
    {
        // when
        var date = _defaults.LocalDate(new DateTimeOffset(2026, 3, 2, 23, 30, 0, TimeSpan.Zero));

        // then
        Assert.Equal(new DateOnly(2026, 3, 3), date);
    }

    [Fact]
    public void Office_hours_out_of_order_are_refused()
    {
        // given
        var hours = OfficeHours.Default with { AfternoonStart = new(11, 0) };

        // then
        Assert.Throws<ArgumentException>(() => new VietnameseWorkingCalendar([], officeHours: hours));
    }

    internal static List<DateOnly> NonWorkingDays(VietnameseWorkingCalendar calendar, DateOnly from, DateOnly to) =>
        Range(from, to).Where(d => !calendar.IsWorkingDay(d)).ToList();

    internal static IEnumerable<DateOnly> Range(DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    internal static List<DateOnly> Dates(params string[] dates) =>
        dates.Select(d => DateOnly.Parse(d, CultureInfo.InvariantCulture)).ToList();
}
