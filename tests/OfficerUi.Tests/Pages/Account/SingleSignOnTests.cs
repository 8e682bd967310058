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
using MovableClock = DossierWorkflow.OfficerUi.Tests.Pages.Account.SessionRevalidationTests.MovableClock;

namespace DossierWorkflow.OfficerUi.Tests.Pages.Account;

/// <summary>
/// Single sign-on against a real OpenID provider on loopback, officers linked by the e-mail address the provider vouches
/// for: the round trip, roles from our organisation only, the refusals (unknown, unverified, deactivated, and every
/// spoiled token), sessions ending when the officer is deactivated, and the sign-out at the provider.
/// </summary>
public abstract class SingleSignOnTests<TApp>(TApp app) where TApp : OfficerUiApp, ISingleSignOnApp
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private OpenIdProvider Provider => app.IdentityProvider;

    [Fact]
    public async Task An_officer_signs_in_at_the_provider_and_lands_on_the_page_asked_for()
    {
        Provider.AddUser(new ProviderUser("nguyen.van.tiep", "provider-pass", "sub-tiepnhan", "TiepNhan@demo.dossierworkflow.vn"));
        var client = NewClient();
        using var browser = new ProviderBrowser(Provider);

        var landed = await browser.SignInAsync(client, "nguyen.van.tiep", returnUrl: "/Reception");

        Assert.True(browser.AskedForPassword);
        Assert.Equal("/Reception", landed.Headers.Location?.OriginalString);
        var reception = await client.GetAsync("/Reception", Cancel);
        Assert.Equal(HttpStatusCode.OK, reception.StatusCode);
        Assert.Contains("id=\"officer-name\"", await reception.Content.ReadAsStringAsync(Cancel));
        var signIn = Assert.Single(await AuditAsync("tiepnhan", AuditActions.SignedIn));
        Assert.Equal("sso", signIn.Subject);
    }

    [Fact]
    public async Task Roles_and_units_come_from_the_organisation_never_from_the_provider()
    {
        // The provider claims an administrator: the officer is a specialist here, and only that.
        Provider.AddUser(new ProviderUser("chuyenvien.sso", "provider-pass", "sub-chuyenvien", "chuyenvien@demo.dossierworkflow.vn") { Roles = ["administrator", "admin"] });
        var client = NewClient();
        using var browser = new ProviderBrowser(Provider);

        Assert.Equal("/", (await browser.SignInAsync(client, "chuyenvien.sso")).Headers.Location?.OriginalString);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Tasks", Cancel)).StatusCode);
        Assert.Contains("/Account/AccessDenied", (await client.GetAsync("/Admin/Units", Cancel)).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_administrator_signed_in_at_the_provider_with_a_second_factor_opens_the_administration_pages()
    {
        // Two-factor sign-in is required of administrators here, and the provider's sign-in counts as it when its
        // token says a one-time code was used (SingleSignOn:SecondFactor = otp).
        Provider.AddUser(new ProviderUser("quantri.sso", "provider-pass", "sub-quantri", "quantri@demo.dossierworkflow.vn") { Methods = ["pwd", "otp"] });
        Provider.AddUser(new ProviderUser("quantri.password", "provider-pass", "sub-quantri-2", "quantri@demo.dossierworkflow.vn"));
        var client = NewClient();
        using var browser = new ProviderBrowser(Provider);
        await browser.SignInAsync(client, "quantri.sso");
        var passwordOnly = NewClient();
        using var otherBrowser = new ProviderBrowser(Provider);
        await otherBrowser.SignInAsync(passwordOnly, "quantri.password");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Admin/Units", Cancel)).StatusCode);
        Assert.Contains("/Account/AccessDenied", (await passwordOnly.GetAsync("/Admin/Units", Cancel)).Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await passwordOnly.GetAsync("/Tasks", Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_person_who_is_not_an_officer_is_refused_with_a_clear_page_and_never_signed_in()
    {
        Provider.AddUser(new ProviderUser("stranger", "provider-pass", "sub-stranger", "stranger@example.vn"));
        var client = NewClient();
        using var browser = new ProviderBrowser(Provider);

        var refused = await browser.SignInAsync(client, "stranger");

        await AssertRefusedAsync(client, refused, "UnknownOfficer", "chưa gắn với cán bộ nào");
        Assert.Contains(await AuditAsync("stranger@example.vn", AuditActions.SignInFailed), e => e.Subject == "sso:UnknownOfficer");
    }

    [Fact]
    public async Task An_e_mail_address_the_provider_has_not_verified_links_nobody()
    {
        Provider.AddUser(new ProviderUser("unverified", "provider-pass", "sub-unverified", "lanhdao@demo.dossierworkflow.vn", EmailVerified: false));
        var client = NewClient();
        using var browser = new ProviderBrowser(Provider);

        await AssertRefusedAsync(client, await browser.SignInAsync(client, "unverified"), "EmailNotVerified", "chưa xác thực địa chỉ thư điện tử");
    }

    [Fact]
    public async Task A_deactivated_officer_is_refused_and_their_open_session_ends_within_the_refresh_window()
    {
        await app.AddOfficerAsync("sso.deactivated", Roles.Clerk, "HN.SOCSON");
        await UpdateOfficerAsync("sso.deactivated", o => o.Email = "sso.deactivated@example.vn");
        Provider.AddUser(new ProviderUser("sso.deactivated", "provider-pass", "sub-deactivated", "sso.deactivated@example.vn"));
        var client = NewClient();
        using var browser = new ProviderBrowser(Provider);
        await browser.SignInAsync(client, "sso.deactivated");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Tasks", Cancel)).StatusCode);

        await UpdateOfficerAsync("sso.deactivated", o => o.IsActive = false);
        app.Services.GetRequiredService<TimeProvider>().Should<MovableClock>().Advance(Authentication.AuthenticationSetup.RevalidationInterval + TimeSpan.FromMinutes(1));

        Assert.Contains("/Account/SignIn", (await client.GetAsync("/Tasks", Cancel)).Headers.Location?.OriginalString);
        await AssertRefusedAsync(NewClient(), await browser.SignInAsync(NewClient(), "sso.deactivated"), "Inactive", "đã ngừng hoạt động");
    }

    [Theory]
    [InlineData(IdentityTokenTamper.WrongAudience)]
    [InlineData(IdentityTokenTamper.WrongIssuer)]
    [InlineData(IdentityTokenTamper.WrongNonce)]
    [InlineData(IdentityTokenTamper.Expired)]
    public async Task A_spoiled_identity_token_is_refused(IdentityTokenTamper tamper)
    {
        Provider.AddUser(new ProviderUser("vanthu.sso", "provider-pass", "sub-vanthu", "vanthu@demo.dossierworkflow.vn"));
        var client = NewClient();
        using var browser = new ProviderBrowser(Provider);
        Provider.Tamper = tamper;
        HttpResponseMessage refused;
        try
        {
            refused = await browser.SignInAsync(client, "vanthu.sso");
        }
        finally
        {
            Provider.Tamper = IdentityTokenTamper.None;
        }

        await AssertRefusedAsync(client, refused, "ProviderAnswer", "không hợp lệ hoặc đã hết hạn");

        // The same person with an unspoiled token is let in: it was the token that was refused.
        Assert.Equal("/", (await browser.SignInAsync(client, "vanthu.sso")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_at_the_provider_too()
    {
        Provider.AddUser(new ProviderUser("lanhdao.sso", "provider-pass", "sub-lanhdao", "lanhdao.socson@demo.dossierworkflow.vn"));
        var client = NewClient();
        using var browser = new ProviderBrowser(Provider);
        await browser.SignInAsync(client, "lanhdao.sso");
        var home = await client.GetStringAsync("/", Cancel);
        var endedBefore = Provider.EndedSessions;

        var token = OfficerSignIn.AntiforgeryToken(home[home.IndexOf("action=\"/Account/SignOut\"", StringComparison.Ordinal)..]);
        var signOut = await client.PostAsync("/Account/SignOut", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), Cancel);
        Assert.StartsWith(new Uri(Provider.Authority, "connect/logout").ToString(), signOut.Headers.Location?.ToString());
        Assert.Contains("id_token_hint=", signOut.Headers.Location?.Query);
        var back = await browser.FollowAsync(client, signOut);

        Assert.Equal("/Account/SignIn", back.Headers.Location?.OriginalString);
        Assert.Equal(endedBefore + 1, Provider.EndedSessions);
        Assert.Contains("/Account/SignIn", (await client.GetAsync("/Tasks", Cancel)).Headers.Location?.OriginalString);

        // The provider asks for the password again: its session ended as well.
        await browser.SignInAsync(client, "lanhdao.sso");
        Assert.True(browser.AskedForPassword);
    }

    private HttpClient NewClient() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task AssertRefusedAsync(HttpClient client, HttpResponseMessage refused, string reason, string text)
    {
        Assert.Equal($"/Account/SingleSignOnRefused?reason={reason}", refused.Headers.Location?.OriginalString);
        var page = await client.GetAsync(refused.Headers.Location, Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Cancel));
        Assert.Contains($"data-reason=\"{reason}\"", html);
        Assert.Contains(text, html);
        Assert.Contains("/Account/SignIn", (await client.GetAsync("/Tasks", Cancel)).Headers.Location?.OriginalString);
    }

    private async Task UpdateOfficerAsync(string userName, Action<Officer> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        change(await db.Set<Officer>().SingleAsync(o => o.UserName == userName, Cancel));
        await db.SaveChangesAsync(Cancel);
    }

    private async Task<List<AuditEntry>> AuditAsync(string actor, string action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Set<AuditEntry>().AsNoTracking()
            .Where(e => e.Actor == actor && e.Action == action).ToListAsync(Cancel);
    }
}

internal static class TimeProviderExtensions
{
    public static T Should<T>(this TimeProvider time) where T : TimeProvider => Assert.IsType<T>(time);
}

/// <summary>The host signing officers in at the provider, with two-factor sign-in required of administrators and a clock the test moves.</summary>
public sealed class SingleSignOnTestSqliteApp : SingleSignOnSqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        SecondFactorRequired(builder);
    }

    internal static void SecondFactorRequired(IWebHostBuilder builder)
    {
        TwoFactorSqliteApp.TwoFactorRequired(builder);
        builder.UseSetting("SingleSignOn:SecondFactor", "otp");
    }
}

public sealed class SingleSignOnTestPostgresApp(PostgresCluster cluster) : SingleSignOnPostgresApp(cluster)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        SingleSignOnTestSqliteApp.SecondFactorRequired(builder);
    }
}

public sealed class SingleSignOnTestsOnSqlite(SingleSignOnTestSqliteApp app) : SingleSignOnTests<SingleSignOnTestSqliteApp>(app), IClassFixture<SingleSignOnTestSqliteApp>;

public sealed class SingleSignOnTestsOnPostgres(SingleSignOnTestPostgresApp app) : SingleSignOnTests<SingleSignOnTestPostgresApp>(app), IClassFixture<SingleSignOnTestPostgresApp>;
