using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using DossierWorkflow.Testing;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace DossierWorkflow.Testing.Web;

/// <summary>How the provider spoils the next identity tokens it issues, to prove the app refuses them.</summary>
public enum IdentityTokenTamper
{
    None,
    WrongAudience,
    WrongIssuer,
    WrongNonce,
    Expired,
}

/// <summary>A person with an account at the test provider.</summary>
public sealed record ProviderUser(string Login, string Password, string Subject, string? Email, bool EmailVerified = true)
{
    /// <summary>Role claims the provider asserts (the app must ignore them: roles come from its own organisation).</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>How the person proved who they are (the <c>amr</c> claims), e.g. <c>pwd</c> and <c>otp</c>.</summary>
    public IReadOnlyList<string> Methods { get; init; } = ["pwd"];

    /// <summary>The <c>name</c> claim; the login when none is given.</summary>
    public string? FullName { get; init; }

    /// <summary>More claims the provider vouches for (the citizen's ID number, say).</summary>
    public IReadOnlyDictionary<string, string> Claims { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// A real OpenID provider (OpenIddict on Kestrel, its store on SQLite) on a loopback port, as a province runs one: a login
/// form, the authorization code flow with PKCE for one confidential client, identity tokens signed with its own key,
/// and the end-session endpoint. Tests give it users, register the app's addresses, and may make it spoil its tokens
/// (<see cref="Tamper"/>) or stop it.
/// </summary>
public sealed class OpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "dossierworkflow-officers";
    public const string ClientSecret = "test-client-secret-3f9a";

    private const string LoginScheme = "provider-login";

    private readonly SqliteFile _store = new("openid-provider");
    private readonly ConcurrentDictionary<string, ProviderUser> _users = new(StringComparer.OrdinalIgnoreCase);
    private WebApplication? _app;
    private int _endedSessions;

    private OpenIdProvider(int port) => Authority = new Uri($"http://127.0.0.1:{port}/");

    /// <summary>The provider's issuer address (what the app is configured with).</summary>
    public Uri Authority { get; }

    /// <summary>Spoils the identity tokens issued from now on (until set back to <see cref="IdentityTokenTamper.None"/>).</summary>
    public IdentityTokenTamper Tamper { get; set; }

    /// <summary>How many sessions ended at the provider's end-session endpoint (RP-initiated logout).</summary>
    public int EndedSessions => _endedSessions;

    public bool IsRunning => _app is not null;

    /// <summary>Starts a provider on a free loopback port, or on <paramref name="port"/>.</summary>
    public static async Task<OpenIdProvider> StartAsync(int port = 0)
    {
        var provider = new OpenIdProvider(port == 0 ? LoopbackPort.Free() : port);
        await provider.StartAsync();
        return provider;
    }

    /// <summary>An address on which nothing answers yet: the provider starts there later with <see cref="StartAsync()"/>.</summary>
    public static OpenIdProvider NotStarted() => new(LoopbackPort.Free());

    public void AddUser(ProviderUser user) => _users[user.Login] = user;

    /// <summary>
    /// Lets the app at <paramref name="appBase"/> sign in and out here (its callback addresses registered), as the client
    /// <paramref name="clientId"/> (the officers' host's by default), with <see cref="ClientSecret"/>.
    /// </summary>
    public async Task RegisterClientAsync(Uri appBase, string clientId = ClientId)
    {
        await using var scope = _app!.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var existing = await manager.FindByClientIdAsync(clientId);
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            DisplayName = "DossierWorkflow",
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email, Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        if (existing is not null)
        {
            await manager.PopulateAsync(descriptor, existing);
            descriptor.ClientSecret = ClientSecret;
        }

        descriptor.RedirectUris.Add(new Uri(appBase, "signin-oidc"));
        descriptor.PostLogoutRedirectUris.Add(new Uri(appBase, "signout-callback-oidc"));
        if (existing is null)
        {
            await manager.CreateAsync(descriptor);
        }
        else
        {
            await manager.UpdateAsync(existing, descriptor);
        }
    }

    /// <summary>Starts the provider (again) on its address.</summary>
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, Authority.Port));
        var services = builder.Services;
        services.AddDbContext<ProviderStore>(o => o.UseSqlite(_store.ConnectionString).UseOpenIddict());
        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ProviderStore>())
            .AddServer(o =>
            {
                o.SetIssuer(Authority);
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token").SetEndSessionEndpointUris("connect/logout");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.DisableAccessTokenEncryption();
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableEndSessionEndpointPassthrough().DisableTransportSecurityRequirement();
                o.AddEventHandler<OpenIddictServerEvents.GenerateTokenContext>(handler => handler
                    .UseInlineHandler(context =>
                    {
                        if (context.TokenType == TokenTypeIdentifiers.IdentityToken)
                        {
                            Spoil(context.SecurityTokenDescriptor);
                        }

                        return default;
                    })
                    .SetOrder(OpenIddictServerHandlers.Protection.GenerateIdentityModelToken.Descriptor.Order - 1));
            });
        services.AddAuthentication(LoginScheme).AddCookie(LoginScheme, o => o.Cookie.Name = "provider.login");

        var app = builder.Build();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderStore>().Database.EnsureCreatedAsync();
        }

        app.UseAuthentication();
        app.MapMethods("/connect/authorize", ["GET", "POST"], (Delegate)AuthorizeAsync);
        app.MapPost("/login", (Delegate)LoginAsync);
        app.MapMethods("/connect/logout", ["GET", "POST"], (Delegate)EndSessionAsync);
        await app.StartAsync();
        _app = app;
    }

    /// <summary>Stops the provider: its address answers nothing until it is started again.</summary>
    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _store.Dispose();
    }

    /// <summary>Spoils an identity token as it is about to be signed: its audience, issuer, nonce or lifetime.</summary>
    private void Spoil(Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor token)
    {
        switch (Tamper)
        {
            case IdentityTokenTamper.WrongAudience:
                token.Claims[Claims.Audience] = "another-application";
                break;
            case IdentityTokenTamper.WrongIssuer:
                token.Issuer = "http://127.0.0.1:1/impostor/";
                break;
            case IdentityTokenTamper.WrongNonce:
                var nonce = token.Subject.FindFirst(Claims.Nonce)!;
                token.Subject.RemoveClaim(nonce);
                token.Subject.AddClaim(new Claim(Claims.Nonce, "a-nonce-the-app-never-sent"));
                break;
            case IdentityTokenTamper.Expired:
                token.IssuedAt = token.NotBefore = DateTime.UtcNow.AddHours(-2);
                token.Expires = DateTime.UtcNow.AddHours(-1);
                break;
        }
    }

    /// <summary>The authorization endpoint: the login form until the person has signed in here, then the code for the app.</summary>
    private async Task<IResult> AuthorizeAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID request.");
        var login = await context.AuthenticateAsync(LoginScheme);
        if (!login.Succeeded || !_users.TryGetValue(login.Principal!.Identity!.Name!, out var user))
        {
            return LoginForm(context.Request.Path + context.Request.QueryString, error: null);
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject).SetClaim(Claims.Name, user.FullName ?? user.Login);
        foreach (var (type, value) in user.Claims)
        {
            identity.SetClaim(type, value);
        }

        if (user.Email is not null)
        {
            identity.SetClaim(Claims.Email, user.Email);
            identity.AddClaim(new Claim(Claims.EmailVerified, user.EmailVerified ? "true" : "false", ClaimValueTypes.Boolean));
        }

        foreach (var role in user.Roles)
        {
            identity.AddClaim(new Claim(Claims.Role, role));
        }

        foreach (var method in user.Methods)
        {
            identity.AddClaim(new Claim(Claims.AuthenticationMethodReference, method));
        }

        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private async Task<IResult> LoginAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var returnUrl = form["returnUrl"].ToString();
        if (!returnUrl.StartsWith("/connect/authorize", StringComparison.Ordinal))
        {
            return Results.BadRequest();
        }

        if (!_users.TryGetValue(form["login"].ToString(), out var user) || user.Password != form["password"])
        {
            return LoginForm(returnUrl, error: "Wrong login or password.");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Login)], LoginScheme);
        await context.SignInAsync(LoginScheme, new ClaimsPrincipal(identity));
        return Results.Redirect(returnUrl);
    }

    private async Task<IResult> EndSessionAsync(HttpContext context)
    {
        await context.SignOutAsync(LoginScheme);
        Interlocked.Increment(ref _endedSessions);
        return Results.SignOut(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult LoginForm(string returnUrl, string? error) => Results.Content(
        $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Province identity provider</title></head>
        <body>
          <h1>Province identity provider</h1>
          {(error is null ? "" : $"<p id=\"error\">{WebUtility.HtmlEncode(error)}</p>")}
          <form method="post" action="/login" id="provider-login">
            <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl)}">
            <label>Login <input name="login" id="login"></label>
            <label>Password <input name="password" id="password" type="password"></label>
            <button type="submit">Sign in</button>
          </form>
        </body></html>
        """,
        "text/html; charset=utf-8");

    private sealed class ProviderStore(DbContextOptions<ProviderStore> options) : DbContext(options);
}
