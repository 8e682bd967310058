using DossierWorkflow.Engine.Definitions.Compilation;
using DossierWorkflow.Engine.Graph;
using static DossierWorkflow.Engine.Definitions.Compilation.IsoTimerFormat;

namespace DossierWorkflow.Engine.Tests.Definitions;

public sealed class IsoTimerFormatTests
{
    public static TheoryData<string, int, string> Durations => new()
    {
        { "P3D", 3, "00:00:00" },
        { "P0D", 0, "00:00:00" },
        { "P2W", 14, "00:00:00" },
        { "P1W2D", 9, "00:00:00" },
        { "PT4H", 0, "04:00:00" },
        { "PT90M", 0, "01:30:00" },
        { "PT1.5S", 0, "00:00:01.5000000" },
        { "PT0,5S", 0, "00:00:00.5000000" },
        { "P1DT12H30M15S", 1, "12:30:15" },
    };

    [Theory]
    [MemberData(nameof(Durations))]
    public void A_duration_in_weeks_days_and_time_is_parsed(string text, int days, string time)
    {
        var error = TryParseDuration(text, out var duration);

        Assert.Equal(DurationError.None, error);
        Assert.Equal(new IsoDuration(days, TimeSpan.Parse(time, System.Globalization.CultureInfo.InvariantCulture)), duration);
    }

    [Theory]
    [InlineData("P1Y", nameof(DurationError.YearsOrMonths))]
    [InlineData("P6M", nameof(DurationError.YearsOrMonths))]
    [InlineData("P1Y2M3DT4H", nameof(DurationError.YearsOrMonths))]
    [InlineData("-P1D", nameof(DurationError.Negative))]
    [InlineData("-PT1H", nameof(DurationError.Negative))]
    [InlineData("P", nameof(DurationError.Format))]
    [InlineData("PT", nameof(DurationError.Format))]
    [InlineData("P1DT", nameof(DurationError.Format))]
    [InlineData("PT5X", nameof(DurationError.Format))]
    [InlineData("3D", nameof(DurationError.Format))]
    [InlineData("p3d", nameof(DurationError.Format))]
    [InlineData("${delay}", nameof(DurationError.Format))]
    [InlineData("P999999999W", nameof(DurationError.TooLong))]
    public void A_bad_duration_is_refused_with_its_reason(string text, string expected)
    {
        Assert.Equal(Enum.Parse<DurationError>(expected), TryParseDuration(text, out var duration));
        Assert.Null(duration);
    }

    [Theory]
    [InlineData("2026-12-31T17:00:00+07:00", true)]
    [InlineData("2026-12-31T10:00:00Z", true)]
    [InlineData("2026-12-31T10:00Z", true)]
    [InlineData("2026-12-31T10:00:00.123-05:00", true)]
    [InlineData("2026-12-31T17:00:00", false)]
    [InlineData("2026-12-31", false)]
    [InlineData("31/12/2026 17:00 +07:00", false)]
    [InlineData("2026-02-30T17:00:00Z", false)]
    public void A_timer_date_needs_a_full_instant_with_an_offset(string text, bool valid)
    {
        Assert.Equal(valid, TryParseDate(text, out _));
    }

    [Fact]
    public void A_parsed_date_keeps_its_instant()
    {
        Assert.True(TryParseDate("2026-12-31T17:00:00+07:00", out var date));

        Assert.Equal(new DateTimeOffset(2026, 12, 31, 10, 0, 0, TimeSpan.Zero), date.ToUniversalTime());
    }
}
