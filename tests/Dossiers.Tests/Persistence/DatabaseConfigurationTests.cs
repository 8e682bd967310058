using DossierWorkflow.Dossiers.Persistence;
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
