using Npgsql;

namespace DossierWorkflow.Bench;

/// <summary>
/// Processor time spent by the app's processes and by the PostgreSQL server (the postmaster, its running processes and
/// those that ended), read from <c>/proc</c>: what one request costs each side, and so which side limits throughput.
/// </summary>
internal sealed class CpuTime(Func<IEnumerable<int>> appPids, int postmasterPid)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>The app's processes are those <paramref name="appPids"/> names when read (an instance started again has a new one).</summary>
    public static async Task<CpuTime> OfAsync(Func<IEnumerable<int>> appPids, string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = (int)(await command.ExecuteScalarAsync())!;
        return new CpuTime(appPids, ParentOf(backend));
    }

    /// <summary>Seconds of processor time used so far by the app and by PostgreSQL.</summary>
    public (double App, double Postgres) Now()
    {
        var app = appPids().Sum(pid => Ticks(pid, withEndedChildren: false));
        var postgres = Ticks(postmasterPid, withEndedChildren: true);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && pid != postmasterPid && TryParentOf(pid) == postmasterPid)
            {
                postgres += Ticks(pid, withEndedChildren: false);
            }
        }

        return (app / TicksPerSecond, postgres / TicksPerSecond);
    }

    private static int ParentOf(int pid) => TryParentOf(pid) ?? throw new InvalidOperationException($"No process {pid}.");

    private static int? TryParentOf(int pid) => Fields(pid) is { } fields ? int.Parse(fields[1]) : null;

    // utime, stime (and cutime, cstime: processes that ended and were waited for) in clock ticks.
    private static long Ticks(int pid, bool withEndedChildren) => Fields(pid) is { } fields
        ? long.Parse(fields[11]) + long.Parse(fields[12]) + (withEndedChildren ? long.Parse(fields[13]) + long.Parse(fields[14]) : 0)
        : 0;

    // The fields of /proc/<pid>/stat after the command name (which may hold spaces): state is [0], ppid [1], utime [11].
    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }
}
