using System.ComponentModel.DataAnnotations;

namespace DossierWorkflow.Dossiers.Persistence;

/// <summary>Which database the system runs on: the <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><c>Sqlite</c> (the zero-setup default: a file under <see cref="DataDirectory"/>) or <c>Postgres</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// The connection string. Required for PostgreSQL; optional for SQLite, where it defaults to
    /// <c>Data Source={DataDirectory}/dossierworkflow.db</c>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where the SQLite file lives when no connection string is given. Relative paths are taken from the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Apply pending migrations at start-up (on by default; turn off when a deployment step migrates).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
