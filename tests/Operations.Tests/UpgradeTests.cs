using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using DossierWorkflow.Testing;
using DossierWorkflow.Testing.Operations;
using Npgsql;

namespace DossierWorkflow.Operations.Tests;

/// <summary>
/// Upgrading a province's database: the previous release's database (<c>Fixtures/release-e7d82fa.sql.gz</c>: the release
/// before the citizens' portal, its demo office with 120 dossiers in every state, dumped with <c>pg_dump</c>) migrated by
/// this release keeps every row and serves; a migration that fails leaves nothing of itself, and says why and where the
/// database stays.
/// </summary>
public sealed class UpgradeTests(PostgresCluster cluster)
{
    private const string Fixture = "Fixtures/release-e7d82fa.sql.gz";

    [Fact]
    public async Task The_previous_releases_database_is_upgraded_keeping_every_row_and_serves()
    {
        var cancel = TestContext.Current.CancellationToken;
        var database = await LoadPreviousReleaseAsync(cancel);
        var before = await RowCountsAsync(database);

        await using var app = new AppInstance("upgraded", LoopbackPort.Free(), new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = database,
            ["Database__DataDirectory"] = Directory.CreateTempSubdirectory("dw-upgrade-").FullName,
            ["SignIn__SecureCookies"] = "false",
        });
        app.Start();
        await app.WaitUntilReadyAsync(TimeSpan.FromMinutes(2), cancel);
        var after = await RowCountsAsync(database);

        Assert.True(before["Dossiers"] >= 100 && before["WorkflowJournalEntries"] > 1000, $"The fixture holds {before["Dossiers"]} dossiers.");

        // The procedures added to the catalogue since the fixture's release are deployed at start-up, each with its audit
        // entry; every other table keeps exactly its rows.
        var deployed = after["WorkflowDefinitions"] - before["WorkflowDefinitions"];
        Assert.True(deployed > 0, "The procedures added since the fixture's release were not deployed.");
        Assert.Equal(before["AuditEntries"] + deployed, after["AuditEntries"]);
        foreach (var (table, rows) in before.Where(t => t.Key is not ("__EFMigrationsHistory" or "WorkflowDefinitions" or "AuditEntries")))
        {
            Assert.True(after[table] == rows, $"{table}: {rows} rows before the upgrade, {after[table]} after.");
        }

        Assert.True(after["__EFMigrationsHistory"] > before["__EFMigrationsHistory"]);
        var code = (string)(await PostgresCluster.ExecuteScalarAsync(database, """SELECT "Code" FROM "Dossiers" WHERE "Status" = 4 AND "ReceivingUnit" = 'HN.HOANKIEM' LIMIT 1""", cancel))!;
        using var office = await Office.SignInAsync(app.BaseAddress, "chuyenvien", cancel);
        var page = await office.GetAsync(new Uri(app.BaseAddress, $"Dossiers/{code}"), cancel);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(code, await page.Content.ReadAsStringAsync(cancel));
    }

    [Fact]
    public async Task A_migration_that_fails_leaves_nothing_of_itself_and_says_why_and_where_the_database_stays()
    {
        var cancel = TestContext.Current.CancellationToken;
        var database = await LoadPreviousReleaseAsync(cancel);
        // This release's second migration creates SubmissionDrafts: a table of that name in its way makes it fail, after the
        // first (CitizenAccounts) went through.
        await PostgresCluster.ExecuteScalarAsync(database, """CREATE TABLE "SubmissionDrafts" ("Note" text)""", cancel);
        var schema = await SchemaAsync(database);
        var rows = await RowCountsAsync(database);

        var upgrade = await AppInstance.RunCommandAsync(
            new Dictionary<string, string> { ["Database__Provider"] = "Postgres", ["Database__ConnectionString"] = database },
            ["officers", "list"],
            cancel);

        Assert.Equal(1, upgrade.ExitCode);
        Assert.Contains("The database could not be upgraded to this release", upgrade.Output);
        Assert.Contains("\"SubmissionDrafts\" already exists", upgrade.Output);
        Assert.Contains("stays at 20261209010000_CitizenAccounts", upgrade.Output);
        // Each migration is one transaction: the first (CitizenAccounts, OneTimeCodes) is there whole; of the failed one,
        // nothing — not even the column and index it added to Dossiers before it failed.
        var after = await SchemaAsync(database);
        Assert.Contains(after, s => s.StartsWith("CitizenAccounts.", StringComparison.Ordinal));
        Assert.DoesNotContain(after, s => s.Contains("CitizenAccountId", StringComparison.Ordinal) || s.Contains("SubmissionDraftFiles", StringComparison.Ordinal));
        string[] firstMigration = ["CitizenAccounts", "OneTimeCodes"];
        Assert.Equal(schema, after.Where(s => !firstMigration.Any(t => s.Contains(t, StringComparison.Ordinal))).ToList());
        var counts = await RowCountsAsync(database);
        Assert.All(rows.Where(r => r.Key != "__EFMigrationsHistory"), r => Assert.Equal(r.Value, counts[r.Key]));
        Assert.Equal(rows["__EFMigrationsHistory"] + 1, counts["__EFMigrationsHistory"]);
    }

    /// <summary>A new database holding the previous release's fixture, loaded with <c>psql</c> as a restore would.</summary>
    private async Task<string> LoadPreviousReleaseAsync(CancellationToken cancel)
    {
        var database = await cluster.CreateDatabaseAsync("previous");
        var connection = new NpgsqlConnectionStringBuilder(database);
        var start = new ProcessStartInfo(Path.Combine(PostgresCluster.BinDirectory, "psql"), ["-q", "-v", "ON_ERROR_STOP=1", "-f", "-"])
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = connection.Username;
        start.Environment["PGDATABASE"] = connection.Database;
        using var psql = Process.Start(start)!;
        var error = psql.StandardError.ReadToEndAsync(cancel);
        _ = psql.StandardOutput.ReadToEndAsync(cancel);
        await using (var dump = new GZipStream(File.OpenRead(Path.Combine(AppContext.BaseDirectory, Fixture)), CompressionMode.Decompress))
        {
            await dump.CopyToAsync(psql.StandardInput.BaseStream, cancel);
        }

        psql.StandardInput.Close();
        await psql.WaitForExitAsync(cancel);
        Assert.True(psql.ExitCode == 0, await error);
        return database;
    }

    private static async Task<Dictionary<string, long>> RowCountsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        List<string> tables = [];
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Dictionary<string, long> counts = [];
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }

        return counts;
    }

    private static async Task<List<string>> SchemaAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable FROM information_schema.columns WHERE table_schema = 'public'
            UNION ALL SELECT 'index ' || indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
            ORDER BY 1
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        List<string> schema = [];
        while (await reader.ReadAsync())
        {
            schema.Add(reader.GetString(0));
        }

        return schema;
    }
}
