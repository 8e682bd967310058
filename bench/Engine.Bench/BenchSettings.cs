using System.Globalization;

namespace DossierWorkflow.Engine.Bench;

internal enum BenchProvider
{
    Postgres,
    Sqlite,
}

/// <summary>The command line: <c>--instances N --workers N --versions N --pgbench-seconds N --provider postgres|sqlite --engine-owned --driver-floor --trace-sql</c>.</summary>
internal sealed record BenchSettings
{
    public int Instances { get; init; } = 10_000;

    /// <summary>Engine workers, and pgbench clients: the machine has two cores.</summary>
    public int Workers { get; init; } = 2;

    /// <summary>Published versions of the definition; all but the last are deployed before the run as changed copies.</summary>
    public int Versions { get; init; } = 1;

    public int PgbenchSeconds { get; init; } = 20;

    public BenchProvider Provider { get; init; } = BenchProvider.Postgres;

    /// <summary>
    /// Every request opens a transaction at the edge, which the engine's command joins and the request commits: what every
    /// officer's action does (the page's unit of work). With <c>--engine-owned</c> the engine's command owns its
    /// transaction instead, as the timer and outbox workers' commands do.
    /// </summary>
    public bool EdgeTransaction { get; init; } = true;

    /// <summary>
    /// After the run, send the commands the requests sent again through Npgsql alone, on a copy of the database taken
    /// before the run (<see cref="DriverFloor"/>): what the driver costs for the same work, without the engine.
    /// </summary>
    public bool DriverFloor { get; init; }

    /// <summary>Print every SQL command of the first completions to standard error.</summary>
    public bool TraceSql { get; init; }

    /// <summary>Every <c>OldVersionEvery</c>-th instance starts on an older version when several are published.</summary>
    public int OldVersionEvery { get; init; } = 10;

    public static BenchSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new BenchSettings();
        for (var i = 0; i < args.Count; i++)
        {
            settings = args[i] switch
            {
                "--instances" => settings with { Instances = Positive(args, ++i) },
                "--workers" => settings with { Workers = Positive(args, ++i) },
                "--versions" => settings with { Versions = Positive(args, ++i) },
                "--pgbench-seconds" => settings with { PgbenchSeconds = Positive(args, ++i) },
                "--provider" => settings with { Provider = ParseProvider(args, ++i) },
                "--trace-sql" => settings with { TraceSql = true },
                "--engine-owned" => settings with { EdgeTransaction = false },
                "--driver-floor" => settings with { DriverFloor = true },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. Options: --instances N, --workers N, --versions N, --pgbench-seconds N, --provider postgres|sqlite, --engine-owned, --driver-floor, --trace-sql."),
            };
        }

        return settings.DriverFloor && (settings.Provider != BenchProvider.Postgres || settings.EdgeTransaction)
            ? throw new ArgumentException("--driver-floor replays the engine's own commands on PostgreSQL: it needs --engine-owned and takes no --provider sqlite.")
            : settings;
    }

    private static int Positive(IReadOnlyList<string> args, int index) =>
        index < args.Count && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{args[index - 1]} needs a positive whole number.");

    private static BenchProvider ParseProvider(IReadOnlyList<string> args, int index) =>
        index < args.Count && Enum.TryParse<BenchProvider>(args[index], ignoreCase: true, out var provider)
            ? provider
            : throw new ArgumentException("--provider is postgres or sqlite.");
}
