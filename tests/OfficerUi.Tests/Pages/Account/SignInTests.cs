using System.Net;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Testing.Web;
using DossierWorkflow.OfficerUi.Authentication;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Pages.Account;

public abstract class SignInTests(OfficerUiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_demo_officer_signs_in_and_sees_their_name_in_the_menu()
    {
        var client = await app.CreateSignedInClientAsync("lanhdao");

        var home = await client.GetStringAsync("/", Cancel);

        Assert.Contains("<span id=\"officer-name\">Lê Quang Huy</span>", home);
    }

    [Fact]
    public async Task A_wrong_password_shows_the_error_on_the_form_and_signs_nobody_in()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.SignInAsync("chuyenvien.socson", "not the password");
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng.", html);
        Assert.DoesNotContain("not the password", html);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/", Cancel)).StatusCode);
    }

    [Fact]
    public async Task An_empty_form_names_the_missing_fields()
    {
        var client = app.CreateClient();

        var response = await client.SignInAsync("", "");
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Contains("Cần nhập Tên đăng nhập.", html);
        Assert.Contains("Cần nhập Mật khẩu.", html);
    }

    [Fact]
    public async Task Signing_in_never_returns_to_another_site()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.SignInAsync("tiepnhan.socson", returnUrl: "https://evil.example/");

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await app.CreateSignedInClientAsync("vanthu", new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var home = await client.GetStringAsync("/", Cancel);

        var signedOut = await client.PostAsync("/Account/SignOut", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = OfficerSignIn.AntiforgeryToken(home[home.IndexOf("action=\"/Account/SignOut\"", StringComparison.Ordinal)..]),
        }), Cancel);

        Assert.Equal("/Account/SignIn", signedOut.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/", Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_page_for_administrators_is_refused_to_a_reception_officer()
    {
        var client = await app.CreateSignedInClientAsync("tiepnhan.socson", new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/Admin/Calendar", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location?.PathAndQuery);
    }
}

public sealed class SignInTestsOnSqlite(SqliteApp app) : SignInTests(app), IClassFixture<SqliteApp>;

public sealed class SignInTestsOnPostgres(PostgresApp app) : SignInTests(app), IClassFixture<PostgresApp>;

/// <summary>The session is checked against the database again after the revalidation interval, on a clock the test moves.</summary>
public sealed class SessionRevalidationTests(SessionRevalidationTests.ClockedApp app) : IClassFixture<SessionRevalidationTests.ClockedApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_changed_password_ends_other_sessions_at_the_next_check()
    {
        var client = await app.CreateSignedInClientAsync("quanly", new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var passwords = scope.ServiceProvider.GetRequiredService<OfficerPasswords>();
            var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
            await passwords.SetAsync(await db.Set<Officer>().SingleAsync(o => o.UserName == "quanly", Cancel), "a brand new password", Cancel);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Procedures", Cancel)).StatusCode);
        app.Clock.Advance(AuthenticationSetup.RevalidationInterval + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Procedures", Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_deactivated_officer_is_signed_out_at_the_next_check()
    {
        var client = await app.CreateSignedInClientAsync("lanhdao.socson", new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await SetActiveAsync("lanhdao.socson", false);

        app.Clock.Advance(AuthenticationSetup.RevalidationInterval + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/", Cancel)).StatusCode);
        await SetActiveAsync("lanhdao.socson", true);
    }

    [Fact]
    public async Task A_role_given_after_sign_in_takes_effect_at_the_next_check()
    {
        var client = await app.CreateSignedInClientAsync("chuyenvien.socson", new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Admin/Calendar", Cancel)).StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
            var officer = await db.Set<Officer>().SingleAsync(o => o.UserName == "chuyenvien.socson", Cancel);
            var province = await db.Set<Unit>().SingleAsync(u => u.Code == "HN", Cancel);
            db.Add(new OfficerRole { OfficerId = officer.Id, UnitId = province.Id, Role = Roles.Administrator });
            await db.SaveChangesAsync(Cancel);
        }

        app.Clock.Advance(AuthenticationSetup.RevalidationInterval + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Admin/Calendar", Cancel)).StatusCode);
    }

    private async Task SetActiveAsync(string userName, bool active)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        await db.Set<Officer>().Where(o => o.UserName == userName).ExecuteUpdateAsync(o => o.SetProperty(x => x.IsActive, active), Cancel);
    }

    /// <summary>The host on SQLite with a clock that runs with real time plus whatever the test adds.</summary>
    public sealed class ClockedApp : SqliteApp
    {
        public MovableClock Clock { get; } = new();

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }

    public sealed class MovableClock : TimeProvider
    {
        private TimeSpan _offset;

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;

        public void Advance(TimeSpan by) => _offset += by;
    }
}
