using System.Net;
using DossierWorkflow.Dossiers.Citizens;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Testing.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.Portal.Tests.Pages.Account;

/// <summary>
/// Citizens signing in at the national identity provider (a real OpenID provider started by the tests, as VNeID signs
/// people in): the account made or found by the provider's subject, the name and citizen ID as the provider vouches.
/// </summary>
public abstract class SingleSignOnTests<TApp>(TApp app) where TApp : OfficerUiApp, ICitizenSingleSignOnApp
{
    [Fact]
    public async Task A_citizen_signed_in_at_the_identity_provider_gets_an_account_with_the_name_and_citizen_id_it_vouches_for()
    {
        var subject = Guid.NewGuid().ToString("N");
        app.IdentityProvider.AddUser(new ProviderUser($"vneid-{subject}", "provider-pass", subject, null) { FullName = "Trần Thị Bình", Claims = new Dictionary<string, string> { ["citizen_id"] = "001190054321" } });
        var citizen = new CitizenClient(app);

        var landed = await SignInAsync(citizen, $"vneid-{subject}");
        var account = await citizen.Http.GetStringAsync("/tai-khoan", TestContext.Current.CancellationToken);

        Assert.Equal("/tai-khoan", landed.Headers.Location?.OriginalString);
        Assert.Contains("value=\"Trần Thị Bình\"", account, StringComparison.Ordinal);
        Assert.Contains("value=\"001190054321\"", account, StringComparison.Ordinal);
        var stored = await AccountAsync(subject);
        Assert.Equal(("Trần Thị Bình", "001190054321", (string?)null), (stored.FullName, stored.CitizenId, stored.PasswordHash));
        Assert.NotNull(stored.ConfirmedAt);
    }

    [Fact]
    public async Task Signing_in_again_finds_the_same_account_and_takes_the_providers_name_as_it_now_is()
    {
        var subject = Guid.NewGuid().ToString("N");
        app.IdentityProvider.AddUser(new ProviderUser($"vneid-{subject}", "provider-pass", subject, null) { FullName = "Lê Văn Cường" });
        await SignInAsync(new CitizenClient(app), $"vneid-{subject}");
        var first = await AccountAsync(subject);
        app.IdentityProvider.AddUser(new ProviderUser($"vneid-{subject}", "provider-pass", subject, null) { FullName = "Lê Văn Cường Em" });

        await SignInAsync(new CitizenClient(app), $"vneid-{subject}");

        var again = await AccountAsync(subject);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal("Lê Văn Cường Em", again.FullName);
    }

    [Fact]
    public async Task A_password_account_with_the_same_citizen_id_is_never_taken_over()
    {
        var email = $"{Guid.NewGuid():N}@example.vn";
        var owner = new CitizenClient(app);
        await owner.RegisterAndConfirmAsync(app, email);
        await owner.SubmitAsync("/tai-khoan", ("Input.FullName", "Người khác"), ("Input.CitizenId", "001085099999"), ("Input.DateOfBirth", "1985-01-01"), ("Input.Gender", "Male"));
        var subject = Guid.NewGuid().ToString("N");
        app.IdentityProvider.AddUser(new ProviderUser($"vneid-{subject}", "provider-pass", subject, null) { FullName = "Phạm Văn Dũng", Claims = new Dictionary<string, string> { ["citizen_id"] = "001085099999" } });

        await SignInAsync(new CitizenClient(app), $"vneid-{subject}");

        await using var scope = app.Services.CreateAsyncScope();
        var accounts = await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Set<CitizenAccount>()
            .Where(a => a.CitizenId == "001085099999").ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, accounts.Count);
        Assert.Equal("Người khác", accounts.Single(a => a.Email == email).FullName);
    }

    [Fact]
    public async Task A_token_the_provider_spoiled_signs_nobody_in_and_says_so()
    {
        var subject = Guid.NewGuid().ToString("N");
        app.IdentityProvider.AddUser(new ProviderUser($"vneid-{subject}", "provider-pass", subject, null) { FullName = "Hoàng Văn Em" });
        app.IdentityProvider.Tamper = IdentityTokenTamper.WrongAudience;
        try
        {
            var citizen = new CitizenClient(app);
            var landed = await SignInAsync(citizen, $"vneid-{subject}");

            Assert.Equal("/tai-khoan/dang-nhap?ngoai=loi", landed.Headers.Location?.OriginalString);
            Assert.Equal(HttpStatusCode.Redirect, (await citizen.Http.GetAsync("/tai-khoan", TestContext.Current.CancellationToken)).StatusCode);
            Assert.Contains("Không đăng nhập được bằng tài khoản định danh điện tử", await citizen.Http.GetStringAsync("/tai-khoan/dang-nhap?ngoai=loi", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
        finally
        {
            app.IdentityProvider.Tamper = IdentityTokenTamper.None;
        }
    }

    /// <summary>The sign-in page's button, the provider's login form, back to the portal: the portal's last answer.</summary>
    private async Task<HttpResponseMessage> SignInAsync(CitizenClient citizen, string login)
    {
        using var browser = new ProviderBrowser(app.IdentityProvider);
        var page = await citizen.Http.GetStringAsync("/tai-khoan/dang-nhap", TestContext.Current.CancellationToken);
        Assert.Contains("Đăng nhập bằng VNeID", page, StringComparison.Ordinal);
        var answer = await citizen.Http.PostFormAsync("/tai-khoan/dang-nhap?handler=External", page);
        return await browser.FollowAsync(citizen.Http, answer, login, "provider-pass");
    }

    private async Task<CitizenAccount> AccountAsync(string subject)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Set<CitizenAccount>().AsNoTracking()
            .SingleAsync(a => a.ExternalSubject == subject, TestContext.Current.CancellationToken);
    }
}

/// <summary>The hosts with the notification channels, the portal signing citizens in at a real OpenID provider as the client <c>dossierworkflow-portal</c>.</summary>
public interface ICitizenSingleSignOnApp : INotifyingApp
{
    public const string PortalClient = "dossierworkflow-portal";

    OpenIdProvider IdentityProvider { get; }

    /// <summary>Starts the provider, registers the portal with it and points the portal at it.</summary>
    protected static async Task<OpenIdProvider> StartProviderAsync(PortalHost portal)
    {
        var provider = await OpenIdProvider.StartAsync();
        await provider.RegisterClientAsync(portal.ClientOptions.BaseAddress, PortalClient);
        portal.Settings["Portal:SingleSignOn:Authority"] = provider.Authority.ToString();
        portal.Settings["Portal:SingleSignOn:ClientId"] = PortalClient;
        portal.Settings["Portal:SingleSignOn:ClientSecret"] = OpenIdProvider.ClientSecret;
        portal.Settings["Portal:SingleSignOn:DisplayName"] = "VNeID";
        portal.Settings["Portal:SingleSignOn:RequireHttpsMetadata"] = "false";
        return provider;
    }
}

public sealed class CitizenSingleSignOnSqliteApp(DossierWorkflow.Testing.SmtpServer smtp) : NotifyingSqliteApp(smtp), ICitizenSingleSignOnApp
{
    public OpenIdProvider IdentityProvider { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        IdentityProvider = await ICitizenSingleSignOnApp.StartProviderAsync(Portal);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await IdentityProvider.DisposeAsync();
    }
}

public sealed class CitizenSingleSignOnPostgresApp(DossierWorkflow.Testing.PostgresCluster cluster, DossierWorkflow.Testing.SmtpServer smtp) : NotifyingPostgresApp(cluster, smtp), ICitizenSingleSignOnApp
{
    public OpenIdProvider IdentityProvider { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        IdentityProvider = await ICitizenSingleSignOnApp.StartProviderAsync(Portal);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await IdentityProvider.DisposeAsync();
    }
}

public sealed class SingleSignOnTestsOnSqlite(CitizenSingleSignOnSqliteApp app) : SingleSignOnTests<CitizenSingleSignOnSqliteApp>(app), IClassFixture<CitizenSingleSignOnSqliteApp>;

public sealed class SingleSignOnTestsOnPostgres(CitizenSingleSignOnPostgresApp app) : SingleSignOnTests<CitizenSingleSignOnPostgresApp>(app), IClassFixture<CitizenSingleSignOnPostgresApp>;
