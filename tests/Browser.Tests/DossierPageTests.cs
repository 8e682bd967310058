using Microsoft.Playwright;

namespace DossierWorkflow.Browser.Tests;

/// <summary>A dossier carried from the counter to the specialist's step, as the officers click through it.</summary>
public sealed class DossierPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_specialist_opens_the_dossier_from_the_queue_and_submits_it_with_a_comment()
    {
        await using var receptionContext = await app.NewContextAsync();
        var reception = await app.SignedInPageAsync(receptionContext);
        var code = await Counter.AcceptBirthRegistrationAsync(reception, Counter.AnCard, "0912345678");

        await using var specialistContext = await app.NewContextAsync();
        var specialist = await app.SignedInPageAsync(specialistContext, "chuyenvien");
        await specialist.SetViewportSizeAsync(1366, 768);
        await specialist.GotoAsync("/Tasks");
        await specialist.GetByRole(AriaRole.Link, new() { Name = code, Exact = true }).ClickAsync();
        await specialist.WaitForURLAsync($"**/Dossiers/{code}");
        Assert.Equal("2 — Đã tiếp nhận", (await specialist.Locator("#status").InnerTextAsync()).Trim());
        Assert.Contains("Chờ trong hàng đợi Chuyên viên", await specialist.Locator("#open-steps").InnerTextAsync());

        await specialist.Locator("#open-steps").GetByRole(AriaRole.Link, new() { Name = "Xử lý" }).ClickAsync();
        await specialist.GetByLabel("Trình ký").CheckAsync();
        await specialist.GetByLabel("Ý kiến xử lý").FillAsync("Hồ sơ đầy đủ, đề nghị ký.");
        await specialist.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "dossier-step.png"), FullPage = true });
        await specialist.Locator("#complete").ClickAsync();

        await specialist.WaitForURLAsync($"**/Dossiers/{code}");
        await specialist.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "dossier-page.png"), FullPage = true });
        Assert.Equal("4 — Đang xử lý", (await specialist.Locator("#status").InnerTextAsync()).Trim());
        Assert.Contains("Chờ trong hàng đợi Lãnh đạo", await specialist.Locator("#open-steps").InnerTextAsync());
        var completed = specialist.Locator("#timeline tr[data-kind='TaskCompleted']").Last;
        Assert.Contains("Kiểm tra hồ sơ, ghi Sổ hộ tịch", await completed.InnerTextAsync());
        Assert.Contains("Trình ký", await completed.InnerTextAsync());
        Assert.Contains("Hồ sơ đầy đủ, đề nghị ký.", await completed.InnerTextAsync());
        Assert.Contains("Trần Văn Minh", await completed.InnerTextAsync());
    }
}
