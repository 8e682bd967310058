namespace DossierWorkflow.Browser.Tests;

/// <summary>The accessibility check itself finds what it is there to find (so that a page passing it means something).</summary>
public sealed class AccessibilityCheckTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_field_without_a_label_and_text_without_contrast_fail_the_check()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync(
            """
            <!DOCTYPE html><html lang="vi"><head><title>Kiểm tra</title></head>
            <body><main><h1>Kiểm tra</h1><input type="text" name="x"><p style="color:#ccc;background:#fff">Chữ mờ</p></main></body></html>
            """);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Accessibility.AssertNoSeriousViolationsAsync(page));

        Assert.Contains("label", failure.Message, StringComparison.Ordinal);
        Assert.Contains("color-contrast", failure.Message, StringComparison.Ordinal);
    }
}
