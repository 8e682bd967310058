using System.Globalization;
using DossierWorkflow.Dossiers.Calendar;

namespace DossierWorkflow.Dossiers.Tests.Calendar;

public sealed class VietnameseLunarCalendarTests
{
    [Theory]
    [InlineData(2024, "2024-02-10")]
    [InlineData(2025, "2025-01-29")]
    [InlineData(2026, "2026-02-17")]
    [InlineData(2027, "2027-02-06")]
    [InlineData(2028, "2028-01-26")]
    [InlineData(2029, "2029-02-13")]
    [InlineData(2030, "2030-02-02")]
    public void The_lunar_new_year_falls_on_the_vietnamese_date(int year, string expected)
    {
        // when
        var tet = VietnameseLunarCalendar.LunarNewYear(year);

        // then
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), tet);
    }

    [Fact]
    public void Tet_2030_is_one_day_earlier_in_vietnam_than_in_china()
    {
        // given the new moon of 2 February 2030 at about 16:07 UTC: 23:07 in Hà Nội, 00:07 on 3 February in Beijing
        var chinese = new ChineseLunisolarCalendar().ToDateTime(2030, 1, 1, 0, 0, 0, 0);

        // when
        var vietnamese = VietnameseLunarCalendar.LunarNewYear(2030);

        // then
        Assert.Equal(new DateTime(2030, 2, 3), chinese);
        Assert.Equal(new DateOnly(2030, 2, 2), vietnamese);
    }

    [Theory]
    [InlineData(2024, "2024-04-18")]
    [InlineData(2025, "2025-04-07")]
    [InlineData(2026, "2026-04-26")]
    [InlineData(2027, "2027-04-16")]
    public void Hung_kings_day_is_the_tenth_day_of_the_third_lunar_month(int year, string expected)
    {
        // when
        var hungKings = VietnameseLunarCalendar.ToSolar(year, 3, 10);

        // then
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), hungKings);
    }

    [Fact]
    public void Tet_and_hung_kings_day_agree_with_the_astronomical_vietnamese_calendar_from_2021_to_2100()
    {
        // given
        var years = Enumerable.Range(2021, 80);

        // when
        var disagreements = years
            .SelectMany(y => new[] { (y, Month: 1, Day: 1), (y, Month: 3, Day: 10) })
            .Select(d => (d.y, d.Month, d.Day, Ours: VietnameseLunarCalendar.ToSolar(d.y, d.Month, d.Day), Astronomical: AstronomicalVietnameseCalendar.ToSolar(d.y, d.Month, d.Day)))
            .Where(d => d.Ours != d.Astronomical)
            .ToList();

        // then
        Assert.Empty(disagreements);
    }

    [Fact]
    public void The_astronomical_oracle_reproduces_the_historical_differences_of_1985_and_2007()
    {
        // when
        var tet1985 = AstronomicalVietnameseCalendar.ToSolar(1985, 1, 1);
        var tet2007 = AstronomicalVietnameseCalendar.ToSolar(2007, 1, 1);
        var chinese2007 = AstronomicalVietnameseCalendar.ToSolar(2007, 1, 1, timeZone: 8);

        // then: Vietnam celebrated Tết Ất Sửu on 21 January 1985 (China: 20 February) and Tết Đinh Hợi on 17 February 2007 (China: 18 February)
        Assert.Equal(new DateOnly(1985, 1, 21), tet1985);
        Assert.Equal(new DateOnly(2007, 2, 17), tet2007);
        Assert.Equal(new DateOnly(2007, 2, 18), chinese2007);
    }

    [Fact]
    public void Lunar_holidays_outside_the_supported_years_are_refused_with_a_clear_message()
    {
        // when
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.LunarNewYear(2101));

        // then
        Assert.Contains("calendar overrides", error.Message);
    }
}
