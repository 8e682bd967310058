using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.OfficerUi.Authentication;

/// <summary>The names of the authorization policies the pages use.</summary>
internal static class Policies
{
    /// <summary>Maintains the organisation, the catalogue and the working calendar.</summary>
    public const string Administrator = "Administrator";

    /// <summary>
    /// An administrator of a unit at the top of the tree: maintains what the whole installation shares (the procedures'
    /// workflows, the online intake API's clients).
    /// </summary>
    public const string InstallationAdministrator = "InstallationAdministrator";
}

/// <summary>
/// Officers sign in into a cookie, with a password (<see cref="OfficerPasswords"/>, <see cref="SignInSteps"/>) or at the
/// province's OpenID provider (<see cref="SingleSignOn"/>). Every page needs a signed-in officer unless it says otherwise
/// (<c>[AllowAnonymous]</c>: sign-in, errors, health, static files).
/// </summary>
internal static class AuthenticationSetup
{
    /// <summary>How long a cookie's roles are trusted before they are read again (a deactivated officer is out after at most this).</summary>
    public static readonly TimeSpan RevalidationInterval = TimeSpan.FromMinutes(5);

    private const string CheckedAtItem = ".dw.checked-at";

    public static IServiceCollection AddOfficerAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.GetValue("SignIn:LocalAccounts", true) && string.IsNullOrWhiteSpace(configuration["SingleSignOn:Authority"]))
        {
            throw new InvalidOperationException("SignIn:LocalAccounts is false and no SingleSignOn:Authority is set: nobody could sign in. Configure single sign-on or keep local accounts.");
        }

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "DossierWorkflow.Auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.LoginPath = "/Account/SignIn";
                o.LogoutPath = "/Account/SignOut";
                o.AccessDeniedPath = "/Account/AccessDenied";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnSigningIn = context =>
                {
                    context.Properties.Items[CheckedAtItem] = Now(context.HttpContext).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return Task.CompletedTask;
                };
                o.Events.OnValidatePrincipal = RevalidateAsync;

                // The JSON API answers 401/403 itself instead of redirecting to a page.
                o.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
            });
        services.AddAuthentication().AddCookie(SignInSteps.PendingScheme, o =>
        {
            o.Cookie.Name = SignInSteps.PendingScheme;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = SignInSteps.PendingLifetime;
            o.SlidingExpiration = false;
            o.LoginPath = "/Account/SignIn";
        });
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, Api.ApiKeyAuthenticationHandler>(Api.ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthentication().AddSingleSignOn(configuration);
        services.AddOptions<OfficerSignInOptions>().BindConfiguration("SignIn");
        services.AddScoped<SignInSteps>();
        services.AddSingleton<IAuthorizationHandler, SecondFactorHandler>();
        services.AddScoped<IAuthorizationHandler, WholeInstallationHandler>();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Administrator, policy => policy.RequireRole(Roles.Administrator).AddRequirements(new SecondFactorRequirement()))
            .AddPolicy(Policies.InstallationAdministrator, policy => policy.RequireRole(Roles.Administrator).AddRequirements(new SecondFactorRequirement(), new WholeInstallationRequirement()))
            .AddPolicy(Api.ApiKeyAuthenticationHandler.Policy, policy => policy.AddAuthenticationSchemes(Api.ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        return services;
    }

    /// <summary>
    /// Reads the officer again every <see cref="RevalidationInterval"/>: a deactivated officer, a changed password (for a
    /// session begun with one) or an e-mail address or subject that no longer links the officer (for a session begun at
    /// the OpenID provider) ends the session, and changed roles take effect without signing in again.
    /// </summary>
    private static async Task RevalidateAsync(CookieValidatePrincipalContext context)
    {
        try
        {
            await RevalidateNowAsync(context);
        }
        catch (Exception exception) when (DossierWorkflow.Dossiers.Persistence.DatabaseFaults.IsUnavailable(exception))
        {
            // The database is away: the session stands as it was, to be checked when it is back (the page itself answers
            // "try again"); failing here would fail the error page too.
        }
    }

    private static async Task RevalidateNowAsync(CookieValidatePrincipalContext context)
    {
        var now = Now(context.HttpContext);
        if (context.Properties.Items.TryGetValue(CheckedAtItem, out var checkedText)
            && long.TryParse(checkedText, System.Globalization.CultureInfo.InvariantCulture, out var checkedAt)
            && now - DateTimeOffset.FromUnixTimeSeconds(checkedAt) < RevalidationInterval)
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        var officerId = context.Principal?.OfficerId();
        var link = context.Principal?.SingleSignOnLink();
        var stamp = context.Principal?.FindFirst(OfficerClaims.SecurityStamp)?.Value;
        Officer? officer = null;
        string? currentStamp = null;
        if (link is not null)
        {
            // A session of the provider ends when single sign-on is switched off.
            var sso = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SingleSignOnOptions>>().Value;
            var match = sso.IsEnabled ? await services.GetRequiredService<OfficerSingleSignOn>().FindAsync(sso.LinkBy, link, context.HttpContext.RequestAborted) : null;
            officer = match?.Outcome == SingleSignOnOutcome.SignedIn && match.Officer!.Id == officerId ? match.Officer : null;
        }
        else if (officerId is not null)
        {
            var db = services.GetRequiredService<DossiersDbContext>();
            officer = await db.Set<Officer>().AsNoTracking().WithRolesAndUnits()
                .FirstOrDefaultAsync(o => o.Id == officerId && o.IsActive, context.HttpContext.RequestAborted);
            currentStamp = officer is null
                ? null
                : await db.Set<OfficerCredential>().Where(c => c.OfficerId == officer.Id).Select(c => c.SecurityStamp).FirstOrDefaultAsync(context.HttpContext.RequestAborted);
            if (currentStamp is null || currentStamp != stamp)
            {
                officer = null;
            }
        }

        if (officer is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        context.ReplacePrincipal(OfficerClaims.Create(officer, currentStamp, context.Principal!.SignedInWithTwoFactor(), link));
        context.Properties.Items[CheckedAtItem] = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }

    private static DateTimeOffset Now(HttpContext context) => context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else if (context.Request.Headers.ContainsKey("HX-Request"))
        {
            // htmx follows a redirect inside the fragment it swaps; a full-page redirect brings the sign-in page up properly.
            context.Response.Headers["HX-Redirect"] = context.RedirectUri;
            context.Response.StatusCode = StatusCodes.Status200OK;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// The administrators' pages need a session begun with a second factor, when that is required of them; a session begun
/// at the province's OpenID provider counts as one as <see cref="SingleSignOnOptions.SecondFactor"/> says.
/// </summary>
internal sealed class SecondFactorRequirement : IAuthorizationRequirement;

internal sealed class SecondFactorHandler(Microsoft.Extensions.Options.IOptions<OfficerSignInOptions> options) : AuthorizationHandler<SecondFactorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SecondFactorRequirement requirement)
    {
        if (!options.Value.TwoFactorForAdministrators || context.User.SignedInWithTwoFactor())
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>The officer administers the whole installation (<see cref="AdministratorScope.Everything"/>).</summary>
internal sealed class WholeInstallationRequirement : IAuthorizationRequirement;

internal sealed class WholeInstallationHandler(OrganisationUnits organisation, DossiersDbContext db) : AuthorizationHandler<WholeInstallationRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, WholeInstallationRequirement requirement)
    {
        if ((await AdministratorScope.OfAsync(context.User, organisation, db, CancellationToken.None)).Everything)
        {
            context.Succeed(requirement);
        }
    }
}
