using System.Globalization;

namespace DossierWorkflow.Dossiers.Calendar;

/// <summary>
/// Solar dates of Vietnamese lunar dates. The Vietnamese calendar is the Chinese lunisolar calendar computed for
/// UTC+7 instead of UTC+8: when a new moon falls between 23:00 and 24:00 Vietnamese time, the Vietnamese month starts
/// one day before the Chinese one (Tết 2007 was 17 February in Vietnam, 18 February in China; Tết 2030 is 2 February
/// in Vietnam, 3 February in China). We take the Chinese dates from <see cref="ChineseLunisolarCalendar"/> and correct
/// the months the holidays use (months 1 and 3) with the table below.
/// </summary>
internal static class VietnameseLunarCalendar
{
    public const int FirstSupportedYear = 1902;
    public const int LastSupportedYear = 2100;

    private static readonly ChineseLunisolarCalendar Chinese = new();

    /// <summary>
    /// First days of lunar months 1 and 3 in 2021–2100 where the Vietnamese month starts one day before the Chinese
    /// one. Computed with Hồ Ngọc Đức's astronomical algorithm for UTC+7 (the one behind Vietnamese calendars; it
    /// reproduces the known differences of 1985 and 2007) and cross-checked by a test. 2086 is a close call: the new
    /// moon falls about five minutes before midnight in Vietnam, so the official calendar may say 14 April.
    /// Months 2, 4–12 are not corrected because no holiday depends on them.
    /// </summary>
    internal static readonly IReadOnlyDictionary<(int LunarYear, int Month), DateOnly> VietnameseMonthStarts =
        new Dictionary<(int, int), DateOnly>
        {
            [(2030, 1)] = new(2030, 2, 2),
            [(2037, 3)] = new(2037, 4, 15),
            [(2038, 3)] = new(2038, 4, 4),
            [(2053, 1)] = new(2053, 2, 18),
            [(2085, 3)] = new(2085, 3, 25),
            [(2086, 3)] = new(2086, 4, 13),
            [(2095, 3)] = new(2095, 4, 4),
            [(2100, 3)] = new(2100, 4, 9),
        };

    /// <summary>The first day of the lunar year that starts in solar year <paramref name="year"/> (mùng 1 Tết).</summary>
    public static DateOnly LunarNewYear(int year) => ToSolar(year, 1, 1);

    /// <summary>The solar date of day <paramref name="day"/> of the ordinary (non-leap) lunar month <paramref name="month"/>.</summary>
    public static DateOnly ToSolar(int lunarYear, int month, int day)
    {
        if (lunarYear is < FirstSupportedYear or > LastSupportedYear)
        {
            throw new ArgumentOutOfRangeException(
                nameof(lunarYear), lunarYear,
                $"Lunar holidays can be computed for {FirstSupportedYear}–{LastSupportedYear} only; enter the days off of other years as calendar overrides.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(day, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(day, 30);

        // GetLeapMonth gives the position of the leap month among the year's 13 months: months from there on shift by one.
        var leapPosition = Chinese.GetLeapMonth(lunarYear);
        var position = leapPosition > 0 && month >= leapPosition ? month + 1 : month;
        var monthStart = VietnameseMonthStarts.TryGetValue((lunarYear, month), out var vietnamese)
            ? vietnamese
            : DateOnly.FromDateTime(Chinese.ToDateTime(lunarYear, position, 1, 0, 0, 0, 0));
        return monthStart.AddDays(day - 1);
    }
}
