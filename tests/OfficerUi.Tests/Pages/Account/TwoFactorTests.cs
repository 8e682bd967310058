using System.Net;
using System.Text.RegularExpressions;
using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Testing;
using DossierWorkflow.Testing.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SignInTestsClock = DossierWorkflow.OfficerUi.Tests.Pages.Account.SessionRevalidationTests.MovableClock;

namespace DossierWorkflow.OfficerUi.Tests.Pages.Account;

/// <summary>
/// Two-factor sign-in through the pages, with administrators required to have it (as outside the development run): the
/// administrator enrols at their first sign-in, then signs in with a code or a recovery code; another officer turns it
/// on from their security page; wrong codes are refused and recorded.
/// </summary>
public abstract partial class TwoFactorTests(OfficerUiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_administrator_enrols_at_the_first_sign_in_then_needs_a_code_or_a_recovery_code()
    {
        var client = NewClient();

        // The password alone opens nothing: the enrolment comes first.
        var password = await client.SignInAsync("quantri", returnUrl: "/Admin/Calendar");
        Assert.Equal("/Account/TwoFactorSetup", password.Headers.Location?.OriginalString);
        Assert.Contains("/Account/SignIn", (await client.GetAsync("/Admin/Calendar", Cancel)).Headers.Location?.OriginalString);
        var setup = await client.GetStringAsync("/Account/TwoFactorSetup", Cancel);
        Assert.Contains("id=\"enrolment-required\"", setup);
        Assert.Contains("src=\"data:image/png;base64,", setup);
        var key = SecretKey().Match(setup).Groups[1].Value;

        var wrong = await PostCodeAsync(client, "/Account/TwoFactorSetup", setup, "000000");
        Assert.Contains("Mã không đúng", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync(Cancel)));
        var confirmed = WebUtility.HtmlDecode(await (await PostCodeAsync(client, "/Account/TwoFactorSetup", setup, CodeOf(key))).Content.ReadAsStringAsync(Cancel));
        var recoveryCodes = RecoveryCode().Matches(confirmed).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(10, recoveryCodes.Count);
        Assert.Contains("href=\"/Admin/Calendar\" id=\"continue\"", confirmed);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Admin/Calendar", Cancel)).StatusCode);

        // The next sign-ins: a code of the app (the next one: a code works once), then a recovery code.
        foreach (var second in new[] { CodeOf(key, stepsAhead: 1), recoveryCodes[0] })
        {
            var again = NewClient();
            Assert.Equal("/Account/TwoFactor", (await again.SignInAsync("quantri")).Headers.Location?.OriginalString);
            var form = await again.GetStringAsync("/Account/TwoFactor", Cancel);
            var signedIn = await PostCodeAsync(again, "/Account/TwoFactor", form, second);
            Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
            Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/Admin/Calendar", Cancel)).StatusCode);
        }

        var records = await AuditAsync("quantri");
        Assert.Contains(records, e => e.Action == AuditActions.TwoFactorEnabled);
        Assert.Equal(["enrolled", "authenticator", "recovery-code"], records.Where(e => e.Action == AuditActions.SignedIn).Select(e => e.Subject));
    }

    [Fact]
    public async Task A_wrong_code_is_refused_recorded_and_signs_nobody_in()
    {
        var key = await EnrolAsync("lanhdao.socson");
        var client = NewClient();
        await client.SignInAsync("lanhdao.socson");
        var form = await client.GetStringAsync("/Account/TwoFactor", Cancel);

        var wrong = await PostCodeAsync(client, "/Account/TwoFactor", form, "999999" == CodeOf(key) ? "999998" : "999999");

        Assert.Contains("Mã không đúng", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync(Cancel)));
        Assert.Contains("/Account/SignIn", (await client.GetAsync("/Tasks", Cancel)).Headers.Location?.OriginalString);
        Assert.Contains(await AuditAsync("lanhdao.socson"), e => e.Action == AuditActions.SignInFailed && e.Subject == "TwoFactorFailed");
    }

    [Fact]
    public async Task The_second_step_cannot_be_reached_without_the_password()
    {
        var client = NewClient();

        var page = await client.GetAsync("/Account/TwoFactor", Cancel);
        var setup = await client.GetAsync("/Account/TwoFactorSetup", Cancel);

        Assert.Equal("/Account/SignIn", page.Headers.Location?.OriginalString);
        Assert.Equal("/Account/SignIn", setup.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_officer_turns_it_on_from_the_security_page_and_off_again_with_a_code()
    {
        var client = await app.CreateSignedInClientAsync("vanthu", new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Contains("id=\"two-factor-off\"", await client.GetStringAsync("/Account/Security", Cancel));
        var setup = await client.GetStringAsync("/Account/TwoFactorSetup", Cancel);
        var key = SecretKey().Match(setup).Groups[1].Value;
        await PostCodeAsync(client, "/Account/TwoFactorSetup", setup, CodeOf(key));

        var security = await client.GetStringAsync("/Account/Security", Cancel);
        Assert.Contains("id=\"two-factor-on\"", security);
        var renewed = WebUtility.HtmlDecode(await (await PostCodeAsync(client, "/Account/Security?handler=Renew", security, CodeOf(key, stepsAhead: 1))).Content.ReadAsStringAsync(Cancel));
        Assert.Equal(10, RecoveryCode().Matches(renewed).Count);
        Assert.Contains(await AuditAsync("vanthu"), e => e.Action == AuditActions.RecoveryCodesRenewed);
        var off = WebUtility.HtmlDecode(await (await PostCodeAsync(client, "/Account/Security?handler=Disable", security, RecoveryCode().Match(renewed).Groups[1].Value)).Content.ReadAsStringAsync(Cancel));

        Assert.Contains("id=\"two-factor-off\"", off);
        Assert.Contains(await AuditAsync("vanthu"), e => e.Action == AuditActions.TwoFactorDisabled);
        Assert.Equal("/", (await NewClient().SignInAsync("vanthu")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_administrator_cannot_switch_it_off_while_it_is_required()
    {
        var key = await EnrolAsync("quanly");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
            var officer = await db.Set<Officer>().SingleAsync(o => o.UserName == "quanly", Cancel);
            var province = await db.Set<Unit>().SingleAsync(u => u.Code == "HN", Cancel);
            db.Add(new OfficerRole { OfficerId = officer.Id, UnitId = province.Id, Role = Roles.Administrator });
            await db.SaveChangesAsync(Cancel);
        }

        var client = NewClient();
        await client.SignInAsync("quanly");
        await PostCodeAsync(client, "/Account/TwoFactor", await client.GetStringAsync("/Account/TwoFactor", Cancel), CodeOf(key, stepsAhead: 1));
        var security = await client.GetStringAsync("/Account/Security", Cancel);
        var refused = WebUtility.HtmlDecode(await (await PostCodeAsync(client, "/Account/Security?handler=Disable", security, CodeOf(key, stepsAhead: 1))).Content.ReadAsStringAsync(Cancel));

        Assert.DoesNotContain("id=\"disable-two-factor\"", security);
        Assert.Contains("id=\"two-factor-on\"", refused);
        Assert.Contains("bắt buộc dùng xác thực hai lớp", refused);
    }

    [Fact]
    public async Task An_administrator_role_given_to_a_session_begun_without_a_second_factor_opens_no_administration_page_until_enrolled()
    {
        var client = await app.CreateSignedInClientAsync("tiepnhan.socson", new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
            var officer = await db.Set<Officer>().SingleAsync(o => o.UserName == "tiepnhan.socson", Cancel);
            var commune = await db.Set<Unit>().SingleAsync(u => u.Code == "HN.SOCSON", Cancel);
            db.Add(new OfficerRole { OfficerId = officer.Id, UnitId = commune.Id, Role = Roles.Administrator });
            await db.SaveChangesAsync(Cancel);
        }

        Clock.Advance(DossierWorkflow.OfficerUi.Authentication.AuthenticationSetup.RevalidationInterval + TimeSpan.FromSeconds(1));
        var refused = await client.GetAsync("/Admin/Audit", Cancel);
        var denied = await (await client.GetAsync(refused.Headers.Location!.OriginalString, Cancel)).Content.ReadAsStringAsync(Cancel);
        var setup = await client.GetStringAsync("/Account/TwoFactorSetup", Cancel);
        await PostCodeAsync(client, "/Account/TwoFactorSetup", setup, CodeOf(SecretKey().Match(setup).Groups[1].Value));

        Assert.Contains("/Account/AccessDenied", refused.Headers.Location!.OriginalString);
        Assert.Contains("id=\"second-factor-needed\"", denied);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Admin/Audit", Cancel)).StatusCode);
    }

    private SignInTestsClock Clock => (SignInTestsClock)app.Services.GetRequiredService<TimeProvider>();

    private HttpClient NewClient() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Enrols the officer through the pages (signed in without a second factor first); returns the key.</summary>
    private async Task<string> EnrolAsync(string userName)
    {
        var client = await app.CreateSignedInClientAsync(userName, new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var setup = await client.GetStringAsync("/Account/TwoFactorSetup", Cancel);
        var key = SecretKey().Match(setup).Groups[1].Value;
        await PostCodeAsync(client, "/Account/TwoFactorSetup", setup, CodeOf(key));
        return key;
    }

    private static Task<HttpResponseMessage> PostCodeAsync(HttpClient client, string url, string page, string code) =>
        client.PostFormAsync(url, page, ("Code", code));

    /// <summary>The code the officer's app shows now (or that many steps later, within the window the server accepts).</summary>
    private string CodeOf(string key, int stepsAhead = 0) =>
        Totp.Code(Base32.Decode(key), Totp.StepAt(Clock.GetUtcNow()) + stepsAhead);

    private async Task<List<AuditEntry>> AuditAsync(string actor)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Set<AuditEntry>()
            .Where(e => e.Actor == actor).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(Cancel);
    }

    [GeneratedRegex(@"id=""secret-key"">([A-Z2-7]+)</code>")]
    private static partial Regex SecretKey();

    [GeneratedRegex(@"<li class=""col"">([a-z2-9]{5}-[a-z2-9]{5})</li>")]
    private static partial Regex RecoveryCode();
}

/// <summary>The host with two-factor sign-in required of administrators, as outside the development run, and a clock the test moves.</summary>
public sealed class TwoFactorSqliteApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        TwoFactorRequired(builder);
    }

    internal static void TwoFactorRequired(IWebHostBuilder builder)
    {
        builder.UseSetting("SignIn:TwoFactorForAdministrators", "true");
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(new SignInTestsClock()));
    }
}

public sealed class TwoFactorPostgresApp(PostgresCluster cluster) : PostgresApp(cluster)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        TwoFactorSqliteApp.TwoFactorRequired(builder);
    }
}

public sealed class TwoFactorTestsOnSqlite(TwoFactorSqliteApp app) : TwoFactorTests(app), IClassFixture<TwoFactorSqliteApp>;

public sealed class TwoFactorTestsOnPostgres(TwoFactorPostgresApp app) : TwoFactorTests(app), IClassFixture<TwoFactorPostgresApp>;
