using System.Collections.Concurrent;
using DossierWorkflow.Engine.Timers;

namespace DossierWorkflow.Dossiers.Calendar;

/// <summary>
/// The working calendar of Vietnamese public offices: weekly rest days and the Labour Code public holidays (with
/// compensatory days), then the administrator's <see cref="CalendarDay"/> overrides, which always win. Immutable:
/// when the overrides change, build a new instance (the domain loads them from the database and caches the calendar).
/// </summary>
public sealed class VietnameseWorkingCalendar : IWorkingCalendar
{
    /// <summary>A calendar where no working day comes within this many days is a data error, not a long holiday.</summary>
    private const int MaxDaysToNextWorkingDay = 366;

    private readonly IReadOnlyDictionary<DateOnly, CalendarDay> _overrides;
    private readonly ConcurrentDictionary<int, IReadOnlyDictionary<DateOnly, PublicHoliday>> _holidaysByYear = new();
    private readonly TimeZoneInfo _timeZone;

    public VietnameseWorkingCalendar(IEnumerable<CalendarDay> overrides, PublicHolidayRules? rules = null, OfficeHours? officeHours = null)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        Rules = rules ?? PublicHolidayRules.LabourCode2019;
        OfficeHours = officeHours ?? OfficeHours.Default;
        Rules.Validate();
        OfficeHours.Validate();
        _timeZone = OfficeHours.ResolveTimeZone();

        var list = overrides.ToList();
        var repeated = list.GroupBy(d => d.Date).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new ArgumentException(
                $"The calendar has {repeated.Count()} overrides for {repeated.Key:yyyy-MM-dd}; keep one decision per date.", nameof(overrides));
        }

        _overrides = list.ToDictionary(d => d.Date);
    }

    public PublicHolidayRules Rules { get; }

    public OfficeHours OfficeHours { get; }

    public bool IsWorkingDay(DateOnly date) => Describe(date).IsWorkingDay;

    /// <summary>Whether <paramref name="date"/> is a working day, and why.</summary>
    public CalendarDayStatus Describe(DateOnly date)
    {
        if (_overrides.TryGetValue(date, out var decided))
        {
            var kind = decided.IsWorkingDay ? DayKind.OverriddenWorkingDay : DayKind.OverriddenDayOff;
            return new(date, decided.IsWorkingDay, kind, HolidayOn(date), decided.Note);
        }

        if (HolidayOn(date) is { } holiday)
        {
            var kind = holiday.Kind == HolidayKind.CompensatoryDayOff ? DayKind.CompensatoryDayOff : DayKind.PublicHoliday;
            return new(date, false, kind, holiday, null);
        }

        return Rules.WeeklyRestDays.Contains(date.DayOfWeek)
            ? new(date, false, DayKind.WeeklyRest, null, null)
            : new(date, true, DayKind.WorkingDay, null, null);
    }

    /// <summary>The default days off of <paramref name="year"/> (holidays and compensatory days), before overrides.</summary>
    public IReadOnlyList<PublicHoliday> HolidaysIn(int year) => [.. HolidaysOf(year).Values.OrderBy(h => h.Date)];

    /// <summary>The administrator's overrides this calendar was built with, by date.</summary>
    public IReadOnlyCollection<CalendarDay> Overrides => [.. _overrides.Values.OrderBy(d => d.Date)];

    /// <summary>The office's local date of <paramref name="instant"/>.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>The office's local time of <paramref name="instant"/>.</summary>
    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _timeZone);

    /// <summary>The instant <paramref name="time"/> on <paramref name="date"/> in the office time zone.</summary>
    public DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        return new DateTimeOffset(local, _timeZone.GetUtcOffset(local));
    }

    /// <summary>End of office hours on <paramref name="date"/>.</summary>
    public DateTimeOffset EndOfWorkingDay(DateOnly date) => At(date, OfficeHours.EndOfWorkingDay);

    /// <summary><paramref name="date"/> itself when it is a working day, otherwise the next working day.</summary>
    public DateOnly WorkingDayOnOrAfter(DateOnly date) => IsWorkingDay(date) ? date : NextWorkingDay(date);

    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly date)
    {
        for (var day = date.AddDays(1); day <= date.AddDays(MaxDaysToNextWorkingDay); day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                return day;
            }
        }

        throw new InvalidOperationException(
            $"No working day within {MaxDaysToNextWorkingDay} days after {date:yyyy-MM-dd}: check the calendar overrides and weekly rest days.");
    }

    /// <summary>The last working day strictly before <paramref name="date"/>.</summary>
    public DateOnly PreviousWorkingDay(DateOnly date)
    {
        for (var day = date.AddDays(-1); day >= date.AddDays(-MaxDaysToNextWorkingDay); day = day.AddDays(-1))
        {
            if (IsWorkingDay(day))
            {
                return day;
            }
        }

        throw new InvalidOperationException(
            $"No working day within {MaxDaysToNextWorkingDay} days before {date:yyyy-MM-dd}: check the calendar overrides and weekly rest days.");
    }

    /// <summary>
    /// The <paramref name="workingDays"/>-th working day after <paramref name="date"/> (which is not counted);
    /// zero gives <paramref name="date"/> itself when it is a working day, otherwise the next working day.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly date, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = workingDays == 0 ? WorkingDayOnOrAfter(date) : date;
        for (var counted = 0; counted < workingDays; counted++)
        {
            day = NextWorkingDay(day);
        }

        return day;
    }

    /// <summary>
    /// When something begun at <paramref name="start"/> with <paramref name="workingDays"/> working days is due, by the same
    /// rules as a dossier's appointment (<see cref="DeadlineCalculator"/>): a start on a non-working day counts from the
    /// next working day; the day of the start is not counted; zero days is the same working day, or the next one after the
    /// same-day cut-off (15:00); the due time is the end of office hours.
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int workingDays) =>
        new DeadlineCalculator(this).Compute(
            start,
            workingDays == 0 ? ProcessingTime.SameDay : ProcessingTime.WorkingDays(workingDays),
            ReceptionChannel.Counter).AppointmentDate;

    private PublicHoliday? HolidayOn(DateOnly date)
    {
        if (HolidaysOf(date.Year).TryGetValue(date, out var holiday))
        {
            return holiday;
        }

        // A compensatory day for a holiday late in December would fall in the next January.
        var previousYear = date.Year - 1;
        return date.Month == 1 && previousYear >= VietnameseLunarCalendar.FirstSupportedYear
            && HolidaysOf(previousYear).TryGetValue(date, out var spilled) ? spilled : null;
    }

    private IReadOnlyDictionary<DateOnly, PublicHoliday> HolidaysOf(int year) =>
        _holidaysByYear.GetOrAdd(year, y => DefaultHolidays.For(y, Rules).ToDictionary(h => h.Date));
}

/// <summary>Whether a date is a working day and why, for the calendar page and for deadline explanations.</summary>
/// <param name="Holiday">The default holiday on that date, if any (also set when an override changed the day).</param>
/// <param name="Note">The administrator's note when an override decided the day.</param>
public sealed record CalendarDayStatus(DateOnly Date, bool IsWorkingDay, DayKind Kind, PublicHoliday? Holiday, string? Note);

public enum DayKind
{
    WorkingDay,
    WeeklyRest,
    PublicHoliday,
    CompensatoryDayOff,
    OverriddenDayOff,
    OverriddenWorkingDay,
}
