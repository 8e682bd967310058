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
