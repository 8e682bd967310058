using System.Diagnostics;
using Npgsql;

namespace DossierWorkflow.Testing;

/// <summary>
/// A private PostgreSQL cluster for one test run: <c>initdb</c> into a temporary directory, <c>pg_ctl start</c> on a free
/// loopback port, one database per test class, stopped and deleted at the end. Started lazily by the first test that
/// asks for a database, so test runs that need none pay nothing. Works as root (runs the server as <c>postgres</c>).
/// Register once per test assembly: <c>[assembly: AssemblyFixture(typeof(PostgresCluster))]</c>.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    public const string RequireVariable = "REQUIRE_POSTGRES";

    /// <summary>Where the PostgreSQL binaries are (<c>POSTGRES_BIN</c>, default the Debian path); client tools such as <c>pgbench</c> too.</summary>
    public static string BinDirectory { get; } = Environment.GetEnvironmentVariable("POSTGRES_BIN") ?? "/usr/lib/postgresql/15/bin";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _directory;
    private string? _adminConnectionString;
    private string? _startError;
    private string? _serverOptions;
    private int _databaseCount;

    /// <summary>Why PostgreSQL cannot be used here, or null when its binaries are installed.</summary>
    public static string? MissingReason =>
        File.Exists(Path.Combine(BinDirectory, "initdb")) && File.Exists(Path.Combine(BinDirectory, "pg_ctl"))
            ? null
            : $"PostgreSQL binaries were not found in {BinDirectory} (install postgresql-15 or set POSTGRES_BIN).";

    /// <summary>
    /// Creates a fresh, empty database and returns its connection string. Skips the calling test when PostgreSQL is
    /// not installed (fails under <c>REQUIRE_POSTGRES=1</c>).
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string? namePrefix = null)
    {
        TestRequirements.Require(RequireVariable, MissingReason);
        var admin = await EnsureStartedAsync();
        var name = $"{Sanitise(namePrefix ?? "test")}_{Interlocked.Increment(ref _databaseCount)}_{Guid.NewGuid():N}";
        await ExecuteScalarAsync(admin, $"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Copies a database made by <see cref="CreateDatabaseAsync"/>, rows, indexes and statistics, and returns the copy's
    /// connection string. Every pooled connection is closed first: PostgreSQL copies only a database nobody is connected to.
    /// </summary>
    public async Task<string> CopyDatabaseAsync(string connectionString)
    {
        var admin = await EnsureStartedAsync();
        var source = new NpgsqlConnectionStringBuilder(connectionString);
        var name = $"{source.Database}_copy_{Interlocked.Increment(ref _databaseCount)}";
        NpgsqlConnection.ClearAllPools();
        await ExecuteScalarAsync(admin, $"CREATE DATABASE \"{name}\" TEMPLATE \"{source.Database}\"");
        return new NpgsqlConnectionStringBuilder(connectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/> (closing its connections first).</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        if (_adminConnectionString is null)
        {
            return;
        }

        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await ExecuteScalarAsync(_adminConnectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    /// <summary>Runs one statement on its own connection and returns the first column of its first row (null when none).</summary>
    public static async Task<object?> ExecuteScalarAsync(string connectionString, string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private async Task<string> EnsureStartedAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_startError is not null)
            {
                throw new InvalidOperationException(_startError);
            }

            if (_adminConnectionString is not null)
            {
                return _adminConnectionString;
            }

            try
            {
                _adminConnectionString = await StartAsync();
                return _adminConnectionString;
            }
            catch (Exception e)
            {
                _startError = "The private PostgreSQL cluster could not be started: " + e.Message;
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string> StartAsync()
    {
        _directory = Directory.CreateTempSubdirectory("dw-pg-").FullName;
        var data = Path.Combine(_directory, "data");
        var runAsPostgres = Environment.UserName == "root";
        if (runAsPostgres)
        {
            await RunAsync("chown", ["postgres", _directory], asPostgres: false);
        }

        await RunAsync(Path.Combine(BinDirectory, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"], runAsPostgres);
        var port = await StartServerAsync(data, runAsPostgres);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50;Include Error Detail=true";
    }

    /// <summary>
    /// Starts the server on a free loopback port and returns the port. The port was free when chosen, but another process
    /// (another test run, any outgoing connection) may take it before the server binds it: then it starts on another one.
    /// </summary>
    private async Task<int> StartServerAsync(string data, bool runAsPostgres)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackPort.Free();
            var log = Path.Combine(_directory!, $"server-{attempt}.log");
            var serverOptions = $"-p {port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
            try
            {
                await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", data, "-l", log, "-o", serverOptions, "-w", "-t", "60", "start"], runAsPostgres);
                _serverOptions = serverOptions;
                return port;
            }
            catch (InvalidOperationException) when (attempt < 5 && File.Exists(log) && File.ReadAllText(log).Contains("Address already in use", StringComparison.Ordinal))
            {
            }
        }
    }

    /// <summary>
    /// Stops the running server as an outage does (<c>pg_ctl stop -m fast</c>: every connection cut, nothing lost); see
    /// <see cref="StartAgainAsync"/>.
    /// </summary>
    public Task StopServerAsync() =>
        RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", Path.Combine(Started, "data"), "-m", "fast", "-w", "stop"], Environment.UserName == "root");

    /// <summary>Starts the server stopped by <see cref="StopServerAsync"/> again, on its port: connection strings stay valid.</summary>
    public Task StartAgainAsync() =>
        RunAsync(
            Path.Combine(BinDirectory, "pg_ctl"),
            ["-D", Path.Combine(Started, "data"), "-l", Path.Combine(Started, "server-again.log"), "-o", _serverOptions!, "-w", "-t", "60", "start"],
            Environment.UserName == "root");

    private string Started => _directory ?? throw new InvalidOperationException("The cluster has not been started.");

    public ValueTask DisposeAsync()
    {
        Stop();
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Stop()
    {
        var directory = Interlocked.Exchange(ref _directory, null);
        if (directory is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", Path.Combine(directory, "data"), "-m", "immediate", "-w", "stop"], Environment.UserName == "root")
                .GetAwaiter().GetResult();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }


    private static string Sanitise(string prefix) =>
        new string(prefix.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray()) is { Length: > 0 } s ? s[..Math.Min(s.Length, 20)] : "test";
}
