using Microsoft.Playwright;

namespace DossierWorkflow.Browser.Tests;

public sealed class SignInPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_officer_opening_a_page_signs_in_and_lands_on_that_page()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/Procedures?q=khai+tu");
        Assert.Contains("/Account/SignIn", page.Url);
        await page.Locator("#UserName").FillAsync("chuyenvien");
        await page.Locator("#Password").FillAsync("sai mật khẩu");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        Assert.Equal("Tên đăng nhập hoặc mật khẩu không đúng.", (await page.Locator(".alert-danger").InnerTextAsync()).Trim());
        Assert.Equal("chuyenvien", await page.Locator("#UserName").InputValueAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "sign-in-failed.png"), FullPage = true });

        await page.Locator("#Password").FillAsync(Dossiers.Organisation.DemoOrganisation.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/Procedures?q=khai+tu", StringComparison.Ordinal));
        Assert.Equal("Trần Văn Minh", await page.Locator("#officer-name").InnerTextAsync());

        await page.Locator("#account-menu button.dropdown-toggle").ClickAsync();
        await page.Locator("#sign-out").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Account/SignIn", StringComparison.Ordinal));
        await page.GotoAsync("/");
        Assert.Contains("/Account/SignIn", page.Url);
    }
}
