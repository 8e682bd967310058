using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Testing.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DossierWorkflow.Browser.Tests;

/// <summary>
/// A citizen on a 360-pixel-wide phone: registers (the code read from the SMTP server), submits a birth registration with
/// two scans and sees its code; reception accepts it; the citizen tracks it without signing in, sends the document a
/// supplement request asks for, sees the result ready and rates the service; the SMS lookup answers for the code.
/// Every portal page visited is checked with axe-core.
/// </summary>
public sealed partial class PortalWalkTests(PortalBrowserApp app) : IClassFixture<PortalBrowserApp>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    [Fact]
    public async Task A_citizen_submits_online_follows_the_dossier_sends_a_supplement_and_rates_the_service()
    {
        var email = $"{Guid.NewGuid():N}@example.vn";
        var scans = Directory.CreateTempSubdirectory("dw-scans-").FullName;
        await File.WriteAllBytesAsync(Path.Combine(scans, "to-khai.pdf"), Pdf, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(scans, "cccd.pdf"), [.. Pdf, (byte)'\n'], TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(scans, "giay-chung-sinh.pdf"), [.. Pdf, (byte)'\n', (byte)'\n'], TestContext.Current.CancellationToken);
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(360, 740);
        var portal = app.PortalAddress.ToString().TrimEnd('/');

        // Registers with an e-mail address and confirms it with the code the mail server received.
        await VisitAsync(page, $"{portal}/");
        await VisitAsync(page, $"{portal}/ket-qua-giai-quyet");
        await VisitAsync(page, $"{portal}/tai-khoan/dang-ky");
        await page.Locator("#Input_Identifier").FillAsync(email);
        await page.Locator("#Input_FullName").FillAsync("Nguyễn Văn Án");
        await page.Locator("#Input_Password").FillAsync("mat-khau-2026");
        await page.Locator("#Input_ConfirmPassword").FillAsync("mat-khau-2026");
        await page.Locator("#register-form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/tai-khoan/xac-nhan?*");
        await CheckAsync(page);
        var code = SixDigits().Match(Assert.Single(await app.Channels.Smtp.MessagesToAsync(email)).TextBody!).Value;
        await page.Locator("#Code").FillAsync(code);
        await page.Locator("#confirm-form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/tai-khoan");
        await CheckAsync(page);

        // Finds the procedure and submits it: unit, applicant, two scans, delivery, review.
        await VisitAsync(page, $"{portal}/thu-tuc?q=khai+sinh");
        await page.Locator("#procedures a", new() { HasText = "Thủ tục đăng ký khai sinh" }).First.ClickAsync();
        await CheckAsync(page);
        await page.Locator("#submit-online").ClickAsync();
        await CheckAsync(page);
        await page.Locator("#start-draft").ClickAsync();
        await page.WaitForURLAsync("**/don-vi");
        await CheckAsync(page);
        await page.Locator("#receivingUnit").SelectOptionAsync("HN.HOANKIEM");
        await page.Locator("#unit-form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/nguoi-nop");
        await CheckAsync(page);
        await page.Locator("#Applicant_CitizenId").FillAsync("001085012345");
        await page.Locator("#Applicant_DateOfBirth").FillAsync("1985-03-15");
        await page.Locator("#Applicant_Gender").SelectOptionAsync("Male");
        await page.Locator("#Applicant_Address").FillAsync("Số 5 phố Hàng Bông, Hoàn Kiếm, Hà Nội");
        await page.Locator("#Applicant_Phone").FillAsync("0912345678");
        await page.Locator("#applicant-form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/giay-to");
        await CheckAsync(page);
        await page.Locator("#files-0").SetInputFilesAsync(Path.Combine(scans, "to-khai.pdf"));
        await page.Locator("#document-0 form[action*='Upload'] button[type=submit]").ClickAsync();
        await page.Locator("#document-0").GetByText("to-khai.pdf").WaitForAsync();
        await page.Locator("#files-6").SetInputFilesAsync(Path.Combine(scans, "cccd.pdf"));
        await page.Locator("#document-6 form[action*='Upload'] button[type=submit]").ClickAsync();
        await page.Locator("#document-6").GetByText("cccd.pdf").WaitForAsync();
        await CheckAsync(page);
        await page.Locator("#documents-form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/nhan-ket-qua*");
        await CheckAsync(page);
        await page.Locator("#delivery-form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/xem-lai*");
        await CheckAsync(page);
        await page.Locator("#submit-dossier").ClickAsync();
        await page.WaitForURLAsync("**/ho-so-cua-toi?moi=*");
        await CheckAsync(page);
        var dossierCode = (await page.Locator("#submitted-code").InnerTextAsync()).Trim();
        Assert.Matches(@"^000\.00\.25\.H26-\d{6}-\d{4}$", dossierCode);

        // Reception accepts it; anyone tracks it by its code, signed in or not.
        await DecideAsync(dossierCode, ReceptionDecision.Accept);
        await using (var stranger = await app.NewContextAsync())
        {
            var tracking = await stranger.NewPageAsync();
            await tracking.SetViewportSizeAsync(360, 740);
            await VisitAsync(tracking, $"{portal}/tra-cuu");
            await tracking.Locator("#ma").FillAsync(dossierCode);
            await tracking.Locator("#tracking-form button[type=submit]").ClickAsync();
            await tracking.Locator("#tracked-dossier").WaitForAsync();
            await CheckAsync(tracking);
            Assert.Equal("Đã tiếp nhận", (await tracking.Locator("#status").InnerTextAsync()).Trim());
            Assert.Equal("Nguyễn V** Á", (await tracking.Locator("#applicant").InnerTextAsync()).Trim());
        }

        // The specialist asks for the birth certificate; the citizen sends it from the dossier's page.
        await DossierFixtures.RequestSupplementAsync(app, dossierCode);
        await VisitAsync(page, $"{portal}/ho-so-cua-toi/{dossierCode}");
        Assert.Contains("Giấy chứng sinh", await page.Locator("#supplement-items").InnerTextAsync());
        await page.Locator("#supplement-1").SetInputFilesAsync(Path.Combine(scans, "giay-chung-sinh.pdf"));
        await page.Locator("form:has(#supplement-1) button[type=submit]").ClickAsync();
        await page.Locator("#message").WaitForAsync();
        await CheckAsync(page);

        // Reception accepts the supplement, the dossier is resolved and handed over; the citizen rates the service.
        await DecideAsync(dossierCode, ReceptionDecision.Accept);
        await DossierFixtures.CompleteAsync(app, dossierCode, "specialist", new StepDecision("submit", null, "chuyenvien", "Trần Văn Minh"));
        await DossierFixtures.CompleteAsync(app, dossierCode, "leader", new StepDecision("approve", null, "lanhdao", "Lãnh đạo"));
        await VisitAsync(page, $"{portal}/ho-so-cua-toi/{dossierCode}");
        Assert.Equal("Đã có kết quả, chờ nhận", (await page.Locator("#status").InnerTextAsync()).Trim());
        await ReturnAtCounterAsync(dossierCode);
        await VisitAsync(page, $"{portal}/ho-so-cua-toi/{dossierCode}");
        await page.Locator("label[for='score-5']").ClickAsync();
        await page.Locator("#comment").FillAsync("Cán bộ hướng dẫn tận tình");
        await page.Locator("#rating-form button[type=submit]").ClickAsync();
        await page.Locator("#rated").WaitForAsync();
        await CheckAsync(page);

        // The e-mails told each step; the SMS lookup answers for the code.
        await DossierFixtures.DeliverOutboxAsync(app);

        var subjects = (await app.Channels.Smtp.MessagesToAsync(email)).Select(m => m.Subject).ToList();
        Assert.Contains($"Hồ sơ {dossierCode} đã được gửi", subjects);
        Assert.Contains($"Hồ sơ {dossierCode} cần bổ sung giấy tờ", subjects);
        Assert.Contains($"Hồ sơ {dossierCode} đã được trả kết quả", subjects);
        Assert.StartsWith($"HS {dossierCode}: da tra ket qua.", await SmsLookupAsync(dossierCode), StringComparison.Ordinal);
        Directory.Delete(scans, recursive: true);
    }

    [Fact]
    public async Task The_pages_a_citizen_lands_on_outside_the_walk_are_accessible_on_a_phone_answers_and_problems_included()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(360, 740);
        var portal = app.PortalAddress.ToString().TrimEnd('/');
        var nobody = $"{Guid.NewGuid():N}@example.vn";

        // Signing in with a password that is wrong, then asking for a new one with a code that is wrong.
        await VisitAsync(page, $"{portal}/tai-khoan/dang-nhap");
        await page.Locator("#Identifier").FillAsync(nobody);
        await page.Locator("#Password").FillAsync("khong-dung-2026");
        await page.Locator("#sign-in-form button[type=submit]").ClickAsync();
        await page.Locator("#sign-in-problem").WaitForAsync();
        await CheckAsync(page);
        await VisitAsync(page, $"{portal}/tai-khoan/quen-mat-khau");
        await page.Locator("#forgot-form button[type=submit]").ClickAsync();
        await page.Locator("#Identifier-problem").WaitForAsync();
        await CheckAsync(page);
        await page.Locator("#Identifier").FillAsync(nobody);
        await page.Locator("#forgot-form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/tai-khoan/dat-lai-mat-khau?*");
        await CheckAsync(page);
        await page.Locator("#Code").FillAsync("123456");
        await page.Locator("#Password").FillAsync("ngan");
        await page.Locator("#ConfirmPassword").FillAsync("ngan");
        await page.Locator("#reset-form button[type=submit]").ClickAsync();
        await page.Locator("#reset-form .invalid-feedback").First.WaitForAsync();
        await CheckAsync(page);

        // A code nobody has, a page that does not exist, a payment the portal does not know; the catalogue filtered.
        Assert.Equal(404, (await page.GotoAsync($"{portal}/tra-cuu/000.00.25.H26-261201-9999"))!.Status);
        await page.Locator("#not-found").WaitForAsync();
        await CheckAsync(page);
        Assert.Equal(404, (await page.GotoAsync($"{portal}/khong-co-trang-nay"))!.Status);
        Assert.Contains("Không tìm thấy", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(page);
        await VisitAsync(page, $"{portal}/thanh-toan/ket-qua?vnp_TxnRef=khong-co");
        await page.Locator("#payment-result").WaitForAsync();
        await VisitAsync(page, $"{portal}/thu-tuc?q=chung+thuc");
        await VisitAsync(page, $"{portal}/thu-tuc/1.001193");
        await VisitAsync(page, $"{portal}/tra-cuu");
    }

    /// <summary>Opens a portal page and checks it.</summary>
    private static async Task VisitAsync(IPage page, string url)
    {
        var response = await page.GotoAsync(url);
        Assert.True(response?.Ok, $"{url}: {response?.Status}");
        await CheckAsync(page);
    }

    /// <summary>
    /// A page as shown: no serious or critical accessibility violation (axe-core), and on a phone nothing wider than
    /// the screen (no horizontal scrolling).
    /// </summary>
    private static async Task CheckAsync(IPage page)
    {
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        var (width, scrolled) = (await page.EvaluateAsync<int>("() => document.documentElement.clientWidth"), await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));
        if (scrolled > width)
        {
            var wide = await page.EvaluateAsync<string[]>(
                """
                () => [document.body, ...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 || e.scrollWidth > e.clientWidth + 1)
                    .slice(-5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\s+/).join('.') : ''))
                """);
            Assert.Fail($"{page.Url}: {scrolled} px wide on a {width}-px screen, beyond it: {string.Join(", ", wide)}");
        }
    }

    private async Task DecideAsync(string code, ReceptionDecision decision) =>
        await DossierFixtures.OnDossierAsync(app, code, (services, dossier) => services.GetRequiredService<DossierReception>().DecideAsync(
            dossier, new WaitingDecision(decision, "tiepnhan", "Nguyễn Thị Hồng Nhung"), TestContext.Current.CancellationToken));

    private async Task ReturnAtCounterAsync(string code) =>
        await DossierFixtures.OnDossierAsync(app, code, (services, dossier) => services.GetRequiredService<ResultReturns>().ReturnAtCounterAsync(
            dossier, new CounterReturn(CollectorKind.Applicant, "Nguyễn Văn Án", "001085012345", new Payment(PaymentMethod.Cash, null), "tiepnhan"), TestContext.Current.CancellationToken));

    private async Task<string> SmsLookupAsync(string code)
    {
        const string secret = PortalBrowserApp.SmsLookupSecret;
        var body = JsonSerializer.Serialize(new { from = "84912345678", text = $"DVC {code}", id = Guid.NewGuid().ToString() });
        using var http = new HttpClient { BaseAddress = app.PortalAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sms/incoming") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body))));
        var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("reply").GetString()!;
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
