using Microsoft.Playwright;

namespace DossierWorkflow.Browser.Tests;

public sealed class ProceduresPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Typing_in_the_search_box_narrows_the_procedures_without_reloading_the_page()
    {
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);
        await page.GotoAsync("/Procedures");
        var rows = page.Locator("#procedures tbody tr");
        Assert.Equal(16, await rows.CountAsync());
        await page.EvaluateAsync("() => window.loadedOnce = true");

        await page.Locator("#q").PressSequentiallyAsync("dang ky khai sinh");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#procedures tbody tr').length < 16");

        var codes = await page.Locator("#procedures tbody tr td:first-child").AllInnerTextsAsync();
        Assert.Contains("1.001193", codes);
        Assert.Contains("1.004884", codes);
        Assert.True(await page.EvaluateAsync<bool>("() => window.loadedOnce === true"), "The page reloaded instead of swapping the results.");
    }

    [Fact]
    public async Task A_procedure_opens_with_its_steps_in_english()
    {
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);
        await page.GotoAsync("/Procedures");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Marriage registration", Exact = false }).First.ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/Procedures/Details", StringComparison.Ordinal));
        Assert.Equal("Processing steps", await page.Locator("h2", new() { HasText = "Processing steps" }).InnerTextAsync());
        Assert.Contains("Leader", await page.Locator("#steps").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "procedure-en.png"), FullPage = true });
    }
}
