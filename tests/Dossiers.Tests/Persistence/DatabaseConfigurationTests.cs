using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Testing;
using Npgsql;

namespace DossierWorkflow.Dossiers.Tests.Persistence;

public sealed class DatabaseConfigurationTests
{
    [Fact]
    public void A_postgres_connection_string_gets_prepared_statements_and_no_session_reset()
    {
        var configured = new NpgsqlConnectionStringBuilder(DatabaseConfiguration.PostgresConnectionString("Host=db;Database=dw;Username=dw"));

        Assert.Equal(100, configured.MaxAutoPrepare);
        Assert.True(configured.NoResetOnClose);
        Assert.Equal("db", configured.Host);
        Assert.Equal("dw", configured.Database);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=db;MaxAutoPrepare=0;NoResetOnClose=false")]
    [InlineData("Host=db;max auto prepare=0;no reset on close=false")]
    public void Settings_the_connection_string_makes_itself_are_kept(string given)
    {
        var configured = new NpgsqlConnectionStringBuilder(DatabaseConfiguration.PostgresConnectionString(given));

        Assert.Equal(0, configured.MaxAutoPrepare);
        Assert.False(configured.NoResetOnClose);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void No_connection_string_stays_none(string? given) =>
        Assert.Equal(given, DatabaseConfiguration.PostgresConnectionString(given));
}

/// <summary>What skipping the session reset must still guarantee, on a real server.</summary>
public sealed class PooledPostgresConnectionTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_transaction_a_request_left_open_is_rolled_back_before_its_connection_serves_the_next()
    {
        var configured = DatabaseConfiguration.PostgresConnectionString(await cluster.CreateDatabaseAsync("pool"));

        // One connection in the pool, so the next request gets the very connection the last one returned.
        var connectionString = new NpgsqlConnectionStringBuilder(configured) { MaxPoolSize = 1 }.ConnectionString;
        await ExecuteAsync(connectionString, "CREATE TABLE receipts (n integer)");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            var abandoned = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
            await using var insert = new NpgsqlCommand("INSERT INTO receipts VALUES (1)", connection, abandoned);
            await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(0L, await ExecuteAsync(connectionString, "SELECT count(*) FROM receipts"));
        Assert.Equal(true, await ExecuteAsync(connectionString, "SELECT pg_current_xact_id_if_assigned() IS NULL"));
    }

    private static Task<object?> ExecuteAsync(string connectionString, string sql) =>
        PostgresCluster.ExecuteScalarAsync(connectionString, sql, TestContext.Current.CancellationToken);
}
