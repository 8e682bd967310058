using System.Diagnostics;

namespace DossierWorkflow.Testing.Operations;

/// <summary>How hard and how long to shake the office.</summary>
/// <param name="Kills">How many times an instance is killed (at least this many, unless <paramref name="Limit"/> comes first).</param>
/// <param name="Desks">How many clients work at once.</param>
/// <param name="Limit">The most the shaking may last; the clients then finish the dossier in hand.</param>
/// <param name="Seed">The random moments' seed (printed, so that a run can be repeated).</param>
public sealed record CrashOptions(int Kills, int Desks, TimeSpan Limit, int Seed);

/// <summary>A run's report, when each kill was, and how long each killed instance took to be ready again.</summary>
public sealed record CrashResult(FaultReport Report, LoadRecord Load, IReadOnlyList<DateTimeOffset> KilledAt, IReadOnlyList<double> RestartMs);

/// <summary>
/// Crash under load: the desks work through the office's instances while one instance at a time is killed with
/// <c>SIGKILL</c> at a random moment (0.5–2.5 s apart), started again and waited for; then the load stops, the workers
/// are given time to do what is owed, and the database is audited against what the clients were told.
/// </summary>
public static class CrashUnderLoad
{
    public static async Task<CrashResult> RunAsync(Office office, SmtpServer smtp, CrashOptions options, CancellationToken cancellationToken = default)
    {
        var record = new LoadRecord();
        var desks = Enumerable.Range(1, options.Desks).Select(i => new OfficeLoad(office, record, i)).ToList();
        foreach (var desk in desks)
        {
            await desk.SignInAsync(cancellationToken);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var working = desks.Select(d => Task.Run(() => d.RunAsync(stop.Token, cancellationToken), CancellationToken.None)).ToList();

        var random = new Random(options.Seed);
        var clock = Stopwatch.StartNew();
        var kills = 0;
        List<double> restarts = [];
        List<DateTimeOffset> killedAt = [];
        try
        {
            while (kills < options.Kills && clock.Elapsed < options.Limit)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(500, 2500)), cancellationToken);
                var victim = office.Instances[random.Next(office.Instances.Count)];
                var sinceKill = Stopwatch.StartNew();
                victim.Kill();
                killedAt.Add(DateTimeOffset.UtcNow);
                kills++;
                victim.Start();
                await victim.WaitUntilReadyAsync(TimeSpan.FromMinutes(1), cancellationToken);
                restarts.Add(sinceKill.Elapsed.TotalMilliseconds);
            }

            // A little more load with every instance up, so that what the last kill interrupted is finished.
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(working);
        }

        await FaultAudit.DrainAsync(office.ConnectionString, TimeSpan.FromMinutes(1), cancellationToken);
        var report = await FaultAudit.AuditAsync(office, record, kills, smtp, cancellationToken);
        return new CrashResult(report, record, killedAt, restarts);
    }
}
