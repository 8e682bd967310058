namespace DossierWorkflow.Engine.Graph;

/// <summary>What a catch event (intermediate, boundary) or a receive task waits for.</summary>
public abstract record EventTrigger;

/// <summary>
/// A message, matched by <see cref="MessageName"/> and a correlation key. The key is the value of the variable path
/// <see cref="CorrelationKeyPath"/> (<c>dw:correlationKey</c>) when the wait begins, or the instance's business key when it is null.
/// </summary>
public sealed record MessageTrigger(string MessageName, string? CorrelationKeyPath) : EventTrigger;

/// <summary>
/// A business error a service task's handler raised (<see cref="Handlers.BusinessErrorException"/>), caught by an error
/// boundary event on the task: the one for <see cref="ErrorCode"/>, or one without a code for any.
/// </summary>
public sealed record ErrorTrigger(string? ErrorCode) : EventTrigger;

/// <summary>
/// An escalation thrown inside the sub-process the boundary event is on (or by the definition a call activity started):
/// the one for <see cref="EscalationCode"/>, or any when it is null.
/// </summary>
public sealed record EscalationTrigger(string? EscalationCode) : EventTrigger;

/// <summary>A signal broadcast under <see cref="SignalName"/>, by any instance or from outside.</summary>
public sealed record SignalTrigger(string SignalName) : EventTrigger;

/// <summary>What a throw event throws.</summary>
public abstract record EventThrow;

/// <summary>A business error, caught by the nearest error boundary event for its code on an enclosing activity.</summary>
public sealed record ErrorThrow(string ErrorCode) : EventThrow;

/// <summary>An escalation, caught by the nearest escalation boundary event for its code on an enclosing activity.</summary>
public sealed record EscalationThrow(string EscalationCode) : EventThrow;

/// <summary>A signal, broadcast to every instance waiting for it.</summary>
public sealed record SignalThrow(string SignalName) : EventThrow;

/// <summary>
/// A timer: a duration (ISO-8601, e.g. <c>P3D</c>, <c>PT4H</c>), a date (ISO-8601 instant), or a cycle (<c>R3/P1D</c>:
/// every period, so many times; <c>R/P1D</c>: for as long as it is waited for).
/// </summary>
public sealed record TimerTrigger(TimerKind Kind, string Expression, bool WorkingDays) : EventTrigger
{
    /// <summary>The parsed duration for <see cref="TimerKind.Duration"/> timers, the period of <see cref="TimerKind.Cycle"/> ones.</summary>
    public IsoDuration? Duration { get; init; }

    /// <summary>How many times a cycle fires; null: without end.</summary>
    public int? Repetitions { get; init; }

    /// <summary>The instant for <see cref="TimerKind.Date"/> timers.</summary>
    public DateTimeOffset? Date { get; init; }
}

public enum TimerKind
{
    Duration,
    Date,
    Cycle,
}

/// <summary>An ISO-8601 duration split into its calendar part (days) and its clock part.</summary>
public sealed record IsoDuration(int Days, TimeSpan Time)
{
    public override string ToString() => $"P{Days}DT{Time.TotalSeconds}S";
}
