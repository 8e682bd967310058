using Microsoft.Playwright;

namespace DossierWorkflow.Browser.Tests;

public sealed class HomePageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_officer_switches_the_home_page_to_english_and_back()
    {
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);
        var failedAssets = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failedAssets.Add($"{response.Status} {response.Url}");
            }
        };

        await page.GotoAsync("/");
        Assert.Equal("Bộ phận Một cửa", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("vi", await page.Locator("html").GetAttributeAsync("lang"));

        // The switch posts and comes back to this same address, so waiting for the URL would not wait: wait for the new page.
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await page.Locator("html[lang='en']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Equal("One-stop-shop counter", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Matches(@"^Today is \d{2}/\d{2}/\d{4}\.$", await page.Locator("#today").InnerTextAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Tiếng Việt" }).ClickAsync();
        await page.Locator("html[lang='vi']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Equal("Bộ phận Một cửa", await page.Locator("h1").InnerTextAsync());
        Assert.Empty(failedAssets);
    }

    [Fact]
    public async Task The_layout_is_styled_by_bootstrap_and_loads_htmx()
    {
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add($"{message.Text} {message.Location}");
            }
        };

        await page.GotoAsync("/");

        // Bootstrap's navbar rule makes the nav a flex container; htmx defines its global.
        Assert.Equal("flex", await page.Locator("nav.navbar").EvaluateAsync<string>("e => getComputedStyle(e).display"));
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.htmx === 'object'"));
        Assert.Empty(consoleErrors);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "home.png"), FullPage = true });
    }
}
