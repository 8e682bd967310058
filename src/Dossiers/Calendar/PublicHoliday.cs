namespace DossierWorkflow.Dossiers.Calendar;

/// <summary>A default day off derived from the rules (before administrator overrides).</summary>
/// <param name="CompensatesFor">For a compensatory day, the holiday that fell on a weekly rest day.</param>
public sealed record PublicHoliday(DateOnly Date, HolidayKind Kind, string Name, DateOnly? CompensatesFor = null);

public enum HolidayKind
{
    NewYearsDay,
    LunarNewYear,
    HungKingsCommemoration,
    ReunificationDay,
    InternationalLabourDay,
    NationalDay,
    Additional,
    CompensatoryDayOff,
}
