namespace DossierWorkflow.Dossiers.Calendar;

/// <summary>
/// The default public holidays of the Labour Code 2019 (art. 112, in force since 1 January 2021) and the weekly rest
/// days, as data. Each year's official schedule (which days of Tết, which day next to 2/9, swapped days) is decided by
/// the Prime Minister; the choices the code cannot derive are per-year data here or <see cref="CalendarDay"/> overrides.
/// </summary>
public sealed record PublicHolidayRules
{
    /// <summary>Labour Code 2019 art. 112 and 111(3) with Saturday and Sunday as weekly rest days.</summary>
    public static PublicHolidayRules LabourCode2019 { get; } = new();

    /// <summary>Weekly rest days of public offices.</summary>
    public IReadOnlySet<DayOfWeek> WeeklyRestDays { get; init; } = new HashSet<DayOfWeek> { DayOfWeek.Saturday, DayOfWeek.Sunday };

    /// <summary>Days off for the Lunar New Year (art. 112(1)(b): 5 days).</summary>
    public int LunarNewYearDays { get; init; } = 5;

    /// <summary>
    /// How many of the Tết days fall before the first day of the lunar year, unless a year chooses otherwise in
    /// <see cref="YearlyChoices"/>. Default 1: the last day of the old year plus the first four days of the new one.
    /// </summary>
    public int LunarNewYearDaysBeforeNewYear { get; init; } = 1;

    /// <summary>Which day accompanies 2 September, unless a year chooses otherwise in <see cref="YearlyChoices"/>.</summary>
    public NationalDayAdjacentDay NationalDayAdjacentDay { get; init; } = NationalDayAdjacentDay.Automatic;

    /// <summary>
    /// Labour Code 2019 art. 111(3): a public holiday on a weekly rest day gives a compensatory day off on the next
    /// working day.
    /// </summary>
    public bool CompensateHolidaysOnWeeklyRestDays { get; init; } = true;

    /// <summary>Per-year choices of the official schedule (Tết split, day next to 2/9).</summary>
    public IReadOnlyList<YearlyHolidayChoice> YearlyChoices { get; init; } = [];

    /// <summary>Fixed-date holidays added by later law (dated, so earlier years keep the rules they had).</summary>
    public IReadOnlyList<FixedHoliday> AdditionalHolidays { get; init; } = [];

    internal int DaysBeforeLunarNewYearIn(int year) =>
        ChoiceFor(year)?.LunarNewYearDaysBeforeNewYear ?? LunarNewYearDaysBeforeNewYear;

    internal NationalDayAdjacentDay NationalDayAdjacentDayIn(int year) =>
        ChoiceFor(year)?.NationalDayAdjacentDay ?? NationalDayAdjacentDay;

    internal void Validate()
    {
        if (WeeklyRestDays.Count >= 7)
        {
            throw new ArgumentException("Every day of the week is a weekly rest day; keep at least one working weekday.");
        }

        if (LunarNewYearDays < 1)
        {
            throw new ArgumentException($"LunarNewYearDays is {LunarNewYearDays}; the Labour Code gives at least one day (5 since 2013).");
        }

        foreach (var before in YearlyChoices.Select(c => c.LunarNewYearDaysBeforeNewYear).Append(LunarNewYearDaysBeforeNewYear))
        {
            if (before is < 0 || before > LunarNewYearDays)
            {
                throw new ArgumentException(
                    $"{before} Tết days before the new year is impossible with {LunarNewYearDays} Tết days: choose 0 to {LunarNewYearDays}.");
            }
        }

        var repeated = YearlyChoices.GroupBy(c => c.Year).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new ArgumentException($"The year {repeated.Key} has {repeated.Count()} yearly holiday choices; keep one per year.");
        }
    }

    private YearlyHolidayChoice? ChoiceFor(int year) => YearlyChoices.FirstOrDefault(c => c.Year == year);
}

/// <summary>The day off that accompanies National Day (2/9), chosen each year by the Prime Minister.</summary>
public enum NationalDayAdjacentDay
{
    /// <summary>
    /// 1 September, except 3 September when 2 September is a Thursday, so that the two days join a weekend. This
    /// reproduces the official schedules of 2021–2025; for a Wednesday (2026) it is a guess.
    /// </summary>
    Automatic,

    /// <summary>1 September.</summary>
    DayBefore,

    /// <summary>3 September.</summary>
    DayAfter,
}

/// <summary>One year's choices in the official holiday schedule; a null member keeps the default.</summary>
public sealed record YearlyHolidayChoice(int Year, int? LunarNewYearDaysBeforeNewYear = null, NationalDayAdjacentDay? NationalDayAdjacentDay = null);

/// <summary>A holiday on the same solar date every year, in force from <paramref name="FirstYear"/> (and until <paramref name="LastYear"/>).</summary>
public sealed record FixedHoliday(int Month, int Day, string Name, int FirstYear, int? LastYear = null)
{
    internal bool AppliesIn(int year) => year >= FirstYear && (LastYear is null || year <= LastYear);
}
