using DossierWorkflow.Testing;

namespace DossierWorkflow.OfficerUi.Tests.CommandLine;

/// <summary><c>deadlines compute --procedure &lt;code&gt; --received &lt;yyyy-MM-ddTHH:mm&gt;</c>, on a fresh SQLite database.</summary>
public sealed class DeadlinesComputeTests : IDisposable
{
    private readonly SqliteFile _database = new("deadlines");

    [Theory]
    [InlineData("1.004873", "2026-11-20T09:00", "2026-11-25 17:00")] // 3 working days from a Friday: Mon, Tue, Wed
    [InlineData("2.000815", "2026-11-20T14:59", "2026-11-20 17:00")] // same day, before the 15:00 cut-off
    [InlineData("2.000815", "2026-11-20T16:00", "2026-11-23 17:00")] // same day, after 15:00: the next working day
    [InlineData("1.004873", "2026-02-13T10:00", "2026-02-25 17:00")] // Tết Bính Ngọ 2026 (14–22/2) is not counted
    [InlineData("1.004873", "2026-11-22T10:00", "2026-11-26 17:00")] // received on a Sunday: counts from Monday
    public async Task The_appointment_follows_the_working_calendar(string procedure, string received, string expected)
    {
        var (exitCode, output, error) = await ComputeAsync("--procedure", procedure, "--received", received);

        Assert.True(exitCode == 0, error);
        Assert.Equal(expected, output.Trim());
    }

    [Fact]
    public async Task An_unknown_procedure_is_named_in_the_error()
    {
        var (exitCode, _, error) = await ComputeAsync("--procedure", "9.999999", "--received", "2026-11-20T09:00");

        Assert.Equal(1, exitCode);
        Assert.Contains("9.999999", error);
    }

    [Fact]
    public async Task A_malformed_time_names_the_option_and_the_expected_form()
    {
        var (exitCode, _, error) = await ComputeAsync("--procedure", "1.004873", "--received", "20/11/2026");

        Assert.Equal(2, exitCode);
        Assert.Contains("--received", error);
        Assert.Contains("2026-11-22T09:30", error);
    }

    [Fact]
    public async Task An_unreachable_database_is_reported_in_one_line_without_a_stack_trace()
    {
        var (exitCode, output, error) = await HostProcess.RunAsync(
            ["deadlines", "compute", "--procedure", "1.004873", "--received", "2026-11-20T09:00"],
            new Dictionary<string, string>
            {
                ["Database__Provider"] = "Postgres",
                ["Database__ConnectionString"] = "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2",
            });

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.StartsWith("error: ", error);
        Assert.DoesNotContain("   at ", error);
    }

    private Task<(int ExitCode, string Output, string Error)> ComputeAsync(params string[] options) =>
        HostProcess.RunAsync(["deadlines", "compute", .. options], new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["Database__ConnectionString"] = _database.ConnectionString,
        });

    public void Dispose() => _database.Dispose();
}
