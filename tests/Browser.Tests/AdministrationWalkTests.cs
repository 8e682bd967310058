using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Testing;
using DossierWorkflow.Testing.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace DossierWorkflow.Browser.Tests;

/// <summary>
/// An administrator's first day, as outside the development run (two-factor sign-in required of administrators, and
/// the province's OpenID provider beside local accounts): enrols an authenticator app at the first sign-in, adds a
/// commune and two officers of it; one gets a one-time password, signs in with it, chooses their own, and sees their
/// queue; the other signs in at the provider and sees theirs; the administrator signs in again with a code of the app.
/// </summary>
public sealed class AdministrationWalkTests(AdministrationWalkTests.TwoFactorBrowserApp app) : IClassFixture<AdministrationWalkTests.TwoFactorBrowserApp>
{
    [Fact]
    public async Task An_administrator_enrols_two_factor_adds_a_commune_and_an_officer_who_signs_in_and_sees_their_queue()
    {
        await using var adminContext = await app.NewContextAsync();
        var admin = await adminContext.NewPageAsync();
        await SignInAsync(admin, "quantri", DemoOrganisation.DemoPassword);

        // The first sign-in waits for the enrolment.
        await admin.WaitForURLAsync(url => url.Contains("/Account/TwoFactorSetup", StringComparison.Ordinal));
        Assert.True(await admin.Locator("#qr-code").IsVisibleAsync());
        var key = await admin.Locator("#secret-key").InnerTextAsync();
        await admin.Locator("#Code").FillAsync(Code(key, 0));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Xác nhận và bật" }).ClickAsync();
        Assert.Equal(10, await admin.Locator("#recovery-codes li").CountAsync());
        await admin.Locator("#continue").ClickAsync();
        await admin.WaitForURLAsync(app.BaseAddress.ToString());

        // A commune, through the administration menu.
        await admin.Locator("#nav-admin .dropdown-toggle").ClickAsync();
        await admin.Locator("#nav-units").ClickAsync();
        await admin.Locator("#unit-code").FillAsync("HN.THANHTRI");
        await admin.Locator("#unit-name").FillAsync("Ủy ban nhân dân Xã Thanh Trì");
        await admin.Locator("#unit-kind").SelectOptionAsync("Commune");
        await admin.Locator("#unit-parent").SelectOptionAsync("HN");
        await admin.Locator("#unit-agency").FillAsync("000.00.41.H26");
        await admin.Locator("#add-unit button[type=submit]").ClickAsync();
        Assert.Contains("Đã thêm đơn vị HN.THANHTRI.", await admin.Locator("#message").InnerTextAsync());

        // Its reception officer, and a one-time password.
        await admin.GotoAsync("/Admin/Officers");
        await admin.Locator("#officer-user").FillAsync("tiepnhan.thanhtri");
        await admin.Locator("#officer-full-name").FillAsync("Đinh Thị Thu");
        await admin.Locator("select[name='Input.NewRole']").SelectOptionAsync(Roles.Reception);
        await admin.Locator("select[name='Input.NewUnit']").SelectOptionAsync("HN.THANHTRI");
        await admin.Locator("#add-officer button[type=submit]").ClickAsync();
        Assert.Contains("Đã thêm cán bộ tiepnhan.thanhtri.", await admin.Locator("#message").InnerTextAsync());
        await admin.GotoAsync("/Admin/Officers/tiepnhan.thanhtri");
        await admin.Locator("#reset-password").ClickAsync();
        var oneTime = await admin.Locator("#password").InnerTextAsync();
        await admin.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "administration-officer.png"), FullPage = true });

        // The officer's first sign-in: their own password first, then their queue.
        await using var officerContext = await app.NewContextAsync();
        var officer = await officerContext.NewPageAsync();
        await SignInAsync(officer, "tiepnhan.thanhtri", oneTime);
        await officer.WaitForURLAsync(url => url.Contains("/Account/ChangePassword", StringComparison.Ordinal));
        await officer.Locator("#new").FillAsync("thanh-tri-2026");
        await officer.Locator("#confirm").FillAsync("thanh-tri-2026");
        await officer.Locator("#change-password button[type=submit]").ClickAsync();
        await officer.WaitForURLAsync(app.BaseAddress.ToString());
        await officer.GotoAsync("/Tasks");
        Assert.Contains("Ủy ban nhân dân Xã Thanh Trì", await officer.Locator("section.queue[data-unit='HN.THANHTRI'] h2").InnerTextAsync());

        // A second officer, known to the province's provider by her e-mail address: she signs in there.
        await admin.GotoAsync("/Admin/Officers");
        await admin.Locator("#officer-user").FillAsync("chuyenvien.thanhtri");
        await admin.Locator("#officer-full-name").FillAsync("Lê Văn Khánh");
        await admin.Locator("#officer-email").FillAsync("khanh.lv@thanhtri.hanoi.gov.vn");
        await admin.Locator("select[name='Input.NewRole']").SelectOptionAsync(Roles.Specialist);
        await admin.Locator("select[name='Input.NewUnit']").SelectOptionAsync("HN.THANHTRI");
        await admin.Locator("#add-officer button[type=submit]").ClickAsync();
        Assert.Contains("Đã thêm cán bộ chuyenvien.thanhtri.", await admin.Locator("#message").InnerTextAsync());
        app.IdentityProvider.AddUser(new ProviderUser("khanh.lv", "Tinh-2026", "vnid-khanh", "khanh.lv@thanhtri.hanoi.gov.vn"));

        await using var ssoContext = await app.NewContextAsync();
        var sso = await ssoContext.NewPageAsync();
        await sso.GotoAsync("/Account/SignIn");
        await sso.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "sign-in-with-provider.png"), FullPage = true });
        await sso.Locator("#single-sign-on button[type=submit]").ClickAsync();
        await sso.WaitForURLAsync(url => url.StartsWith(app.IdentityProvider.Authority.ToString(), StringComparison.Ordinal));
        await sso.Locator("#login").FillAsync("khanh.lv");
        await sso.Locator("#password").FillAsync("Tinh-2026");
        await sso.Locator("#provider-login button[type=submit]").ClickAsync();
        await sso.WaitForURLAsync(app.BaseAddress.ToString());
        Assert.Equal("Lê Văn Khánh", (await sso.Locator("#officer-name").First.InnerTextAsync()).Trim());
        await sso.GotoAsync("/Tasks");
        Assert.Contains("Ủy ban nhân dân Xã Thanh Trì", await sso.Locator("section.queue[data-unit='HN.THANHTRI'] h2").InnerTextAsync());

        // The administrator's next sign-in asks for a code of the app.
        await using var againContext = await app.NewContextAsync();
        var again = await againContext.NewPageAsync();
        await SignInAsync(again, "quantri", DemoOrganisation.DemoPassword);
        await again.WaitForURLAsync(url => url.Contains("/Account/TwoFactor", StringComparison.Ordinal));
        await again.Locator("#Code").FillAsync(Code(key, 1));
        await again.Locator("#two-factor button[type=submit]").ClickAsync();
        await again.WaitForURLAsync(app.BaseAddress.ToString());
        await again.GotoAsync("/Admin/Audit");
        Assert.Contains("Bật xác thực hai lớp", await again.Locator("#audit").InnerTextAsync());
    }

    private static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/Account/SignIn");
        await page.Locator("#UserName").FillAsync(userName);
        await page.Locator("#Password").FillAsync(password);
        await page.Locator("#sign-in button[type=submit]").ClickAsync();
    }

    /// <summary>The code the administrator's app shows (that many steps ahead: a code works once).</summary>
    private static string Code(string key, int stepsAhead) =>
        Totp.Code(Base32.Decode(key), Totp.StepAt(DateTimeOffset.UtcNow) + stepsAhead);

    /// <summary>The browser host with two-factor sign-in required of administrators, and single sign-on at a test provider.</summary>
    public sealed class TwoFactorBrowserApp : BrowserApp
    {
        public OpenIdProvider IdentityProvider { get; private set; } = null!;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            IdentityProvider = await OpenIdProvider.StartAsync();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("SignIn:TwoFactorForAdministrators", "true");
            SingleSignOnSettings.Apply(builder, IdentityProvider);
        }

        protected override Task OnServerStartedAsync() => IdentityProvider.RegisterClientAsync(BaseAddress);

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await IdentityProvider.DisposeAsync();
        }
    }
}
