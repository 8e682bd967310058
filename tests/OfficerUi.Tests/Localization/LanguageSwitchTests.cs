using System.Net;
using System.Text.RegularExpressions;
using DossierWorkflow.Testing.Web;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DossierWorkflow.OfficerUi.Tests.Localization;

public sealed partial class LanguageSwitchTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Switching_to_english_keeps_vietnamese_date_formats()
    {
        var client = await app.CreateSignedInClientAsync(options: new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var switched = await SwitchAsync(client, "en-US", "/");
        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains("One-stop-shop counter", html);
        Assert.Matches(TodayInVietnameseFormat(), html);
    }

    [Fact]
    public async Task Switching_back_to_vietnamese_restores_the_vietnamese_texts()
    {
        var client = await app.CreateSignedInClientAsync();
        await SwitchAsync(client, "en-US", "/");

        await SwitchAsync(client, "vi-VN", "/");

        Assert.Contains("Bộ phận Một cửa", await client.GetStringAsync("/", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_switch_only_returns_to_local_addresses()
    {
        var client = await app.CreateSignedInClientAsync(options: new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await SwitchAsync(client, "en-US", "//evil.example/phish");

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_switch_refuses_a_post_without_the_antiforgery_token()
    {
        var client = app.CreateClient();

        var response = await client.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string> { ["language"] = "en-US" }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_sign_in_page_can_be_switched_to_english_before_signing_in()
    {
        var client = app.CreateClient();
        var form = await client.GetStringAsync("/Account/SignIn", TestContext.Current.CancellationToken);

        await client.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["language"] = "en-US",
            ["returnUrl"] = "/Account/SignIn",
            ["__RequestVerificationToken"] = OfficerSignIn.AntiforgeryToken(form),
        }), TestContext.Current.CancellationToken);

        Assert.Contains("User name", await client.GetStringAsync("/Account/SignIn", TestContext.Current.CancellationToken));
    }

    private static async Task<HttpResponseMessage> SwitchAsync(HttpClient client, string language, string returnUrl)
    {
        var home = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        var token = OfficerSignIn.AntiforgeryToken(home);
        return await client.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["language"] = language,
            ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = token,
        }), TestContext.Current.CancellationToken);
    }

    [GeneratedRegex(@"Today is \d{2}/\d{2}/\d{4}\.")]
    private static partial Regex TodayInVietnameseFormat();
}
