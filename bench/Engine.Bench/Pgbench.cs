using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using DossierWorkflow.Testing;
using Npgsql;

namespace DossierWorkflow.Engine.Bench;

/// <summary>
/// The yardstick: what this PostgreSQL does on this machine with the plain <c>simple-update</c> script (one UPDATE, one
/// SELECT, one INSERT per transaction), with as many clients as the engine has workers.
/// </summary>
internal static partial class Pgbench
{
    public static async Task<PgbenchResult> MeasureAsync(string connectionString, int clients, int seconds)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        string[] target = ["-h", connection.Host!, "-p", connection.Port.ToString(CultureInfo.InvariantCulture), "-U", connection.Username!, connection.Database!];
        await RunAsync(["-i", "-s", "1", "-q", .. target]);
        var clientCount = clients.ToString(CultureInfo.InvariantCulture);
        var serverCpuBefore = await DatabaseActivity.ReadServerCpuAsync(connectionString);
        var output = await RunAsync(["-b", "simple-update", "-c", clientCount, "-j", clientCount, "-T", seconds.ToString(CultureInfo.InvariantCulture), .. target]);
        var serverCpu = await DatabaseActivity.ReadServerCpuAsync(connectionString) - serverCpuBefore;
        var tps = TpsLine().Match(output);
        var transactions = TransactionsLine().Match(output);
        return tps.Success && transactions.Success
            ? new PgbenchResult(double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(transactions.Groups[1].Value, CultureInfo.InvariantCulture), serverCpu)
            : throw new InvalidOperationException("pgbench printed no tps or transaction count:" + Environment.NewLine + output);
    }

    private static async Task<string> RunAsync(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(PostgresCluster.BinDirectory, "pgbench"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start pgbench.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"pgbench exited with {process.ExitCode}: {await error}{await output}");
    }

    [GeneratedRegex(@"^tps = ([0-9.]+) \(without initial connection time\)", RegexOptions.Multiline)]
    private static partial Regex TpsLine();

    [GeneratedRegex(@"^number of transactions actually processed: ([0-9]+)", RegexOptions.Multiline)]
    private static partial Regex TransactionsLine();
}

/// <summary>pgbench's throughput, and the CPU time the server spent on its transactions (connection set-up included).</summary>
internal sealed record PgbenchResult(double Tps, long Transactions, TimeSpan ServerCpu);
