using DossierWorkflow.Testing.Web;

namespace DossierWorkflow.Portal.Tests.Hosting;

/// <summary>
/// The portal faces the public internet: every answer carries the strict headers, no officer's page is here, and the SMS
/// gateway's endpoint is off until its secret is configured.
/// </summary>
public sealed class SecurityHeadersTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Every_page_forbids_inline_scripts_framing_and_sniffing()
    {
        var response = await app.Portal.CreateClient().GetAsync("/", TestContext.Current.CancellationToken);

        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join(' ', response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", string.Join(' ', response.Headers.GetValues("X-Frame-Options")));
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task The_portal_answers_the_orchestrators_probes(string probe)
    {
        var response = await app.Portal.CreateClient().GetAsync(probe, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/Account/SignIn")]
    [InlineData("/Dossiers")]
    [InlineData("/api/v1/openapi.json")]
    [InlineData("/Admin/Officers")]
    [InlineData("/sms/incoming")]
    public async Task The_officers_pages_and_their_API_are_not_served_here(string path)
    {
        var response = await app.Portal.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
