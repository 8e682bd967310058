using Npgsql;

namespace DossierWorkflow.Engine.Bench;

/// <summary>The server's own counters for one database (<c>pg_stat_database</c>) and its size: what a transition costs PostgreSQL.</summary>
internal sealed record DatabaseActivity(long Commits, long RowsReturned, long RowsFetched, long RowsInserted, long RowsUpdated, long RowsDeleted, long BlocksRead, long BlocksHit, long SizeBytes)
{
    public static async Task<DatabaseActivity> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // Backends publish their counters when they go idle, at most once a second: wait for the last ones to arrive.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await using var command = new NpgsqlCommand(
            """
            SELECT xact_commit, tup_returned, tup_fetched, tup_inserted, tup_updated, tup_deleted, blks_read, blks_hit,
                   pg_database_size(datname)
            FROM pg_stat_database WHERE datname = current_database()
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new DatabaseActivity(
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
            reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8));
    }

    /// <summary>
    /// Refreshes the planner's statistics after the bulk start, as autovacuum does within a minute on a live system.
    /// Without them PostgreSQL plans the open work items of an instance (<c>InstanceId = @id AND Status = 0</c>) on the
    /// (Status, Assignee) index and reads every open task of the store for each command.
    /// </summary>
    public static async Task AnalyzeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("ANALYZE", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Per table: sequential scans, rows they read, index scans, rows they fetched (cumulative). A growing seq_tup_read means a query whose cost grows with the store.</summary>
    public static async Task<IReadOnlyDictionary<string, (long SeqScans, long SeqRowsRead, long IndexScans, long IndexRowsFetched)>> ReadTableScansAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0), coalesce(idx_tup_fetch, 0) FROM pg_stat_user_tables", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new Dictionary<string, (long, long, long, long)>();
        while (await reader.ReadAsync())
        {
            tables[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
        }

        return tables;
    }

    /// <summary>
    /// The CPU time the whole cluster has used so far, from <c>/proc</c>: the postmaster's own, that of its children still
    /// running (backends, background processes), and that of its children that have ended (the kernel adds a child's
    /// time to its parent's <c>cutime</c>/<c>cstime</c> when the parent reaps it, as the postmaster does at once).
    /// </summary>
    public static async Task<TimeSpan> ReadServerCpuAsync(string connectionString)
    {
        int backend;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
            backend = (int)(await command.ExecuteScalarAsync())!;
        }

        var postmaster = (int)ProcStat(backend)![1];
        var total = 0L;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && ProcStat(pid) is { } stat)
            {
                if (pid == postmaster)
                {
                    total += stat[11] + stat[12] + stat[13] + stat[14];
                }
                else if (stat[1] == postmaster)
                {
                    total += stat[11] + stat[12];
                }
            }
        }

        return TimeSpan.FromMilliseconds(total * 10.0);
    }

    /// <summary>
    /// The numeric fields of <c>/proc/PID/stat</c> from field 3 on (index 1 = ppid, 11 = utime, 12 = stime, 13 = cutime,
    /// 14 = cstime, in clock ticks of 1/100 s), or null when the process is gone.
    /// </summary>
    private static long[]? ProcStat(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may contain spaces: the fields start after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 4)..].Split(' ');
        return [0, .. fields.Take(15).Select(f => long.Parse(f, System.Globalization.CultureInfo.InvariantCulture))];
    }

    public static DatabaseActivity operator -(DatabaseActivity after, DatabaseActivity before) => new(
        after.Commits - before.Commits,
        after.RowsReturned - before.RowsReturned,
        after.RowsFetched - before.RowsFetched,
        after.RowsInserted - before.RowsInserted,
        after.RowsUpdated - before.RowsUpdated,
        after.RowsDeleted - before.RowsDeleted,
        after.BlocksRead - before.BlocksRead,
        after.BlocksHit - before.BlocksHit,
        after.SizeBytes);
}
