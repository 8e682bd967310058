using DossierWorkflow.Testing.Web;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DossierWorkflow.OfficerUi.Tests.Hosting;

/// <summary>
/// Outside development every cookie is HTTPS-only and HTTPS answers carry Strict-Transport-Security (not for
/// localhost, which ASP.NET Core leaves out: the test names another host).
/// </summary>
public sealed class TransportSecurityTests(ProductionApp app) : IClassFixture<ProductionApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sign_in_and_antiforgery_cookies_are_secure_only_and_hsts_is_sent()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://motcua.example.vn") });

        var form = await client.GetAsync("/Account/SignIn", Cancel);
        var signedIn = await client.SignInAsync("tiepnhan");

        Assert.Contains(form.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("DossierWorkflow.Auth=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("max-age=", Assert.Single(form.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }
}
