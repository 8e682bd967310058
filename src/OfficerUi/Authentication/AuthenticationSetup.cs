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
}

/// <summary>
/// Officers sign in with a password (<see cref="OfficerPasswords"/>) into a cookie. Every page needs a signed-in officer
/// unless it says otherwise (<c>[AllowAnonymous]</c>: sign-in, errors, health, static files).
/// </summary>
internal static class AuthenticationSetup
{
    /// <summary>How long a cookie's roles are trusted before they are read again (a deactivated officer is out after at most this).</summary>
    public static readonly TimeSpan RevalidationInterval = TimeSpan.FromMinutes(5);

    private const string CheckedAtItem = ".dw.checked-at";

    public static IServiceCollection AddOfficerAuthentication(this IServiceCollection services)
    {
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
        services.AddOptions<OfficerSignInOptions>().BindConfiguration("SignIn");
        services.AddScoped<SignInSteps>();
        services.AddSingleton<IAuthorizationHandler, SecondFactorHandler>();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Administrator, policy => policy.RequireRole(Roles.Administrator).AddRequirements(new SecondFactorRequirement()))
            .AddPolicy(Api.ApiKeyAuthenticationHandler.Policy, policy => policy.AddAuthenticationSchemes(Api.ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        return services;
    }

    /// <summary>
    /// Reads the officer again every <see cref="RevalidationInterval"/>: a deactivated officer or a changed password ends
    /// the session, and changed roles take effect without signing in again.
    /// </summary>
    private static async Task RevalidateAsync(CookieValidatePrincipalContext context)
    {
        var now = Now(context.HttpContext);
        if (context.Properties.Items.TryGetValue(CheckedAtItem, out var checkedText)
            && long.TryParse(checkedText, System.Globalization.CultureInfo.InvariantCulture, out var checkedAt)
            && now - DateTimeOffset.FromUnixTimeSeconds(checkedAt) < RevalidationInterval)
        {
            return;
        }

        var db = context.HttpContext.RequestServices.GetRequiredService<DossiersDbContext>();
        var officerId = context.Principal?.OfficerId();
        var stamp = context.Principal?.FindFirst(OfficerClaims.SecurityStamp)?.Value;
        var officer = officerId is null
            ? null
            : await db.Set<Officer>().AsNoTracking().WithRolesAndUnits()
                .FirstOrDefaultAsync(o => o.Id == officerId && o.IsActive, context.HttpContext.RequestAborted);
        var currentStamp = officer is null
            ? null
            : await db.Set<OfficerCredential>().Where(c => c.OfficerId == officer.Id).Select(c => c.SecurityStamp).FirstOrDefaultAsync(context.HttpContext.RequestAborted);
        if (officer is null || currentStamp is null || currentStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        context.ReplacePrincipal(OfficerClaims.Create(officer, currentStamp, context.Principal!.SignedInWithTwoFactor()));
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

/// <summary>The administrators' pages need a session begun with a second factor, when that is required of them.</summary>
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
