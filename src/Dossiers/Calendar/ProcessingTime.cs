namespace DossierWorkflow.Dossiers.Calendar;

/// <summary>A procedure's legal processing time (thời hạn giải quyết). Stored as <see cref="Unit"/> and <see cref="Days"/>.</summary>
public sealed record ProcessingTime
{
    private ProcessingTime(ProcessingTimeUnit unit, int days)
    {
        Unit = unit;
        Days = days;
    }

    public ProcessingTimeUnit Unit { get; }

    /// <summary>Number of days; 0 for <see cref="ProcessingTimeUnit.SameDay"/>.</summary>
    public int Days { get; }

    /// <summary>Result returned on the day of receipt (trả kết quả trong ngày).</summary>
    public static ProcessingTime SameDay { get; } = new(ProcessingTimeUnit.SameDay, 0);

    /// <summary>The usual case: <paramref name="days"/> working days (ngày làm việc).</summary>
    public static ProcessingTime WorkingDays(int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1, nameof(days));
        return new(ProcessingTimeUnit.WorkingDays, days);
    }

    /// <summary>For procedures whose law counts calendar days; a due date on a day off moves to the next working day.</summary>
    public static ProcessingTime CalendarDays(int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1, nameof(days));
        return new(ProcessingTimeUnit.CalendarDays, days);
    }

    /// <summary>Rebuilds a stored value.</summary>
    public static ProcessingTime From(ProcessingTimeUnit unit, int days) => unit switch
    {
        ProcessingTimeUnit.SameDay => SameDay,
        ProcessingTimeUnit.WorkingDays => WorkingDays(days),
        ProcessingTimeUnit.CalendarDays => CalendarDays(days),
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown processing time unit."),
    };

    public override string ToString() => Unit switch
    {
        ProcessingTimeUnit.SameDay => "same day",
        ProcessingTimeUnit.WorkingDays => $"{Days} working day(s)",
        _ => $"{Days} calendar day(s)",
    };
}

public enum ProcessingTimeUnit
{
    SameDay,
    WorkingDays,
    CalendarDays,
}

/// <summary>How the dossier reached the office (DESIGN §4 channels).</summary>
public enum ReceptionChannel
{
    Counter,
    Online,
    Postal,
}
