using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DossierWorkflow.Dossiers.Persistence;

/// <summary>Points a <see cref="DbContextOptionsBuilder"/> at the configured provider. Shared by the app and the tests.</summary>
public static class DatabaseConfiguration
{
    public const string SqliteFileName = "dossierworkflow.db";

    // Connection string keys as Npgsql also accepts them written without spaces.
    private const string MaxAutoPrepare = "MaxAutoPrepare";
    private const string NoResetOnClose = "NoResetOnClose";

    // Comfortably above the distinct statements of the engine's commands and the officers' pages.
    private const int DefaultMaxAutoPrepare = 100;

    public static DbContextOptionsBuilder UseConfiguredDatabase(this DbContextOptionsBuilder builder, DatabaseOptions options, string contentRoot)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(SqliteConnectionString(options, contentRoot)).AddInterceptors(SqliteBusyTimeout.Instance);
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(PostgresConnectionString(options.ConnectionString));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{options.Provider}'.");
        }

        return builder;
    }

    /// <summary>
    /// The configured PostgreSQL connection string with two Npgsql defaults changed, each unless the string sets it itself:
    /// <list type="bullet">
    /// <item><b>Automatic preparation on</b> (<c>Max Auto Prepare=100</c>; <c>0</c> turns it off, e.g. behind a pooler that
    /// cannot keep prepared statements). Every request sends the same few statements (the engine's load and writes, the
    /// queues), so preparing them once per connection saves the server parsing and planning them on every call.</item>
    /// <item><b>No session reset on return to the pool</b> (<c>No Reset On Close=true</c>). Npgsql would otherwise send
    /// seven statements (<c>RESET ALL</c>, <c>pg_advisory_unlock_all()</c>, …) with the next command of every pooled
    /// connection: as many as a request's own reads. The application never changes session state: it sets no parameter
    /// outside a transaction, takes no session-level advisory lock, listens to nothing and creates no temporary table.
    /// Code that ever does must undo it before returning the connection.</item>
    /// </list>
    /// </summary>
    public static string? PostgresConnectionString(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var given = new DbConnectionStringBuilder { ConnectionString = configured }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new NpgsqlConnectionStringBuilder(configured);
        if (!given.Contains(MaxAutoPrepare))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (!given.Contains(NoResetOnClose))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    /// <summary>The SQLite connection string: the configured one, or a file in the data directory (created when missing).</summary>
    public static string SqliteConnectionString(DatabaseOptions options, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        var directory = Path.GetFullPath(options.DataDirectory, contentRoot);
        Directory.CreateDirectory(directory);
        return $"Data Source={Path.Combine(directory, SqliteFileName)}";
    }
}
