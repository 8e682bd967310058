using System.Net;
using DossierWorkflow.Testing;
using DossierWorkflow.Testing.Web;

namespace DossierWorkflow.OfficerUi.Tests.Pages;

public abstract class HomeTests(OfficerUiApp app)
{
    [Fact]
    public async Task The_home_page_speaks_vietnamese_by_default()
    {
        var client = await app.CreateSignedInClientAsync();

        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"vi\">", html);
        Assert.Contains("Bộ phận Một cửa", html);
    }

    [Fact]
    public async Task An_officer_who_has_not_signed_in_is_sent_to_the_sign_in_page_and_back()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/Procedures?q=ket+hon", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/SignIn?ReturnUrl=%2FProcedures%3Fq%3Dket%2Bhon", response.Headers.Location?.PathAndQuery);
        var signedIn = await client.SignInAsync("chuyenvien", returnUrl: "/Procedures?q=ket+hon");
        Assert.Equal("/Procedures?q=ket+hon", signedIn.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task The_health_probes_answer_healthy_when_the_database_and_the_store_do(string probe)
    {
        var client = app.CreateClient();

        var response = await client.GetAsync(probe, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}

public sealed class HomeTestsOnSqlite(SqliteApp app) : HomeTests(app), IClassFixture<SqliteApp>;

public sealed class HomeTestsOnPostgres(PostgresApp app) : HomeTests(app), IClassFixture<PostgresApp>;
