namespace DossierWorkflow.Dossiers.Calendar;

/// <summary>
/// Working time as a number line in working days, over a span of dates: an instant's position is the number of working
/// days before its date (from the span's first) plus the share of its day's office hours already gone (none on a day
/// off). The working time between two instants is the difference of their positions, and a position turns back into the
/// instant it stands for. Built once for a span (a lookup of the working days in it), so that thousands of durations cost
/// no calendar walk each.
/// </summary>
public sealed class WorkingDayClock
{
    private readonly VietnameseWorkingCalendar _calendar;
    private readonly DateOnly _first;
    private readonly int[] _workingDaysBefore;
    private readonly bool[] _working;

    /// <summary>A clock for instants from <paramref name="first"/> to <paramref name="last"/> (dates outside are clamped to them).</summary>
    public WorkingDayClock(VietnameseWorkingCalendar calendar, DateOnly first, DateOnly last)
    {
        _calendar = calendar;
        _first = first;
        var days = Math.Max(1, last.DayNumber - first.DayNumber + 1);
        _workingDaysBefore = new int[days + 1];
        _working = new bool[days];
        for (var i = 0; i < days; i++)
        {
            _working[i] = calendar.IsWorkingDay(first.AddDays(i));
            _workingDaysBefore[i + 1] = _workingDaysBefore[i] + (_working[i] ? 1 : 0);
        }
    }

    private OfficeHours Hours => _calendar.OfficeHours;

    private double OfficeMinutes => (Hours.MorningEnd - Hours.MorningStart).TotalMinutes + (Hours.AfternoonEnd - Hours.AfternoonStart).TotalMinutes;

    /// <summary>The position of <paramref name="instant"/> in working days from the start of the span.</summary>
    public double Position(DateTimeOffset instant)
    {
        var local = _calendar.ToLocal(instant);
        var index = Math.Clamp(DateOnly.FromDateTime(local.DateTime).DayNumber - _first.DayNumber, 0, _working.Length - 1);
        return _workingDaysBefore[index] + (_working[index] ? ShareOfDay(TimeOnly.FromDateTime(local.DateTime)) : 0);
    }

    /// <summary>The working days from <paramref name="from"/> to <paramref name="to"/> (negative when <paramref name="to"/> is before).</summary>
    public double Between(DateTimeOffset from, DateTimeOffset to) => Position(to) - Position(from);

    /// <summary>The instant at <paramref name="position"/>: in the office hours of its working day (the span's last, beyond it).</summary>
    public DateTimeOffset At(double position)
    {
        var whole = (int)Math.Floor(Math.Max(0, position));
        var share = Math.Max(0, position) - whole;

        // The working day with that many working days before it; past the span's end, its last working day's end.
        var index = -1;
        for (var i = 0; i < _working.Length && index < 0; i++)
        {
            index = _working[i] && _workingDaysBefore[i] == whole ? i : -1;
        }

        if (index < 0)
        {
            var last = Array.FindLastIndex(_working, w => w);
            return _calendar.At(_first.AddDays(Math.Max(0, last)), Hours.EndOfWorkingDay);
        }

        var minutes = share * OfficeMinutes;
        var morning = (Hours.MorningEnd - Hours.MorningStart).TotalMinutes;
        var time = minutes <= morning ? Hours.MorningStart.AddMinutes(minutes) : Hours.AfternoonStart.AddMinutes(minutes - morning);
        return _calendar.At(_first.AddDays(index), time);
    }

    /// <summary>The share of a working day's office hours gone at <paramref name="time"/> (0 before they begin, 1 after they end).</summary>
    private double ShareOfDay(TimeOnly time)
    {
        var morning = Clamp(time, Hours.MorningStart, Hours.MorningEnd) - Hours.MorningStart;
        var afternoon = Clamp(time, Hours.AfternoonStart, Hours.AfternoonEnd) - Hours.AfternoonStart;
        return (morning + afternoon).TotalMinutes / OfficeMinutes;
    }

    private static TimeOnly Clamp(TimeOnly time, TimeOnly from, TimeOnly to) => time < from ? from : time > to ? to : time;
}
