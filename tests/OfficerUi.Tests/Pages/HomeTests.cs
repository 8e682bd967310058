using System.Net;
using DossierWorkflow.Testing;
using DossierWorkflow.Testing.Web;

namespace DossierWorkflow.OfficerUi.Tests.Pages;

public abstract class HomeTests(OfficerUiApp app)
{
    [Fact]
    public async Task The_home_page_speaks_vietnamese_by_default()
    {
        var client = app.CreateClient();

        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"vi\">", html);
        Assert.Contains("Bộ phận Một cửa", html);
    }

    [Fact]
    public async Task The_health_check_reaches_the_database()
    {
        var client = app.CreateClient();

        var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}

public sealed class HomeTestsOnSqlite(SqliteApp app) : HomeTests(app), IClassFixture<SqliteApp>;

public sealed class HomeTestsOnPostgres(PostgresApp app) : HomeTests(app), IClassFixture<PostgresApp>;
