using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using DossierWorkflow.Dossiers.Attachments;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DossierWorkflow.Dossiers.Backups;

/// <summary>Where the PostgreSQL client programs are (<c>Backup:PostgresBin</c>; empty: found on the PATH).</summary>
public sealed class BackupOptions
{
    public const string SectionName = "Backup";

    public string? PostgresBin { get; set; }
}

/// <summary>What a backup holds, written beside it as <c>backup.json</c>.</summary>
public sealed record BackupManifest(int Format, DateTimeOffset CreatedAt, DatabaseProvider Provider, string DatabaseFile, int Attachments);

/// <summary>
/// A whole installation's backup in one directory, and its restore. The database first — PostgreSQL with
/// <c>pg_dump</c> (custom format, one consistent snapshot while the app runs), SQLite with its online backup API — then
/// every file of the attachment store (<c>attachments/&lt;sha256&gt;</c>). A file is always stored before any row refers
/// to it, so every file the database's snapshot refers to is in the store by the time the files are copied (a file gone
/// meanwhile — a report export past its time — was not the snapshot's). Restoring puts the files back into the configured
/// store first, each checked against its name (its SHA-256), then the database into an empty one (PostgreSQL:
/// <c>pg_restore</c> in one transaction; SQLite: no file there yet): a restore that fails on the way can be run again.
/// </summary>
public sealed class Backups(IOptions<DatabaseOptions> database, IHostEnvironment host, IAttachmentStore store, IOptions<BackupOptions> options, TimeProvider time)
{
    public const string ManifestFile = "backup.json";
    private const string AttachmentsFolder = "attachments";

    public async Task<BackupManifest> BackupAsync(string directory, CancellationToken cancellationToken)
    {
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new InvalidOperationException($"The backup directory {directory} is not empty: give a new one.");
        }

        Directory.CreateDirectory(Path.Combine(directory, AttachmentsFolder));
        var createdAt = time.GetUtcNow();
        var settings = database.Value;
        string databaseFile;
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            databaseFile = "database.dump";
            await RunAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", Path.Combine(directory, databaseFile)], Postgres(settings), cancellationToken);
        }
        else
        {
            databaseFile = "database.sqlite";
            await using var source = new SqliteConnection(DatabaseConfiguration.SqliteConnectionString(settings, host.ContentRootPath));
            await source.OpenAsync(cancellationToken);
            await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, databaseFile), Pooling = false }.ConnectionString);
            await target.OpenAsync(cancellationToken);
            source.BackupDatabase(target);
        }

        var attachments = 0;
        await foreach (var sha256 in store.ListAsync(cancellationToken))
        {
            await using var content = await store.OpenAsync(sha256, cancellationToken);
            if (content is null)
            {
                continue;
            }

            await using var copy = File.Create(Path.Combine(directory, AttachmentsFolder, sha256));
            await content.CopyToAsync(copy, cancellationToken);
            attachments++;
        }

        var manifest = new BackupManifest(1, createdAt, settings.Provider, databaseFile, attachments);
        await File.WriteAllTextAsync(Path.Combine(directory, ManifestFile), JsonSerializer.Serialize(manifest, JsonSerializerOptions.Web), cancellationToken);
        return manifest;
    }

    public async Task<BackupManifest> RestoreAsync(string directory, CancellationToken cancellationToken)
    {
        var manifestPath = Path.Combine(directory, ManifestFile);
        var manifest = File.Exists(manifestPath)
            ? JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(manifestPath, cancellationToken), JsonSerializerOptions.Web)!
            : throw new InvalidOperationException($"{directory} holds no backup ({ManifestFile} is missing).");
        var settings = database.Value;
        if (manifest.Provider != settings.Provider)
        {
            throw new InvalidOperationException($"The backup is of a {manifest.Provider} database; the configured database is {settings.Provider}.");
        }

        // Refused before anything is written when the database is not empty.
        var sqliteTarget = settings.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnectionStringBuilder(DatabaseConfiguration.SqliteConnectionString(settings, host.ContentRootPath)).DataSource
            : null;
        if (sqliteTarget is null)
        {
            await EnsureEmptyPostgresAsync(settings, cancellationToken);
        }
        else if (File.Exists(sqliteTarget) && new FileInfo(sqliteTarget).Length > 0)
        {
            throw new InvalidOperationException($"A database exists at {sqliteTarget}: restore into an empty data directory.");
        }

        // The files first: they are harmless in the store if the database's restore fails, and putting one twice changes nothing.
        foreach (var file in Directory.EnumerateFiles(Path.Combine(directory, AttachmentsFolder)))
        {
            var sha256 = Path.GetFileName(file);
            await using var content = File.OpenRead(file);
            if (Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken)) != sha256)
            {
                throw new InvalidOperationException($"The backed-up file {sha256} is damaged: its content does not match its name.");
            }

            content.Position = 0;
            await store.PutAsync(sha256, content, content.Length, cancellationToken);
        }

        var backup = Path.Combine(directory, manifest.DatabaseFile);
        if (sqliteTarget is null)
        {
            var connection = Postgres(settings);
            await RunAsync("pg_restore", ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--dbname", connection["PGDATABASE"], backup], connection, cancellationToken);
        }
        else
        {
            await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backup, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
            await source.OpenAsync(cancellationToken);
            await using var restored = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqliteTarget, Pooling = false }.ConnectionString);
            await restored.OpenAsync(cancellationToken);
            source.BackupDatabase(restored);
        }

        return manifest;
    }

    /// <summary>The PostgreSQL client's connection, as its environment variables (the password never on a command line).</summary>
    private static Dictionary<string, string> Postgres(DatabaseOptions settings)
    {
        var connection = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        var environment = new Dictionary<string, string>
        {
            ["PGHOST"] = connection.Host ?? "localhost",
            ["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGDATABASE"] = connection.Database ?? throw new InvalidOperationException("Database:ConnectionString names no database."),
            ["PGSSLMODE"] = connection.SslMode switch
            {
                SslMode.Disable => "disable",
                SslMode.Allow => "allow",
                SslMode.Require => "require",
                SslMode.VerifyCA => "verify-ca",
                SslMode.VerifyFull => "verify-full",
                _ => "prefer",
            },
        };
        if (connection.Username is { } user)
        {
            environment["PGUSER"] = user;
        }

        if (connection.Password is { } password)
        {
            environment["PGPASSWORD"] = password;
        }

        return environment;
    }

    private static async Task EnsureEmptyPostgresAsync(DatabaseOptions settings, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')", connection);
        if ((long)(await command.ExecuteScalarAsync(cancellationToken))! > 0)
        {
            throw new InvalidOperationException($"The database {connection.Database} is not empty: restore into a new, empty database.");
        }
    }

    private async Task RunAsync(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var path = string.IsNullOrWhiteSpace(options.Value.PostgresBin) ? program : Path.Combine(options.Value.PostgresBin, program);
        var start = new ProcessStartInfo(path, arguments) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"{program} was not found: install the PostgreSQL client programs, or set Backup:PostgresBin to their directory.");
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} failed: {(await error).Trim()}");
            }
        }
    }
}
