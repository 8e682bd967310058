using DossierWorkflow.Testing;
using Npgsql;

namespace DossierWorkflow.Dossiers.Tests.Testing;

/// <summary>The private cluster's database copy, which the engine bench replays the engine's commands on.</summary>
public sealed class PostgresClusterTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_copied_database_starts_with_the_rows_of_its_source_and_then_goes_its_own_way()
    {
        var source = await cluster.CreateDatabaseAsync("copy-source");
        await ExecuteAsync(source, "CREATE TABLE receipts (code text PRIMARY KEY); INSERT INTO receipts VALUES ('H12-261122-0001')");

        var copy = await cluster.CopyDatabaseAsync(source);
        await ExecuteAsync(copy, "INSERT INTO receipts VALUES ('H12-261122-0002')");

        Assert.NotEqual(new NpgsqlConnectionStringBuilder(source).Database, new NpgsqlConnectionStringBuilder(copy).Database);
        Assert.Equal(1L, await ExecuteAsync(source, "SELECT count(*) FROM receipts"));
        Assert.Equal(2L, await ExecuteAsync(copy, "SELECT count(*) FROM receipts"));
        Assert.Equal(1L, await ExecuteAsync(copy, "SELECT count(*) FROM receipts WHERE code = 'H12-261122-0001'"));
    }

    private static Task<object?> ExecuteAsync(string connectionString, string sql) =>
        PostgresCluster.ExecuteScalarAsync(connectionString, sql, TestContext.Current.CancellationToken);
}
