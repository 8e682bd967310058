using Microsoft.Playwright;

namespace DossierWorkflow.Browser.Tests;

public sealed class CalendarPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_administrator_adds_a_make_up_day_and_removes_it_without_reloading_the_page()
    {
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context, "quantri");
        await page.GetByRole(AriaRole.Button, new() { Name = "Quản trị" }).Or(page.GetByRole(AriaRole.Link, new() { Name = "Quản trị" })).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Lịch làm việc" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Admin/Calendar", StringComparison.Ordinal));
        await page.GotoAsync("/Admin/Calendar?year=2027");

        await page.Locator("#Decision_Date").FillAsync("2027-01-09");
        await page.Locator("#kind-working").CheckAsync();
        await page.Locator("#Decision_Note").FillAsync("Làm bù cho thứ Sáu 15/01/2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm" }).ClickAsync();
        await page.Locator("#message").WaitForAsync();
        var row = page.Locator("tr[data-date='2027-01-09']");
        Assert.Contains("Ngày làm việc", await row.InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "calendar-2027.png"), FullPage = true });

        await page.EvaluateAsync("() => window.loadedOnce = true");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await row.GetByRole(AriaRole.Button).ClickAsync();
        await row.WaitForAsync(new() { State = WaitForSelectorState.Detached });

        Assert.True(await page.EvaluateAsync<bool>("() => window.loadedOnce === true"), "The page reloaded instead of swapping the table.");
        Assert.Equal(0, await page.Locator("tr[data-date='2027-01-09']").CountAsync());
    }

    [Fact]
    public async Task A_long_note_without_spaces_wraps_inside_the_table_instead_of_widening_the_page()
    {
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context, "quantri");
        await page.GotoAsync("/Admin/Calendar?year=2030");

        await page.Locator("#Decision_Date").FillAsync("2030-03-08");
        await page.Locator("#Decision_Note").FillAsync(new string('x', 300));
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm" }).ClickAsync();
        await page.Locator("#message").WaitForAsync();
        // The form posts the whole page: measured before the new page's stylesheet arrives, the note would not wrap.
        await page.WaitForLoadStateAsync(LoadState.Load);

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"The page is {widths[0]} px wide in a {widths[1]} px window.");
        var table = await page.Locator("#special-days").BoundingBoxAsync();
        var form = await page.Locator("#add-decision").BoundingBoxAsync();
        Assert.True(table!.Y < form!.Y + form.Height && table.X + table.Width <= form.X, "The table no longer stands beside the form.");
    }
}
