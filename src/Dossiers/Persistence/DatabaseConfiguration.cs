using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Persistence;

/// <summary>Points a <see cref="DbContextOptionsBuilder"/> at the configured provider. Shared by the app and the tests.</summary>
public static class DatabaseConfiguration
{
    public const string SqliteFileName = "dossierworkflow.db";

    public static DbContextOptionsBuilder UseConfiguredDatabase(this DbContextOptionsBuilder builder, DatabaseOptions options, string contentRoot)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(SqliteConnectionString(options, contentRoot)).AddInterceptors(SqliteBusyTimeout.Instance);
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(options.ConnectionString);
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{options.Provider}'.");
        }

        return builder;
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
