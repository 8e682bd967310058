namespace DossierWorkflow.Dossiers.Calendar;

/// <summary>Derives a year's default days off from <see cref="PublicHolidayRules"/>, before administrator overrides.</summary>
internal static class DefaultHolidays
{
    public static IReadOnlyList<PublicHoliday> For(int year, PublicHolidayRules rules)
    {
        var holidays = new List<PublicHoliday>
        {
            new(new DateOnly(year, 1, 1), HolidayKind.NewYearsDay, "New Year's Day (Tết Dương lịch)"),
        };

        var lunarNewYear = VietnameseLunarCalendar.LunarNewYear(year);
        var firstTetDay = lunarNewYear.AddDays(-rules.DaysBeforeLunarNewYearIn(year));
        for (var i = 0; i < rules.LunarNewYearDays; i++)
        {
            holidays.Add(new(firstTetDay.AddDays(i), HolidayKind.LunarNewYear, "Lunar New Year (Tết Nguyên đán)"));
        }

        holidays.Add(new(VietnameseLunarCalendar.ToSolar(year, 3, 10), HolidayKind.HungKingsCommemoration, "Hùng Kings' Commemoration (Giỗ Tổ Hùng Vương, 10/3 lunar)"));
        holidays.Add(new(new DateOnly(year, 4, 30), HolidayKind.ReunificationDay, "Reunification Day (Ngày Chiến thắng)"));
        holidays.Add(new(new DateOnly(year, 5, 1), HolidayKind.InternationalLabourDay, "International Labour Day (Ngày Quốc tế lao động)"));

        var nationalDay = new DateOnly(year, 9, 2);
        holidays.Add(new(nationalDay, HolidayKind.NationalDay, "National Day (Quốc khánh)"));
        holidays.Add(new(AdjacentToNationalDay(nationalDay, rules.NationalDayAdjacentDayIn(year)), HolidayKind.NationalDay, "National Day, adjacent day (Quốc khánh)"));

        holidays.AddRange(rules.AdditionalHolidays
            .Where(h => h.AppliesIn(year))
            .Select(h => new PublicHoliday(new DateOnly(year, h.Month, h.Day), HolidayKind.Additional, h.Name)));

        // Holidays that coincide (Hùng Kings' day can fall on 30/4 or 1/5) give one day off: the Labour Code only
        // compensates holidays that fall on weekly rest days.
        var distinct = holidays.DistinctBy(h => h.Date).OrderBy(h => h.Date).ToList();
        return rules.CompensateHolidaysOnWeeklyRestDays ? [.. distinct, .. CompensatoryDays(distinct, rules)] : distinct;
    }

    private static DateOnly AdjacentToNationalDay(DateOnly nationalDay, NationalDayAdjacentDay choice) => choice switch
    {
        NationalDayAdjacentDay.DayBefore => nationalDay.AddDays(-1),
        NationalDayAdjacentDay.DayAfter => nationalDay.AddDays(1),
        _ => nationalDay.DayOfWeek == DayOfWeek.Thursday ? nationalDay.AddDays(1) : nationalDay.AddDays(-1),
    };

    private static List<PublicHoliday> CompensatoryDays(IReadOnlyList<PublicHoliday> holidays, PublicHolidayRules rules)
    {
        var taken = holidays.Select(h => h.Date).ToHashSet();
        var compensatory = new List<PublicHoliday>();
        foreach (var holiday in holidays.Where(h => rules.WeeklyRestDays.Contains(h.Date.DayOfWeek)))
        {
            var day = holiday.Date.AddDays(1);
            while (taken.Contains(day) || rules.WeeklyRestDays.Contains(day.DayOfWeek))
            {
                day = day.AddDays(1);
            }

            taken.Add(day);
            compensatory.Add(new(day, HolidayKind.CompensatoryDayOff, $"Compensatory day off for {holiday.Name} on {holiday.Date:yyyy-MM-dd}", holiday.Date));
        }

        return compensatory;
    }
}
