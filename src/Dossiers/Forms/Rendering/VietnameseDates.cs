using System.Globalization;

namespace DossierWorkflow.Dossiers.Forms.Rendering;

/// <summary>
/// Dates as official documents write them (Decree 30/2020): "ngày 05 tháng 02 năm 2026", a leading zero for
/// days below 10 and for months below 3; times as "08 giờ 30 phút".
/// </summary>
internal static class VietnameseDates
{
    public static string Day(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"ngày {date.Day:00} tháng {(date.Month < 3 ? date.Month.ToString("00", CultureInfo.InvariantCulture) : date.Month.ToString(CultureInfo.InvariantCulture))} năm {date.Year}");

    public static string Day(DateTime moment) => Day(DateOnly.FromDateTime(moment));

    /// <summary>"08 giờ 30 phút, ngày 22 tháng 11 năm 2026".</summary>
    public static string Moment(DateTime moment) =>
        string.Create(CultureInfo.InvariantCulture, $"{moment.Hour:00} giờ {moment.Minute:00} phút, {Day(moment)}");

    /// <summary>"Hoàn Kiếm, ngày 22 tháng 11 năm 2026".</summary>
    public static string DateLine(string place, DateOnly date) => $"{place}, {Day(date)}";

    /// <summary>Compact form for table cells: "08:30 22/11/2026".</summary>
    public static string Short(DateTime moment) =>
        moment.ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Short(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
