using System.Net;
using System.Text.RegularExpressions;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DossierWorkflow.Testing.Web;

/// <summary>A host signing officers in at a test <see cref="OpenIdProvider"/>.</summary>
public interface ISingleSignOnApp
{
    OpenIdProvider IdentityProvider { get; }
}

/// <summary>The host's settings for single sign-on at <paramref name="provider"/>.</summary>
public static class SingleSignOnSettings
{
    public static void Apply(IWebHostBuilder builder, OpenIdProvider provider, SingleSignOnLink linkBy = SingleSignOnLink.Email, bool localAccounts = true)
    {
        builder.UseSetting("SingleSignOn:Authority", provider.Authority.ToString());
        builder.UseSetting("SingleSignOn:ClientId", OpenIdProvider.ClientId);
        builder.UseSetting("SingleSignOn:ClientSecret", OpenIdProvider.ClientSecret);
        builder.UseSetting("SingleSignOn:LinkBy", linkBy.ToString());
        builder.UseSetting("SingleSignOn:DisplayName", "Cổng định danh tỉnh");
        builder.UseSetting("SingleSignOn:RequireHttpsMetadata", "false");
        builder.UseSetting("SignIn:LocalAccounts", localAccounts ? "true" : "false");
    }
}

/// <summary>The host on SQLite with single sign-on linked by e-mail address, beside local accounts.</summary>
public class SingleSignOnSqliteApp : SqliteApp, ISingleSignOnApp
{
    public OpenIdProvider IdentityProvider { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        IdentityProvider = await OpenIdProvider.StartAsync();
        await IdentityProvider.RegisterClientAsync(ClientOptions.BaseAddress);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        SingleSignOnSettings.Apply(builder, IdentityProvider, LinkBy, LocalAccounts);
    }

    protected virtual SingleSignOnLink LinkBy => SingleSignOnLink.Email;

    protected virtual bool LocalAccounts => true;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await IdentityProvider.DisposeAsync();
    }
}

/// <summary>The host on PostgreSQL with single sign-on linked by e-mail address, beside local accounts.</summary>
public class SingleSignOnPostgresApp(PostgresCluster cluster) : PostgresApp(cluster), ISingleSignOnApp
{
    public OpenIdProvider IdentityProvider { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        IdentityProvider = await OpenIdProvider.StartAsync();
        await IdentityProvider.RegisterClientAsync(ClientOptions.BaseAddress);
    }

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

/// <summary>
/// A browser's round trip through the provider, for a test's HTTP client of the app (one that does not follow
/// redirects): the app's button, the provider's login form (unless the provider's session is still open), back to the
/// app's callback. The provider's cookies are kept, as a browser keeps them.
/// </summary>
public sealed partial class ProviderBrowser(OpenIdProvider provider) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });

    /// <summary>Whether the provider showed its login form in the last round trip (false: its session was still open).</summary>
    public bool AskedForPassword { get; private set; }

    /// <summary>The app's answer at the end: a redirect to the page the officer lands on, or to the refusal page.</summary>
    public async Task<HttpResponseMessage> SignInAsync(HttpClient app, string login, string password = "provider-pass", string? returnUrl = null)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var page = await app.GetStringAsync("/Account/SignIn", cancellationToken);
        List<KeyValuePair<string, string>> fields = [new("__RequestVerificationToken", OfficerSignIn.AntiforgeryToken(page[page.IndexOf("id=\"single-sign-on\"", StringComparison.Ordinal)..]))];
        if (returnUrl is not null)
        {
            fields.Add(new("ReturnUrl", returnUrl));
        }

        var answer = await app.PostAsync("/Account/SignIn?handler=SingleSignOn", new FormUrlEncodedContent(fields), cancellationToken);
        AskedForPassword = false;
        return await FollowAsync(app, answer, login, password);
    }

    /// <summary>Follows the app's answer through the provider and back (the sign-out's round trip, say).</summary>
    public async Task<HttpResponseMessage> FollowAsync(HttpClient app, HttpResponseMessage answer, string? login = null, string? password = null)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        for (var hops = 0; hops < 10; hops++)
        {
            var location = answer.Headers.Location;
            if (location is null || !location.IsAbsoluteUri || location.Port != provider.Authority.Port)
            {
                return answer;
            }

            var atProvider = await _http.GetAsync(location, cancellationToken);
            if (atProvider.StatusCode == HttpStatusCode.OK)
            {
                var form = await atProvider.Content.ReadAsStringAsync(cancellationToken);
                var returnTo = WebUtility.HtmlDecode(ReturnUrl().Match(form).Groups[1].Value);
                AskedForPassword = true;
                atProvider = await _http.PostAsync(
                    new Uri(provider.Authority, "login"),
                    new FormUrlEncodedContent([new("returnUrl", returnTo), new("login", login ?? ""), new("password", password ?? "")]),
                    cancellationToken);
                if (atProvider.StatusCode != HttpStatusCode.Redirect)
                {
                    throw new InvalidOperationException($"The provider refused the login of '{login}'.");
                }

                atProvider = await _http.GetAsync(new Uri(provider.Authority, atProvider.Headers.Location!), cancellationToken);
            }

            var back = atProvider.Headers.Location ?? throw new InvalidOperationException($"The provider answered {(int)atProvider.StatusCode} without sending the browser back.");
            answer = await app.GetAsync(back, cancellationToken);
        }

        throw new InvalidOperationException("Too many redirects between the app and the provider.");
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrl();
}
