using System.Net;
using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Testing;
using DossierWorkflow.Testing.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Pages.Account;

/// <summary>
/// A province whose officers sign in only at its provider, linked by the subject an administrator stores on each
/// officer: no password form, and the link made on the officer's page.
/// </summary>
public sealed class SingleSignOnBySubjectTests(SingleSignOnBySubjectApp app) : IClassFixture<SingleSignOnBySubjectApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_local_accounts_off_the_sign_in_page_offers_only_the_provider_and_refuses_passwords()
    {
        var client = NewClient();
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/Account/SignIn", Cancel));

        Assert.DoesNotContain("id=\"sign-in\"", page);
        Assert.Contains("id=\"single-sign-on\"", page);
        Assert.Contains("Đăng nhập qua Cổng định danh tỉnh", page);

        var password = await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(
            [new("UserName", "tiepnhan"), new("Password", DemoOrganisation.DemoPassword), new("__RequestVerificationToken", OfficerSignIn.AntiforgeryToken(page))]), Cancel);
        Assert.Equal(HttpStatusCode.OK, password.StatusCode);
        Assert.Contains("đã bị tắt", WebUtility.HtmlDecode(await password.Content.ReadAsStringAsync(Cancel)));
        Assert.Contains("/Account/SignIn", (await client.GetAsync("/Tasks", Cancel)).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_administrator_links_an_officer_to_their_subject_on_the_officer_page()
    {
        // The provider vouches for an e-mail address of a demo officer, but here only a stored subject links.
        app.IdentityProvider.AddUser(new ProviderUser("hong", "provider-pass", "vnid-0001", "tiepnhan@demo.dossierworkflow.vn"));
        app.IdentityProvider.AddUser(new ProviderUser("admin", "provider-pass", "vnid-admin", "someone@example.vn"));
        using var browser = new ProviderBrowser(app.IdentityProvider);
        Assert.Equal("/Account/SingleSignOnRefused?reason=UnknownOfficer", (await browser.SignInAsync(NewClient(), "hong")).Headers.Location?.OriginalString);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
            (await db.Set<Officer>().SingleAsync(o => o.UserName == "quantri", Cancel)).ExternalSubject = "vnid-admin";
            await db.SaveChangesAsync(Cancel);
        }

        var admin = NewClient();
        using var adminBrowser = new ProviderBrowser(app.IdentityProvider);
        await adminBrowser.SignInAsync(admin, "admin");
        var officerPage = await admin.GetStringAsync("/Admin/Officers/tiepnhan", Cancel);
        Assert.Contains("id=\"officer-subject\"", officerPage);
        Assert.DoesNotContain("id=\"reset-password\"", officerPage);

        var saved = await admin.PostFormAsync("/Admin/Officers/tiepnhan", officerPage,
            ("Input.FullName", "Nguyễn Thị Hồng"), ("Input.Email", "tiepnhan@demo.dossierworkflow.vn"), ("Input.ExternalSubject", " vnid-0001 "),
            ("Input.Roles", "reception@HN.HOANKIEM"));
        Assert.Contains("Đã lưu", WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync(Cancel)));
        var taken = await admin.PostFormAsync("/Admin/Officers/chuyenvien", await admin.GetStringAsync("/Admin/Officers/chuyenvien", Cancel),
            ("Input.FullName", "Chuyên viên"), ("Input.ExternalSubject", "vnid-0001"), ("Input.Roles", "specialist@HN.HOANKIEM"));
        Assert.Contains("đã gắn với cán bộ tiepnhan", WebUtility.HtmlDecode(await taken.Content.ReadAsStringAsync(Cancel)));

        var officer = NewClient();
        Assert.Equal("/", (await browser.SignInAsync(officer, "hong")).Headers.Location?.OriginalString);
        Assert.Contains("Nguyễn Thị Hồng", WebUtility.HtmlDecode(await officer.GetStringAsync("/", Cancel)));
        await using var check = app.Services.CreateAsyncScope();
        var change = await check.ServiceProvider.GetRequiredService<DossiersDbContext>().Set<AuditEntry>()
            .SingleAsync(e => e.Action == AuditActions.OfficerChanged && e.Subject == "tiepnhan", Cancel);
        Assert.Contains("\"externalSubject\":\"vnid-0001\"", change.After);
    }

    private HttpClient NewClient() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}

/// <summary>
/// The provider is down when the host starts: the host serves local sign-in, the provider's button says it cannot be
/// reached, and single sign-on works as soon as the provider is back — without a restart.
/// </summary>
public sealed class SingleSignOnProviderDownTests(ProviderDownApp app) : IClassFixture<ProviderDownApp>
{
    [Fact]
    public async Task The_host_serves_local_sign_in_while_the_provider_is_down_and_single_sign_on_once_it_is_back()
    {
        var cancel = TestContext.Current.CancellationToken;
        var local = await app.CreateSignedInClientAsync("tiepnhan");
        Assert.Equal(HttpStatusCode.OK, (await local.GetAsync("/Tasks", cancel)).StatusCode);

        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var browser = new ProviderBrowser(app.IdentityProvider);
        var down = await browser.SignInAsync(client, "tiep");
        Assert.Equal("/Account/SingleSignOnRefused?reason=ProviderUnavailable", down.Headers.Location?.OriginalString);
        var page = await client.GetAsync(down.Headers.Location, cancel);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("không kết nối được", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(cancel)));

        await app.IdentityProvider.StartAsync();
        await app.IdentityProvider.RegisterClientAsync(app.ClientOptions.BaseAddress);
        app.IdentityProvider.AddUser(new ProviderUser("tiep", "provider-pass", "sub-tiep", "tiepnhan@demo.dossierworkflow.vn"));

        Assert.Equal("/", (await browser.SignInAsync(client, "tiep")).Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Tasks", cancel)).StatusCode);
    }
}

public sealed class SingleSignOnBySubjectApp : SingleSignOnSqliteApp
{
    protected override SingleSignOnLink LinkBy => SingleSignOnLink.Subject;

    protected override bool LocalAccounts => false;
}

/// <summary>The host configured for a provider that is not running (yet).</summary>
public sealed class ProviderDownApp : SqliteApp, ISingleSignOnApp
{
    public OpenIdProvider IdentityProvider { get; } = OpenIdProvider.NotStarted();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        SingleSignOnSettings.Apply(builder, IdentityProvider);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await IdentityProvider.DisposeAsync();
    }
}
