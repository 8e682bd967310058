using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DossierWorkflow.Dossiers.Persistence;

/// <summary>Points a <see cref="DbContextOptionsBuilder"/> at the configured provider. Shared by the app and the tests.</summary>
public static class DatabaseConfiguration
{
    public const string SqliteFileName = "dossierworkflow.db";

    private const string MaxAutoPrepare = "Max Auto Prepare";

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
    /// The configured PostgreSQL connection string, with Npgsql's automatic preparation on unless it says otherwise
    /// (<c>Max Auto Prepare=0</c> turns it off, e.g. behind a pooler that cannot keep prepared statements). Every request
    /// sends the same few statements (the engine's load and writes, the queues), so preparing them once per connection
    /// saves the server parsing and planning them again on every call.
    /// </summary>
    public static string? PostgresConnectionString(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured) || new DbConnectionStringBuilder { ConnectionString = configured }.ContainsKey(MaxAutoPrepare))
        {
            return configured;
        }

        return new NpgsqlConnectionStringBuilder(configured) { MaxAutoPrepare = DefaultMaxAutoPrepare }.ConnectionString;
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
