using Microsoft.Data.Sqlite;
using DossierWorkflow.Dossiers.Attachments;
using DossierWorkflow.Testing;
using DossierWorkflow.Testing.Operations;

namespace DossierWorkflow.Operations.Tests;

/// <summary>
/// <c>backup</c> and <c>restore</c>: a populated installation backed up while it serves, restored into an empty database
/// and store, holds every dossier, file and journal entry — on PostgreSQL with the S3 store, and on SQLite with files on disk.
/// </summary>
public sealed class BackupRestoreTests(PostgresCluster cluster, S3Server s3, SmtpServer smtp)
{
    [Fact]
    public async Task A_postgres_installation_backed_up_while_serving_is_restored_whole_into_an_empty_one()
    {
        var cancel = TestContext.Current.CancellationToken;
        var setup = new OfficeSetup(await cluster.CreateDatabaseAsync("backup"), await s3.ServiceUrlAsync(), await smtp.PortAsync(), TimerBeforeProcessing: false);
        await using var office = await Office.OpenAsync(setup, instances: 1, cancel);
        var desk = new OfficeLoad(office, new LoadRecord(), 1);
        await desk.SignInAsync(cancel);
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3)))
        {
            await desk.RunAsync(stop.Token, cancel);
        }

        var settings = new Dictionary<string, string>(office.Instances[0].Settings) { ["Backup__PostgresBin"] = PostgresCluster.BinDirectory };
        var directory = Path.Combine(Directory.CreateTempSubdirectory("dw-backup-").FullName, "backup");
        var backedUp = await AppInstance.RunCommandAsync(settings, ["backup", directory], cancel);
        var restoredDatabase = await cluster.CreateDatabaseAsync("restored");
        var restoredPrefix = $"restored-{Guid.NewGuid():N}/";
        var restored = await AppInstance.RunCommandAsync(
            new Dictionary<string, string>(settings) { ["Database__ConnectionString"] = restoredDatabase, ["Attachments__S3__KeyPrefix"] = restoredPrefix },
            ["restore", directory],
            cancel);

        Assert.True(backedUp.ExitCode == 0, backedUp.Output);
        Assert.True(restored.ExitCode == 0, restored.Output);
        var before = await HoldingsAsync(office.ConnectionString);
        Assert.True(before.Dossiers.Count > 2 && before.Files.Count > 2, $"Only {before.Dossiers.Count} dossiers and {before.Files.Count} files.");
        var after = await HoldingsAsync(restoredDatabase);
        Assert.Equal(before.Dossiers, after.Dossiers);
        Assert.Equal(before.Files, after.Files);
        Assert.Equal(before.Journal, after.Journal);
        Assert.Contains($"dossiers: {before.Dossiers.Count}, workflow journal entries: {before.Journal}", restored.Output);
        using var store = new S3AttachmentStore(new S3AttachmentOptions
        {
            ServiceUrl = setup.S3ServiceUrl, Bucket = S3Server.Bucket, AccessKey = S3Server.AccessKey, SecretKey = S3Server.SecretKey, KeyPrefix = restoredPrefix,
        });
        var stored = await store.ListAsync(cancel).ToHashSetAsync(cancellationToken: cancel);
        Assert.Superset(before.Files.ToHashSet(), stored);

        // A second restore into the now populated database is refused, and changes nothing.
        var again = await AppInstance.RunCommandAsync(
            new Dictionary<string, string>(settings) { ["Database__ConnectionString"] = restoredDatabase, ["Attachments__S3__KeyPrefix"] = restoredPrefix },
            ["restore", directory],
            cancel);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("is not empty", again.Output);
        Assert.Equal(before.Journal, (await HoldingsAsync(restoredDatabase)).Journal);
    }

    [Fact]
    public async Task A_sqlite_installation_is_backed_up_with_its_files_and_restored_into_an_empty_data_directory()
    {
        var cancel = TestContext.Current.CancellationToken;
        var source = Directory.CreateTempSubdirectory("dw-sqlite-source-").FullName;
        var target = Directory.CreateTempSubdirectory("dw-sqlite-target-").FullName;
        var directory = Path.Combine(Directory.CreateTempSubdirectory("dw-backup-").FullName, "backup");
        // The demo office, with its dossiers and journals, and one stored scan.
        var scan = "%PDF-1.4\n%%EOF\n"u8.ToArray();
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(scan));
        await new FileSystemAttachmentStore(Path.Combine(source, "attachments")).PutAsync(sha256, new MemoryStream(scan), scan.Length, cancel);
        Dictionary<string, string> SettingsFor(string data) => new()
        {
            ["Database__Provider"] = "Sqlite", ["Database__DataDirectory"] = data, ["Seeding__DemoData"] = "true", ["Seeding__DemoDossiers"] = "40",
        };

        var backedUp = await AppInstance.RunCommandAsync(SettingsFor(source), ["backup", directory], cancel);
        var restored = await AppInstance.RunCommandAsync(SettingsFor(target), ["restore", directory], cancel);

        Assert.True(backedUp.ExitCode == 0, backedUp.Output);
        Assert.True(restored.ExitCode == 0, restored.Output);
        var before = await SqliteHoldingsAsync(source);
        var after = await SqliteHoldingsAsync(target);
        Assert.True(before.Dossiers > 10, $"Only {before.Dossiers} demo dossiers.");
        Assert.Equal(before, after);
        Assert.Equal(scan, await File.ReadAllBytesAsync(Path.Combine(target, "attachments", sha256[..2], sha256[2..4], sha256), cancel));
    }

    private static async Task<(List<string> Dossiers, List<string> Files, long Journal)> HoldingsAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task<List<string>> ListAsync(string sql)
        {
            await using var command = new Npgsql.NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            List<string> values = [];
            while (await reader.ReadAsync())
            {
                values.Add(reader.GetString(0));
            }

            return values;
        }

        var dossiers = await ListAsync("""SELECT "Code" FROM "Dossiers" ORDER BY "Code" """);
        var files = await ListAsync("""SELECT DISTINCT "Sha256" FROM "DossierFiles" ORDER BY 1""");
        await using var journal = new Npgsql.NpgsqlCommand("""SELECT count(*) FROM "WorkflowJournalEntries" """, connection);
        return (dossiers, files, (long)(await journal.ExecuteScalarAsync())!);
    }

    private static async Task<(long Dossiers, long Journal, long Files)> SqliteHoldingsAsync(string dataDirectory)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "dossierworkflow.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        async Task<long> CountAsync(string table)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM \"{table}\"";
            return (long)(await command.ExecuteScalarAsync())!;
        }

        return (await CountAsync("Dossiers"), await CountAsync("WorkflowJournalEntries"), await CountAsync("DossierFiles"));
    }
}
