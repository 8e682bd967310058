namespace DossierWorkflow.Dossiers.Calendar;

/// <summary>
/// Office hours of the one-stop offices. Deadlines end at <see cref="AfternoonEnd"/> of the due day; a dossier that
/// counts as received on a later working day counts as received at <see cref="MorningStart"/>.
/// </summary>
public sealed record OfficeHours
{
    public const string VietnamTimeZoneId = "Asia/Ho_Chi_Minh";

    public static OfficeHours Default { get; } = new();

    public TimeOnly MorningStart { get; init; } = new(7, 30);

    public TimeOnly MorningEnd { get; init; } = new(11, 30);

    public TimeOnly AfternoonStart { get; init; } = new(13, 0);

    public TimeOnly AfternoonEnd { get; init; } = new(17, 0);

    /// <summary>IANA id of the office time zone; Vietnam is UTC+7 all year (no daylight saving time).</summary>
    public string TimeZoneId { get; init; } = VietnamTimeZoneId;

    public TimeOnly StartOfWorkingDay => MorningStart;

    public TimeOnly EndOfWorkingDay => AfternoonEnd;

    internal void Validate()
    {
        if (!(MorningStart < MorningEnd && MorningEnd <= AfternoonStart && AfternoonStart < AfternoonEnd))
        {
            throw new ArgumentException(
                $"Office hours must be in order: morning {MorningStart}–{MorningEnd}, afternoon {AfternoonStart}–{AfternoonEnd}. "
                + "Fix the start and end times so that each session starts before it ends and the afternoon follows the morning.");
        }
    }

    internal TimeZoneInfo ResolveTimeZone()
    {
        if (TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out var zone))
        {
            return zone;
        }

        // Containers without tzdata still need Vietnamese time; it has had no daylight saving time since 1975.
        if (TimeZoneId == VietnamTimeZoneId)
        {
            return TimeZoneInfo.CreateCustomTimeZone(VietnamTimeZoneId, TimeSpan.FromHours(7), "Indochina Time", "Indochina Time");
        }

        throw new ArgumentException($"Unknown time zone '{TimeZoneId}'. Use an IANA id such as '{VietnamTimeZoneId}'.");
    }
}
