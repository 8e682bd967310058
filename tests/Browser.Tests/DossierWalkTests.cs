using System.Text.RegularExpressions;
using DossierWorkflow.Testing;
using Microsoft.Playwright;

namespace DossierWorkflow.Browser.Tests;

/// <summary>
/// One dossier walked end to end as its officers click through it: counter reception → the specialist asks for a
/// supplement → the applicant comes back (the clock restarts, a new appointment) → the specialist submits → the leader
/// approves → the counter hands it to the post → delivered; forms 01, 02 and 06 read back from their PDFs.
/// </summary>
public sealed class DossierWalkTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_dossier_goes_from_the_counter_through_a_supplement_to_the_post_and_is_delivered()
    {
        Poppler.Require();
        await using var receptionContext = await app.NewContextAsync();
        var reception = await app.SignedInPageAsync(receptionContext);
        await reception.GotoAsync("/Reception?procedure=1.001193");
        await reception.Locator("#citizen-id-scan").FillAsync(Counter.HoaCard);
        await reception.Locator("#citizen-id-scan").PressAsync("Enter");
        await reception.Locator("#Input_Phone").FillAsync("0987654321");
        await reception.Locator("#document-0").CheckAsync();
        await reception.Locator("#document-6").CheckAsync();
        await reception.Locator("#Input_Delivery").SelectOptionAsync("Post");
        await reception.Locator("#Input_DeliveryAddress").FillAsync("Số 8 phố Hàng Gai, phường Hoàn Kiếm, Hà Nội");
        await reception.Locator("#decide-accept").ClickAsync();
        await reception.WaitForURLAsync("**/Reception/Received?code=*");
        var code = await reception.Locator("#dossier-code").InnerTextAsync();

        // The specialist opens it from the queue and asks for the birth certificate (form 02).
        await using var specialistContext = await app.NewContextAsync();
        var specialist = await app.SignedInPageAsync(specialistContext, "chuyenvien");
        await specialist.GotoAsync("/Tasks");
        Assert.Contains("Kiểm tra hồ sơ, ghi Sổ hộ tịch", await specialist.Locator($"tr:has(a:text-is('{code}'))").InnerTextAsync());
        await specialist.GetByRole(AriaRole.Link, new() { Name = code, Exact = true }).ClickAsync();
        await specialist.Locator("#open-steps").GetByRole(AriaRole.Link, new() { Name = "Xử lý" }).ClickAsync();
        await specialist.GetByLabel("Yêu cầu bổ sung").CheckAsync();
        await specialist.Locator("input[name='Input.SupplementItems[0].Content']").FillAsync("Giấy chứng sinh");
        await specialist.Locator("input[name='Input.SupplementItems[0].Reason']").FillAsync("Chưa nộp bản chính");
        await specialist.Locator("#complete").ClickAsync();
        await specialist.WaitForURLAsync($"**/Dossiers/{code}");
        Assert.Equal("5 — Yêu cầu bổ sung", (await specialist.Locator("#status").InnerTextAsync()).Trim());
        await specialist.Locator("#diagram[data-ready='true']").WaitForAsync();
        Assert.Equal(1, await specialist.Locator("#diagram .dw-current[data-element-id='Task_WaitSupplement']").CountAsync());
        Assert.Equal(1, await specialist.Locator("#diagram .dw-done[data-element-id='Task_Processing']").CountAsync());
        var firstAppointment = (await specialist.Locator("#appointment strong").InnerTextAsync()).Trim();

        // The applicant comes back with it: the counter records it and accepts; the clock restarts.
        await reception.GotoAsync($"/Dossiers/{code}");
        Assert.Contains("Chờ người nộp bổ sung hồ sơ", await reception.Locator("#waiting-supplement").InnerTextAsync());
        await reception.Locator("#record-supplement").ClickAsync();
        Assert.Contains("Giấy chứng sinh", await reception.Locator("#supplement-items").InnerTextAsync());
        await reception.Locator("#document-1").CheckAsync();
        await reception.Locator("#decide-accept").ClickAsync();
        await reception.WaitForURLAsync("**/Reception/Received?code=*");
        await reception.GotoAsync($"/Dossiers/{code}");
        Assert.Contains("tính lại sau khi bổ sung", await reception.Locator("#appointment-history").InnerTextAsync());
        Assert.Contains(firstAppointment, await reception.Locator("#appointment-history").InnerTextAsync());

        // The specialist submits, the leader approves.
        await specialist.GotoAsync($"/Dossiers/{code}");
        await specialist.Locator("#open-steps").GetByRole(AriaRole.Link, new() { Name = "Xử lý" }).ClickAsync();
        await specialist.GetByLabel("Trình ký").CheckAsync();
        await specialist.Locator("#complete").ClickAsync();
        await specialist.WaitForURLAsync($"**/Dossiers/{code}");
        await using var leaderContext = await app.NewContextAsync();
        var leader = await app.SignedInPageAsync(leaderContext, "lanhdao");
        await leader.GotoAsync($"/Dossiers/{code}");
        await leader.Locator("#open-steps").GetByRole(AriaRole.Link, new() { Name = "Xử lý" }).ClickAsync();
        await leader.GetByLabel("Phê duyệt").CheckAsync();
        await leader.Locator("#complete").ClickAsync();
        await leader.WaitForURLAsync($"**/Dossiers/{code}");
        Assert.Equal("9 — Đã có kết quả", (await leader.Locator("#status").InnerTextAsync()).Trim());

        // The counter hands it to the post, then records it delivered.
        await reception.GotoAsync("/Return");
        await reception.Locator($"#waiting a:text-is('{code}')").ClickAsync();
        await reception.Locator("#tracking-number").FillAsync("EB123456789VN");
        await reception.Locator("#post-payment-method").SelectOptionAsync("Cash");
        await reception.Locator("#hand-to-post").ClickAsync();
        await reception.WaitForSelectorAsync("#postal-outcome-form");
        Assert.Contains("EB123456789VN", await reception.Locator("#handovers").InnerTextAsync());
        await reception.Locator("#record-outcome").ClickAsync();
        await reception.WaitForSelectorAsync("#nothing-to-return");
        await reception.GotoAsync($"/Dossiers/{code}");
        await reception.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "dossier-walk.png"), FullPage = true });
        Assert.Equal("10 — Đã trả kết quả", (await reception.Locator("#status").InnerTextAsync()).Trim());
        Assert.Contains("Đã phát thành công", await reception.Locator("#result").InnerTextAsync());

        // The forms, as printed.
        var receipt = await PdfTextAsync(reception, $"/Dossiers/{code}/Forms/01");
        var supplement = await PdfTextAsync(reception, $"/Dossiers/{code}/Forms/02");
        var controlSheet = await PdfTextAsync(reception, $"/Dossiers/{code}/Forms/06");
        Assert.Contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", receipt);
        Assert.Contains("Lê Thị Hoa", receipt);
        Assert.Contains("Giấy chứng sinh", supplement);
        Assert.Contains("Chưa nộp bản chính", supplement);
        Assert.Contains("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", controlSheet);
        Assert.Matches(new Regex("Trần Văn Minh.*Lê Quang Huy.*Tổ chức, cá nhân", RegexOptions.Singleline), controlSheet);
    }

    /// <summary>A form's PDF fetched with the officer's session, as its text.</summary>
    private static async Task<string> PdfTextAsync(IPage page, string path)
    {
        var response = await page.APIRequest.GetAsync(path);
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        return Poppler.Flatten(Poppler.Text(await response.BodyAsync()));
    }
}
