namespace DossierWorkflow.Engine.Testing;

/// <summary>A clock the test moves by hand. Only <see cref="GetUtcNow"/> is faked; nothing here sleeps.</summary>
public sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    /// <summary>Monday 23 November 2026, 09:00 UTC: a working day.</summary>
    public static DateTimeOffset MondayMorning { get; } = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider()
        : this(MondayMorning)
    {
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void Advance(TimeSpan by) => _now += by;

    public void SetTo(DateTimeOffset now) => _now = now;
}
