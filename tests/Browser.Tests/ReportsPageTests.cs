using ClosedXML.Excel;
using Microsoft.Playwright;

namespace DossierWorkflow.Browser.Tests;

/// <summary>
/// A manager's reports, as they click through them: the dashboard with its charts drawn, another period chosen, a figure
/// followed to the dossiers behind it, and Biểu 06 exported — its progress card shown, then its file downloaded.
/// </summary>
public sealed class ReportsPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_manager_changes_the_period_follows_a_figure_to_its_dossiers_and_downloads_bieu_06()
    {
        await using var receptionContext = await app.NewContextAsync();
        var reception = await app.SignedInPageAsync(receptionContext);
        var code = await Counter.AcceptBirthRegistrationAsync(reception, Counter.AnCard, "0912345678");

        // The manager's home page is the dashboard, its charts drawn by Chart.js (no console error under the CSP).
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };
        await page.SetViewportSizeAsync(1366, 900);
        await page.GotoAsync("/Account/SignIn");
        await page.Locator("#UserName").FillAsync("quanly");
        await page.Locator("#Password").FillAsync(Dossiers.Organisation.DemoOrganisation.DemoPassword);
        await page.Locator("#sign-in button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/Reports");
        await page.Locator("#trend-chart[data-ready='true']").WaitForAsync();
        await page.Locator("#timeliness-chart[data-ready='true'], #no-resolved").First.WaitForAsync();

        // Another period: this year.
        await page.Locator("#Kind").SelectOptionAsync("year");
        await page.Locator("#report-filter button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/Reports?*Kind=year*");
        Assert.StartsWith("Ủy ban nhân dân Thành phố Hà Nội: từ 01/01/", await page.Locator("#period").InnerTextAsync());
        Assert.True(int.Parse(await page.Locator("#received").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        await page.Locator("#trend-chart[data-ready='true']").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "reports-dashboard.png"), FullPage = true });

        // A figure opens the dossiers behind it.
        await page.Locator("#summary a").First.ClickAsync();
        await page.WaitForURLAsync("**/Dossiers?*Input.Figure=Received*");
        Assert.Contains("Hồ sơ nhận giải quyết (tổng số)", await page.Locator("#report-criteria").InnerTextAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = code, Exact = true }).WaitForAsync();
        await page.GoBackAsync();

        // Biểu 06 in the background: its card shows how far it is, then offers the file.
        await page.Locator("#export-bieu06").ClickAsync();
        var card = page.Locator("#exports .list-group-item").First;
        await card.WaitForAsync();
        Assert.Contains("Biểu 06", await card.InnerTextAsync());
        var download = await page.RunAndWaitForDownloadAsync(() => card.Locator("a[download]").ClickAsync());
        Assert.StartsWith("bieu-06_HN_", download.SuggestedFilename);
        await using (var file = await download.CreateReadStreamAsync())
        {
            using var copy = new MemoryStream();
            await file.CopyToAsync(copy, TestContext.Current.CancellationToken);
            copy.Position = 0;
            using var workbook = new XLWorkbook(copy);
            Assert.Equal("TỔNG SỐ", workbook.Worksheet("Biểu 06").Column(2).CellsUsed().Last().GetString());
        }

        Assert.Empty(consoleErrors);
    }
}
