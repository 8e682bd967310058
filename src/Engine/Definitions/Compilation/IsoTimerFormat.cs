using System.Globalization;
using System.Text.RegularExpressions;
using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Definitions.Compilation;

/// <summary>
/// The ISO-8601 forms timers may use. Durations: <c>PnW</c>, <c>PnD</c>, <c>PTnHnMnS</c> and combinations
/// (<c>P1W2DT4H</c>); years and months are refused because they have no fixed length. Dates: a full instant with
/// an offset or <c>Z</c> (<c>2026-12-31T17:00:00+07:00</c>), since a date without one means different instants
/// on different servers.
/// </summary>
internal static partial class IsoTimerFormat
{
    /// <summary>Longest duration accepted, so arithmetic on due dates cannot overflow.</summary>
    private const int MaxDays = 36_600;

    /// <summary>Why a duration was refused: the variant of <see cref="DefinitionProblemCodes.TimerDurationInvalid"/>.</summary>
    public enum DurationError
    {
        None,
        Format,
        YearsOrMonths,
        Negative,
        TooLong,
    }

    public static DurationError TryParseDuration(string text, out IsoDuration? duration)
    {
        duration = null;
        if (text.StartsWith('-'))
        {
            return DurationPattern().IsMatch(text[1..]) || YearsMonthsPattern().IsMatch(text[1..]) ? DurationError.Negative : DurationError.Format;
        }

        var match = DurationPattern().Match(text);
        if (!match.Success)
        {
            return YearsMonthsPattern().IsMatch(text) ? DurationError.YearsOrMonths : DurationError.Format;
        }

        var weeks = Number(match.Groups["w"]);
        var days = Number(match.Groups["d"]);
        var hours = Number(match.Groups["h"]);
        var minutes = Number(match.Groups["m"]);
        var seconds = match.Groups["s"].Success ? decimal.Parse(match.Groups["s"].Value.Replace(',', '.'), CultureInfo.InvariantCulture) : 0m;
        var hasTimePart = match.Groups["t"].Success;
        var anyTime = match.Groups["h"].Success || match.Groups["m"].Success || match.Groups["s"].Success;
        var anyDate = match.Groups["w"].Success || match.Groups["d"].Success;
        if ((hasTimePart && !anyTime) || (!anyTime && !anyDate))
        {
            return DurationError.Format;
        }

        var totalDays = weeks * 7 + days;
        var totalSeconds = hours * 3600m + minutes * 60m + seconds;
        if (totalDays + totalSeconds / 86_400m > MaxDays)
        {
            return DurationError.TooLong;
        }

        duration = new IsoDuration((int)totalDays, TimeSpan.FromTicks((long)(totalSeconds * TimeSpan.TicksPerSecond)));
        return DurationError.None;
    }

    /// <summary>
    /// A repeating interval <c>R&lt;n&gt;/&lt;duration&gt;</c> (n from 1 to 1000) or <c>R/&lt;duration&gt;</c> (without end);
    /// the period is a duration as <see cref="TryParseDuration"/> reads it. A start or an end date in the cycle is refused.
    /// </summary>
    public static DurationError TryParseCycle(string text, out int? repetitions, out IsoDuration? period)
    {
        repetitions = null;
        period = null;
        var match = CyclePattern().Match(text);
        if (!match.Success)
        {
            return DurationError.Format;
        }

        if (match.Groups["n"].Value is { Length: > 0 } count)
        {
            repetitions = int.Parse(count, CultureInfo.InvariantCulture);
            if (repetitions is < 1 or > 1000)
            {
                return DurationError.Format;
            }
        }

        var error = TryParseDuration(match.Groups["p"].Value, out period);
        return error == DurationError.None && period!.Days == 0 && period.Time == TimeSpan.Zero ? DurationError.Format : error;
    }

    public static bool TryParseDate(string text, out DateTimeOffset date)
    {
        date = default;
        return DatePattern().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private static decimal Number(Group group) =>
        group.Success && decimal.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0m;

    [GeneratedRegex(@"^P(?:(?<w>\d{1,9})W)?(?:(?<d>\d{1,9})D)?(?<t>T(?:(?<h>\d{1,9})H)?(?:(?<m>\d{1,9})M)?(?:(?<s>\d{1,9}(?:[.,]\d{1,7})?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^P(?=[^T]*[YM])(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T[\dHMS.,]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex YearsMonthsPattern();

    [GeneratedRegex(@"^R(?<n>\d{0,4})/(?<p>-?P[^/]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex CyclePattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();
}
