using System.Globalization;
using DossierWorkflow.Bench;
using DossierWorkflow.Testing;
using DossierWorkflow.Testing.Operations;
using static DossierWorkflow.Bench.BenchHost;

// A province's operations measured: the office's mixed load on one instance and on two (the same PostgreSQL), and the
// crash run at full length (instances killed with SIGKILL under load), with how soon service resumed. Prints key: value lines.
var seconds = Option("--seconds", 60);
var desks = Option("--desks", 8);
var kills = Option("--kills", 40);
if ((PostgresCluster.MissingReason ?? S3Server.MissingReason ?? SmtpServer.MissingReason) is { } missing)
{
    Console.Error.WriteLine(missing);
    return 1;
}

await using var cluster = new PostgresCluster();
await using var s3 = new S3Server();
await using var smtp = new SmtpServer();

var perSecond = new Dictionary<int, double>();
foreach (var instances in new[] { 1, 2 })
{
    var setup = new OfficeSetup(await cluster.CreateDatabaseAsync($"throughput{instances}"), await s3.ServiceUrlAsync(), await smtp.PortAsync(), TimerBeforeProcessing: false);
    await using var office = await Office.OpenAsync(setup, instances);
    var record = new LoadRecord();
    var load = Enumerable.Range(1, desks).Select(i => new OfficeLoad(office, record, i)).ToList();
    foreach (var desk in load)
    {
        await desk.SignInAsync(CancellationToken.None);
    }

    // Warm-up, then the measured window: the confirmed changes whose answer came within it.
    using (var warm = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
    {
        await Task.WhenAll(load.Select(d => d.RunAsync(warm.Token, CancellationToken.None)));
    }

    var cpu = await CpuTime.OfAsync(() => office.Instances.Select(i => i.ProcessId).OfType<int>(), setup.ConnectionString);
    var cpuBefore = cpu.Now();
    var benchCpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
    var from = DateTimeOffset.UtcNow;
    using (var window = new CancellationTokenSource(TimeSpan.FromSeconds(seconds)))
    {
        await Task.WhenAll(load.Select(d => d.RunAsync(window.Token, CancellationToken.None)));
    }

    var cpuAfter = cpu.Now();
    var benchCpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore;
    var changes = record.Acknowledged.Count(a => a.At >= from && a.At <= from.AddSeconds(seconds));
    perSecond[instances] = changes / (double)seconds;
    Print($"instances_{instances}_changes_per_s", perSecond[instances]);
    // Processor time per confirmed change on each side (the window's, a little past it while the desks finish).
    Print($"instances_{instances}_app_cpu_ms", (cpuAfter.App - cpuBefore.App) * 1000 / changes);
    Print($"instances_{instances}_postgres_cpu_ms", (cpuAfter.Postgres - cpuBefore.Postgres) * 1000 / changes);
    Print($"instances_{instances}_bench_cpu_ms", benchCpu.TotalMilliseconds / changes);
    Print($"instances_{instances}_unexpected", record.Unexpected.Count);
}

Print("two_instance_ratio", perSecond[2] / perSecond[1]);

{
    var setup = new OfficeSetup(await cluster.CreateDatabaseAsync("crash"), await s3.ServiceUrlAsync(), await smtp.PortAsync());
    await using var office = await Office.OpenAsync(setup, instances: 2);
    var seed = Environment.TickCount;
    var result = await CrashUnderLoad.RunAsync(office, smtp, new CrashOptions(kills, desks / 2, TimeSpan.FromMinutes(15), seed));
    Print("fault_seed", seed);
    foreach (var line in result.Report.Lines())
    {
        Console.WriteLine(line);
    }

    // Service: from each kill to the next change confirmed to any desk (the other instance serves meanwhile).
    var resumed = result.KilledAt
        .Select(k => result.Load.Acknowledged.Where(a => a.At > k).Select(a => (a.At - k).TotalMilliseconds).DefaultIfEmpty(double.NaN).Min())
        .Where(ms => !double.IsNaN(ms)).ToList();
    if (resumed.Count > 0)
    {
        Print("recovery_first_success_p50_ms", Percentile(resumed, 0.5));
        Print("recovery_first_success_max_ms", resumed.Max());
        Print("restart_ready_p50_ms", Percentile(result.RestartMs, 0.5));
        Print("restart_ready_max_ms", result.RestartMs.Max());
    }
    foreach (var detail in result.Report.Details)
    {
        Console.WriteLine($"# {detail}");
    }
}

Print("load_average_at_end", File.ReadAllText("/proc/loadavg").Split(' ')[0]);
return 0;

int Option(string name, int fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
