using System.Diagnostics;
using System.Globalization;
using DossierWorkflow.Engine.Bench;
using DossierWorkflow.Testing;

// Engine throughput against PostgreSQL's own: pgbench simple-update first, then N instances of a five-task procedure
// driven to completion by as many workers as pgbench had clients, then N/5 instances of a procedure that asks ten
// departments at once (multi_instance_*). Prints `key: value` lines, `ratio` last.
// Run: dotnet run -c Release --project bench/Engine.Bench [-- --instances N --workers N --versions N --provider sqlite --driver-floor]
BenchSettings settings;
try
{
    settings = BenchSettings.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

try
{
    return await RunAsync(settings);
}
catch (Exception e)
{
    // Caught so that the private cluster is stopped on the way out.
    Console.Error.WriteLine(e);
    return 1;
}

static async Task<int> RunAsync(BenchSettings settings)
{
    Print("provider", settings.Provider.ToString().ToLowerInvariant());
    Print("instances", settings.Instances);
    Print("workers", settings.Workers);
    Print("versions", settings.Versions);
    Print("transaction", settings.EdgeTransaction ? "edge" : "engine");
    Print("load_average_at_start", LoadAverage());

    await using var cluster = new PostgresCluster();
    using var sqlite = settings.Provider == BenchProvider.Sqlite ? new SqliteFile("engine-bench") : null;
    double? pgbenchTps = null;
    string connectionString;
    if (settings.Provider == BenchProvider.Postgres)
    {
        if (PostgresCluster.MissingReason is { } missing)
        {
            Console.Error.WriteLine(missing);
            return 1;
        }

        var pgbenchDatabase = await cluster.CreateDatabaseAsync("pgbench");
        var pgbench = await Pgbench.MeasureAsync(pgbenchDatabase, settings.Workers, settings.PgbenchSeconds);
        await cluster.DropDatabaseAsync(pgbenchDatabase);
        pgbenchTps = pgbench.Tps;
        Print("pgbench_tps", pgbench.Tps);
        Print("pgbench_server_cpu_ms_per_transaction", pgbench.ServerCpu.TotalMilliseconds / pgbench.Transactions);
        connectionString = await cluster.CreateDatabaseAsync("engine_bench");
    }
    else
    {
        // Pooled, unlike SqliteFile's own connection string: reopening the file per request would dominate.
        connectionString = $"Data Source={sqlite!.Path}";
        Print("pgbench_tps", "n/a");
    }

    var counter = new SqlCounter();
    await using var services = await BenchHost.StartAsync(settings.Provider, connectionString, counter);
    var workload = new OfficerWorkload(services, settings);
    var latestVersion = await workload.DeployAsync();
    var started = await workload.StartInstancesAsync(latestVersion);
    Print("instances_on_old_versions", started.OnOldVersions);
    Print("start_instances_per_s", settings.Instances / started.Elapsed.TotalSeconds);

    if (settings.Provider == BenchProvider.Postgres)
    {
        await DatabaseActivity.AnalyzeAsync(connectionString);
    }

    // Two copies of the state the run starts from: one to record the engine's commands on, one to replay them on.
    var floorDatabases = settings.DriverFloor ? (Record: await cluster.CopyDatabaseAsync(connectionString), Replay: await cluster.CopyDatabaseAsync(connectionString)) : default;

    GC.Collect();
    var activityBefore = settings.Provider == BenchProvider.Postgres ? await DatabaseActivity.ReadAsync(connectionString) : null;
    var scansBefore = settings.Provider == BenchProvider.Postgres ? await DatabaseActivity.ReadTableScansAsync(connectionString) : null;
    TimeSpan? serverCpuBefore = settings.Provider == BenchProvider.Postgres ? await DatabaseActivity.ReadServerCpuAsync(connectionString) : null;
    var sqlBefore = counter.Snapshot();
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var allocatedBefore = GC.GetTotalAllocatedBytes();
    var collectionsBefore = GC.CollectionCount(0);
    if (settings.TraceSql)
    {
        counter.Trace(30);
    }

    var run = await workload.CompleteAllAsync(started.FirstTasks);
    var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
    TimeSpan? serverCpuAfter = serverCpuBefore is null ? null : await DatabaseActivity.ReadServerCpuAsync(connectionString);
    var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
    var collections = GC.CollectionCount(0) - collectionsBefore;
    var sql = counter.Snapshot() - sqlBefore;
    double transitions = run.LatenciesMs.Length;

    Print("transitions", transitions);
    Print("elapsed_s", run.Elapsed.TotalSeconds);
    Print("transitions_per_s", transitions / run.Elapsed.TotalSeconds);
    Print("instances_per_s", settings.Instances / run.Elapsed.TotalSeconds);
    Print("complete_task_p50_ms", run.Percentile(0.50));
    Print("complete_task_p95_ms", run.Percentile(0.95));
    Print("complete_task_p99_ms", run.Percentile(0.99));
    Print("complete_task_max_ms", run.Percentile(1));
    Print("complete_task_p95_first_tenth_ms", run.Percentile(0.95, 0, 0.1));
    Print("complete_task_p95_last_tenth_ms", run.Percentile(0.95, 0.9, 1));
    Print("conflicts", run.Conflicts);
    Print("sql_commands_per_transition", sql.Commands / transitions);
    Print("sql_statements_per_transition", sql.Statements / transitions);
    Print("savepoint_commands_per_transition", sql.SavepointCommands / transitions);
    Print("commits_per_transition", sql.Commits / transitions);
    Print("round_trips_per_transition", sql.RoundTrips / transitions);
    Print("db_wait_ms_per_transition", sql.CommandTime.TotalMilliseconds / transitions);
    Print("client_cpu_ms_per_transition", cpu.TotalMilliseconds / transitions);
    Print("client_allocated_kb_per_transition", allocated / 1024.0 / transitions);
    if (serverCpuAfter - serverCpuBefore is { } serverCpu)
    {
        Print("server_cpu_ms_per_transition", serverCpu.TotalMilliseconds / transitions);
    }

    Print("client_gc_collections", collections);
    if (activityBefore is not null)
    {
        var activity = await DatabaseActivity.ReadAsync(connectionString) - activityBefore;
        Print("server_rows_inserted_per_transition", activity.RowsInserted / transitions);
        Print("server_rows_updated_per_transition", activity.RowsUpdated / transitions);
        Print("server_rows_deleted_per_transition", activity.RowsDeleted / transitions);
        Print("server_rows_fetched_per_transition", activity.RowsFetched / transitions);
        Print("server_rows_returned_per_transition", activity.RowsReturned / transitions);
        Print("server_blocks_read_per_transition", activity.BlocksRead / transitions);
        Print("database_size_mb", activity.SizeBytes / 1024.0 / 1024.0);
        var scans = await DatabaseActivity.ReadTableScansAsync(connectionString);
        var seqRowsRead = 0L;
        foreach (var (table, after) in scans.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var before = scansBefore!.GetValueOrDefault(table);
            seqRowsRead += after.SeqRowsRead - before.SeqRowsRead;
            Console.Error.WriteLine($"{table}: seq_scan {after.SeqScans - before.SeqScans}, seq_tup_read {after.SeqRowsRead - before.SeqRowsRead}, idx_scan {after.IndexScans - before.IndexScans}, idx_tup_fetch {after.IndexRowsFetched - before.IndexRowsFetched}");
        }

        Print("server_seq_rows_read_per_transition", seqRowsRead / transitions);
    }

    Print("managed_heap_after_run_mb", GC.GetTotalMemory(forceFullCollection: true) / 1024.0 / 1024.0);
    Print("peak_rss_mb", Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0);
    Print("load_average_at_end", LoadAverage());

    // The multi-instance procedure on the same store: ten opinions asked at once per dossier, answered by the same workers.
    var consultations = await workload.StartConsultationsAsync(Math.Max(1, settings.Instances / 5));
    GC.Collect();
    var opinions = await workload.CompleteAllAsync(consultations, ConsultationProcedure.UserTasks);
    Print("multi_instance_dossiers", consultations.Count);
    Print("multi_instance_transitions", opinions.LatenciesMs.Length);
    Print("multi_instance_transitions_per_s", opinions.LatenciesMs.Length / opinions.Elapsed.TotalSeconds);
    Print("multi_instance_complete_task_p50_ms", opinions.Percentile(0.50));
    Print("multi_instance_complete_task_p95_ms", opinions.Percentile(0.95));
    Print("multi_instance_conflicts", opinions.Conflicts);
    Print("multi_instance_share_of_linear", opinions.LatenciesMs.Length / opinions.Elapsed.TotalSeconds / (transitions / run.Elapsed.TotalSeconds));
    if (settings.DriverFloor)
    {
        // Not measured: the same run again on the first copy, recording what the requests send; then only the second
        // copy is left, so that the replay has the cluster's memory to itself as the engine's run had.
        var recorder = new CommandRecorder();
        await using (var recording = await BenchHost.StartAsync(settings.Provider, floorDatabases.Record, new SqlCounter(), recorder))
        {
            await new OfficerWorkload(recording, settings, recorder).CompleteAllAsync(started.FirstTasks);
        }

        await cluster.DropDatabaseAsync(floorDatabases.Record);
        await cluster.DropDatabaseAsync(connectionString);
        var floorServerCpuBefore = await DatabaseActivity.ReadServerCpuAsync(floorDatabases.Replay);
        var floor = await DriverFloor.RunAsync(floorDatabases.Replay, recorder.Requests, settings.Workers);
        var floorServerCpu = await DatabaseActivity.ReadServerCpuAsync(floorDatabases.Replay) - floorServerCpuBefore;
        var floorPerSecond = floor.Requests / floor.Elapsed.TotalSeconds;
        Print("driver_floor_transitions_per_s", floorPerSecond);
        Print("driver_floor_client_cpu_ms_per_transition", floor.ClientCpu.TotalMilliseconds / floor.Requests);
        Print("driver_floor_server_cpu_ms_per_transition", floorServerCpu.TotalMilliseconds / floor.Requests);
        Print("driver_floor_failures", floor.Failures + (floor.FirstFailure is { } failure ? $" (first: {failure})" : ""));
        Print("driver_floor_ratio", floorPerSecond / pgbenchTps!.Value);
        Print("engine_share_of_driver_floor", transitions / run.Elapsed.TotalSeconds / floorPerSecond);
    }

    Print("ratio", pgbenchTps is { } tps ? (transitions / run.Elapsed.TotalSeconds / tps).ToString("0.000", CultureInfo.InvariantCulture) : "n/a");
    return 0;
}

static void Print(string key, object value) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key}: {(value is double d ? d.ToString("0.###", CultureInfo.InvariantCulture) : value)}"));

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
