namespace DossierWorkflow.Dossiers.Calendar;

/// <summary>
/// An administrator's decision about one date that overrides the default rules: a swapped day off, a make-up
/// working Saturday, an extra day off announced by the Prime Minister. Plain data, stored as one row per date.
/// </summary>
/// <param name="Date">The local date of the office (Asia/Ho_Chi_Minh).</param>
/// <param name="IsWorkingDay">Whether offices work on that date.</param>
/// <param name="Note">Why, ideally with the notice that decided it (e.g. "Làm bù cho thứ Sáu 02/5/2025").</param>
public sealed record CalendarDay(DateOnly Date, bool IsWorkingDay, string Note);
