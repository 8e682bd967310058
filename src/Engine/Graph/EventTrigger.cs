namespace DossierWorkflow.Engine.Graph;

/// <summary>What a catch event (intermediate, boundary) or a receive task waits for.</summary>
public abstract record EventTrigger;

/// <summary>
/// A message, matched by <see cref="MessageName"/> and a correlation key. The key is the value of the variable path
/// <see cref="CorrelationKeyPath"/> (<c>dw:correlationKey</c>) when the wait begins, or the instance's business key when it is null.
/// </summary>
public sealed record MessageTrigger(string MessageName, string? CorrelationKeyPath) : EventTrigger;

/// <summary>A timer: a duration (ISO-8601, e.g. <c>P3D</c>, <c>PT4H</c>) or a date (ISO-8601 instant).</summary>
public sealed record TimerTrigger(TimerKind Kind, string Expression, bool WorkingDays) : EventTrigger
{
    /// <summary>The parsed duration for <see cref="TimerKind.Duration"/> timers.</summary>
    public IsoDuration? Duration { get; init; }

    /// <summary>The instant for <see cref="TimerKind.Date"/> timers.</summary>
    public DateTimeOffset? Date { get; init; }
}

public enum TimerKind
{
    Duration,
    Date,
}

/// <summary>An ISO-8601 duration split into its calendar part (days) and its clock part.</summary>
public sealed record IsoDuration(int Days, TimeSpan Time)
{
    public override string ToString() => $"P{Days}DT{Time.TotalSeconds}S";
}
