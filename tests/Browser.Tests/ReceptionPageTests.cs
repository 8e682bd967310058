using DossierWorkflow.Testing;
using Microsoft.Playwright;

namespace DossierWorkflow.Browser.Tests;

/// <summary>A reception officer at a 1366×768 counter screen, with the keyboard and the ID card scanner.</summary>
public sealed class ReceptionPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_scanned_id_card_and_ticked_documents_give_a_receipt_slip_with_the_code_the_name_and_the_appointment()
    {
        Poppler.Require();
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);
        await page.SetViewportSizeAsync(1366, 768);

        await page.GetByRole(AriaRole.Link, new() { Name = "Tiếp nhận", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/Reception");
        // The officer types once the cursor stands in the search box (autofocus lands after the page has loaded).
        await page.WaitForFunctionAsync("() => document.activeElement?.id === 'procedure-search'");
        await page.Keyboard.TypeAsync("khai sinh");
        // The matches of the whole words typed: the search runs 200 ms after the last key, and a pick made before it
        // answers is swapped away with the list it came from.
        await page.Locator("#procedure-matches button:first-child[data-procedure='1.001193']").WaitForAsync();
        await page.WaitForTimeoutAsync(300);
        await page.WaitForFunctionAsync("() => !document.querySelector('.htmx-request')");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#chosen-procedure[data-code='1.001193']").WaitForAsync();

        // The procedure chosen, the cursor waits in the scan field: the scanner types the card and presses Enter.
        Assert.Equal("citizen-id-scan", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync(Counter.AnCard);
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("Nguyễn Văn Án", await page.Locator("#Input_Name").InputValueAsync());
        Assert.Equal("001085012345", await page.Locator("#Input_CitizenId").InputValueAsync());
        Assert.Equal("1985-03-15", await page.Locator("#Input_DateOfBirth").InputValueAsync());
        Assert.Equal("Male", await page.Locator("#Input_Gender").InputValueAsync());

        await page.Keyboard.TypeAsync("0912345678");
        await page.Locator("#document-0").CheckAsync();
        await page.Locator("#document-6").CheckAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "reception.png"), FullPage = true });
        await page.Locator("#decide-accept").ClickAsync();

        await page.WaitForURLAsync("**/Reception/Received?code=*");
        var code = await page.Locator("#dossier-code").InnerTextAsync();
        var appointment = await page.Locator("#appointment").InnerTextAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "reception-received.png") });
        var href = await page.Locator("#print-form").GetAttributeAsync("href");
        Assert.Equal("_blank", await page.Locator("#print-form").GetAttributeAsync("target"));
        var pdf = await context.APIRequest.GetAsync(href!);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        var text = Poppler.Text(await pdf.BodyAsync());

        Assert.Contains(code, text);
        Assert.Contains("Nguyễn Văn Án", text);
        var (time, date) = (appointment[..5], DateOnly.ParseExact(appointment[6..], "dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains($"{time[..2]} giờ {time[3..]} phút, ngày {date.Day:00} tháng {date.Month:00} năm {date.Year}", text.ReplaceLineEndings(" "));
    }

    [Fact]
    public async Task A_malformed_scan_is_reported_and_fills_nothing()
    {
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);
        await page.GotoAsync("/Reception");
        await page.Locator("#Input_Name").FillAsync("Trần Thị Bình");

        await page.Locator("#citizen-id-scan").FillAsync("001085012345|Nguyễn Văn Án|15031985");
        await page.Locator("#citizen-id-scan").PressAsync("Enter");

        Assert.Contains("không đúng định dạng", await page.Locator("#scan-result").InnerTextAsync());
        Assert.Equal("Trần Thị Bình", await page.Locator("#Input_Name").InputValueAsync());
        Assert.Equal("", await page.Locator("#Input_CitizenId").InputValueAsync());
        Assert.Equal("/Reception", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task A_form_heavier_than_the_limit_is_refused_with_a_page_that_says_so()
    {
        var scan = Path.Combine(Path.GetTempPath(), $"scan-{Guid.NewGuid():N}.pdf");
        await using (var file = File.Create(scan))
        {
            file.SetLength(65 * 1024 * 1024);
        }

        try
        {
            await using var context = await app.NewContextAsync();
            var page = await app.SignedInPageAsync(context);
            await page.GotoAsync("/Reception?procedure=1.001193");
            await page.Locator("input[name='Input.Documents[0].Files']").SetInputFilesAsync(scan);

            var response = await page.RunAndWaitForResponseAsync(
                () => page.Locator("#decide-accept").ClickAsync(),
                r => r.Request.Method == "POST");

            Assert.Equal(413, response.Status);
            Assert.Equal("Dữ liệu gửi lên quá lớn", (await page.Locator("h1").InnerTextAsync()).Trim());
            Assert.Contains("64 MB", await page.Locator("main").InnerTextAsync());
        }
        finally
        {
            File.Delete(scan);
        }
    }
}
