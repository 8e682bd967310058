using DossierWorkflow.Dossiers.Calendar;

namespace DossierWorkflow.Dossiers.Reports;

/// <summary>
/// The days a report covers, in Vietnamese dates, from <see cref="First"/> to <see cref="Last"/> inclusive: a month, a
/// quarter, a year, the reporting window the law uses (the 15th of one month to the 14th of the next), or any range.
/// </summary>
public sealed record ReportPeriod(DateOnly First, DateOnly Last)
{
    public static ReportPeriod Month(int year, int month) => new(new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1).AddDays(-1));

    public static ReportPeriod Quarter(int year, int quarter) =>
        quarter is < 1 or > 4
            ? throw new ArgumentOutOfRangeException(nameof(quarter), quarter, "A quarter is 1 to 4.")
            : new(new DateOnly(year, (quarter * 3) - 2, 1), new DateOnly(year, (quarter * 3) - 2, 1).AddMonths(3).AddDays(-1));

    public static ReportPeriod Year(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    /// <summary>The reporting window that ends in <paramref name="month"/>: from the 15th of the month before to the 14th.</summary>
    public static ReportPeriod Window(int year, int month) => new(new DateOnly(year, month, 15).AddMonths(-1), new DateOnly(year, month, 14));

    /// <summary>When the period begins: the start of its first day.</summary>
    public DateTimeOffset Start(VietnameseWorkingCalendar calendar) => calendar.At(First, TimeOnly.MinValue);

    /// <summary>When it is over: the start of the day after its last.</summary>
    public DateTimeOffset End(VietnameseWorkingCalendar calendar) => calendar.At(Last.AddDays(1), TimeOnly.MinValue);
}
