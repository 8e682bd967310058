namespace DossierWorkflow.Dossiers.Calendar;

/// <summary>
/// Seed data: the official schedules for public servants (cán bộ, công chức, viên chức) where they differ from
/// <see cref="PublicHolidayRules.LabourCode2019"/>, as announced each year by the Ministry of Labour, Invalids and
/// Social Affairs (until 2025) or the Ministry of Home Affairs (since March 2025) with the Prime Minister's approval.
/// Only schedules we are sure of are listed; years whose official swaps are not listed must be entered by the
/// administrator from the published notice. Where the official schedule equals the defaults (e.g. Tết Bính Ngọ
/// 2026, 14–22 February: the five Tết days are Monday to Friday), nothing is listed.
/// </summary>
public static class OfficialCalendarOverrides
{
    public static IReadOnlyList<CalendarDay> All { get; } =
    [
        // Tết Giáp Thìn 2024: 8–14 February (29 tháng Chạp to mùng 5); the defaults give 9–15 February.
        new(new DateOnly(2024, 2, 8), false, "Tết Giáp Thìn 2024: công chức nghỉ từ 08/02 đến hết 14/02/2024"),
        new(new DateOnly(2024, 2, 15), true, "Tết Giáp Thìn 2024: lịch nghỉ chính thức kết thúc ngày 14/02/2024"),

        // 30/4–1/5/2024: Monday 29 April swapped with Saturday 4 May (27 April – 1 May off).
        new(new DateOnly(2024, 4, 29), false, "Nghỉ hoán đổi, làm bù thứ Bảy 04/5/2024"),
        new(new DateOnly(2024, 5, 4), true, "Làm bù cho thứ Hai 29/4/2024"),

        // Tết Ất Tỵ 2025: 25 January – 2 February (26 tháng Chạp to mùng 5), no make-up day; the defaults give
        // 28 January – 1 February plus a compensatory Monday 3 February.
        new(new DateOnly(2025, 1, 27), false, "Tết Ất Tỵ 2025: công chức nghỉ từ 25/01 đến hết 02/02/2025"),
        new(new DateOnly(2025, 2, 3), true, "Tết Ất Tỵ 2025: lịch nghỉ chính thức kết thúc ngày 02/02/2025"),

        // 30/4–1/5/2025: Friday 2 May swapped with Saturday 26 April (30 April – 4 May off).
        new(new DateOnly(2025, 4, 26), true, "Làm bù cho thứ Sáu 02/5/2025"),
        new(new DateOnly(2025, 5, 2), false, "Nghỉ hoán đổi, làm bù thứ Bảy 26/4/2025"),
    ];

    /// <summary>The shipped decision for a date, if any.</summary>
    public static CalendarDay? On(DateOnly date) => All.FirstOrDefault(d => d.Date == date);

    /// <summary>Whether a stored decision is the shipped one of its date, unchanged (an administrator's replaces it).</summary>
    public static bool IsShipped(CalendarDay day) => On(day.Date) == day;
}
