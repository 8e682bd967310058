namespace DossierWorkflow.Dossiers.Tests.Calendar;

/// <summary>
/// Test oracle: Hồ Ngọc Đức's astronomical lunar calendar (Meeus' new-moon and solar-longitude series) for a given
/// time zone, the algorithm behind Vietnamese calendar software. With UTC+7 it gives the Vietnamese calendar; it
/// justifies the correction table of <c>VietnameseLunarCalendar</c>. Its new-moon times are good to a few minutes,
/// so a new moon within minutes of midnight is a close call.
/// </summary>
internal static class AstronomicalVietnameseCalendar
{
    private const double Synodic = 29.530588853;

    /// <summary>Day <paramref name="day"/> of the ordinary lunar month <paramref name="month"/> of <paramref name="lunarYear"/>.</summary>
    public static DateOnly ToSolar(int lunarYear, int month, int day, double timeZone = 7)
    {
        int a11, b11;
        if (month < 11)
        {
            a11 = LunarMonth11(lunarYear - 1, timeZone);
            b11 = LunarMonth11(lunarYear, timeZone);
        }
        else
        {
            a11 = LunarMonth11(lunarYear, timeZone);
            b11 = LunarMonth11(lunarYear + 1, timeZone);
        }

        var k = Floor(0.5 + (a11 - 2415021.076998695) / Synodic);
        var offset = month - 11;
        if (offset < 0)
        {
            offset += 12;
        }

        if (b11 - a11 > 365)
        {
            var leapOffset = LeapMonthOffset(a11, timeZone);
            if (offset >= leapOffset)
            {
                offset++;
            }
        }

        var monthStart = NewMoonDay(k + offset, timeZone);
        return FromJulianDay(monthStart + day - 1);
    }

    private static int Floor(double d) => (int)Math.Floor(d);

    private static DateOnly FromJulianDay(int julianDay) => DateOnly.FromDayNumber(julianDay - 1721426);

    private static int JulianDay(DateOnly date) => date.DayNumber + 1721426;

    private static int NewMoonDay(int k, double timeZone) => Floor(NewMoon(k) + 0.5 + timeZone / 24);

    private static double NewMoon(int k)
    {
        const double dr = Math.PI / 180;
        double t = k / 1236.85, t2 = t * t, t3 = t2 * t;
        var jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
            + 0.00033 * Math.Sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
        var m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
        var mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
        var f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
        var c1 = (0.1734 - 0.000393 * t) * Math.Sin(m * dr) + 0.0021 * Math.Sin(2 * dr * m)
            - 0.4068 * Math.Sin(mpr * dr) + 0.0161 * Math.Sin(dr * 2 * mpr) - 0.0004 * Math.Sin(dr * 3 * mpr)
            + 0.0104 * Math.Sin(dr * 2 * f) - 0.0051 * Math.Sin(dr * (m + mpr)) - 0.0074 * Math.Sin(dr * (m - mpr))
            + 0.0004 * Math.Sin(dr * (2 * f + m)) - 0.0004 * Math.Sin(dr * (2 * f - m)) - 0.0006 * Math.Sin(dr * (2 * f + mpr))
            + 0.0010 * Math.Sin(dr * (2 * f - mpr)) + 0.0005 * Math.Sin(dr * (2 * mpr + m));
        var deltaT = t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2;
        return jd1 + c1 - deltaT;
    }

    /// <summary>Solar longitude at the start of the local day, in sectors of 30° (0–11).</summary>
    private static int SunLongitudeSector(int julianDay, double timeZone)
    {
        const double dr = Math.PI / 180;
        var t = (julianDay - 2451545.5 - timeZone / 24) / 36525;
        var t2 = t * t;
        var m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
        var l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * Math.Sin(dr * m)
            + (0.019993 - 0.000101 * t) * Math.Sin(dr * 2 * m) + 0.000290 * Math.Sin(dr * 3 * m);
        var l = (l0 + dl) * dr;
        l -= Math.PI * 2 * Floor(l / (Math.PI * 2));
        return Floor(l / Math.PI * 6);
    }

    /// <summary>The start of the lunar month containing the winter solstice of <paramref name="year"/>.</summary>
    private static int LunarMonth11(int year, double timeZone)
    {
        var offset = JulianDay(new DateOnly(year, 12, 31)) - 2415021;
        var k = Floor(offset / Synodic);
        var newMoon = NewMoonDay(k, timeZone);
        return SunLongitudeSector(newMoon, timeZone) >= 9 ? NewMoonDay(k - 1, timeZone) : newMoon;
    }

    private static int LeapMonthOffset(int a11, double timeZone)
    {
        var k = Floor((a11 - 2415021.076998695) / Synodic + 0.5);
        var i = 1;
        var arc = SunLongitudeSector(NewMoonDay(k + i, timeZone), timeZone);
        int last;
        do
        {
            last = arc;
            i++;
            arc = SunLongitudeSector(NewMoonDay(k + i, timeZone), timeZone);
        }
        while (arc != last && i < 14);

        return i - 1;
    }
}
