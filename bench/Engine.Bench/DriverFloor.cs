using System.Diagnostics;
using DossierWorkflow.Dossiers.Persistence;
using Npgsql;

namespace DossierWorkflow.Engine.Bench;

/// <summary>
/// What the database driver alone costs for the engine's work: the commands the officer requests sent
/// (<see cref="CommandRecorder"/>), sent again in the order the requests completed, each request by one of as many workers
/// as the engine had, on a copy of the database taken just before the engine's run, so every versioned update finds the
/// version it expects and every insert a free key. Each command runs as the engine's did (a pooled connection opened
/// around it, the same text and parameters, the connection string the application builds); a read's rows are all read.
/// No engine, no EF Core, no DI scope: the engine's throughput against this is the share its own work leaves.
/// </summary>
internal static class DriverFloor
{
    public static async Task<DriverFloorResult> RunAsync(string connectionString, IReadOnlyCollection<RecordedCommand[]> requests, int workers)
    {
        await using var dataSource = NpgsqlDataSource.Create(DatabaseConfiguration.PostgresConnectionString(connectionString)!);
        var queue = requests.ToArray();
        var next = -1;
        var failures = 0;
        string? firstFailure = null;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < queue.Length; i = Interlocked.Increment(ref next))
            {
                try
                {
                    foreach (var recorded in queue[i])
                    {
                        await SendAsync(dataSource, recorded);
                    }
                }
                catch (PostgresException e)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, e.MessageText, null);
                }
            }
        })));
        var elapsed = watch.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        return new DriverFloorResult(queue.Length, elapsed, cpu, failures, firstFailure);
    }

    private static async Task SendAsync(NpgsqlDataSource dataSource, RecordedCommand recorded)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = recorded.Create(connection);
        if (!recorded.ReturnsRows)
        {
            await command.ExecuteNonQueryAsync();
            return;
        }

        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                for (var column = 0; column < reader.FieldCount; column++)
                {
                    reader.GetValue(column);
                }
            }
        }
        while (await reader.NextResultAsync());
    }
}

/// <summary>The replayed requests (transitions), how long they took, the bench process's CPU meanwhile, and the requests that failed.</summary>
internal sealed record DriverFloorResult(int Requests, TimeSpan Elapsed, TimeSpan ClientCpu, int Failures, string? FirstFailure);
