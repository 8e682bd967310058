using System.Globalization;
using System.Security.Claims;
using DossierWorkflow.Dossiers.Citizens;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Portal.Authentication;

/// <summary>
/// The citizens' session: a cookie of its own (never the officers'), for 8 hours sliding; the account is read again every
/// 5 minutes, so that a new password (which changes the account's security stamp) ends the other sessions within that
/// time. Pages that need a citizen say so with <c>[Authorize]</c>; everything else in the portal is public.
/// </summary>
internal static class CitizenAuthentication
{
    public const string Scheme = "Citizen";
    private const string StampClaim = "stamp";
    private const string CheckedAtItem = ".checked";
    private static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(5);

    public static IServiceCollection AddCitizenAuthentication(this IServiceCollection services, IConfiguration configuration, CookieSecurePolicy secure)
    {
        services.AddAuthentication(Scheme).AddCitizenSingleSignOn(configuration).AddCookie(Scheme, o =>
        {
            o.Cookie.Name = ".DossierWorkflow.Citizen";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secure;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = "/tai-khoan/dang-nhap";
            o.LogoutPath = "/tai-khoan/dang-xuat";
            o.AccessDeniedPath = "/tai-khoan/dang-nhap";
            o.ReturnUrlParameter = "returnUrl";
            o.Events.OnSigningIn = context =>
            {
                context.Properties.Items[CheckedAtItem] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            };
            o.Events.OnValidatePrincipal = RevalidateAsync;
        });
        services.AddAuthorization();
        return services;
    }

    /// <summary>The principal of a signed-in account.</summary>
    public static ClaimsPrincipal Principal(CitizenAccount account) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, account.Id.ToString()),
                new Claim(ClaimTypes.Name, account.FullName),
                new Claim(StampClaim, account.SecurityStamp),
            ],
            Scheme));

    /// <summary>The signed-in citizen's account id, or null.</summary>
    public static Guid? AccountId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

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
        var now = DateTimeOffset.UtcNow;
        if (context.Properties.Items.TryGetValue(CheckedAtItem, out var checkedAt)
            && long.TryParse(checkedAt, CultureInfo.InvariantCulture, out var seconds)
            && now - DateTimeOffset.FromUnixTimeSeconds(seconds) < CheckEvery)
        {
            return;
        }

        var id = context.Principal?.AccountId();
        var db = context.HttpContext.RequestServices.GetRequiredService<DossiersDbContext>();
        var account = id is null ? null : await db.Set<CitizenAccount>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id);
        if (account is null || account.ConfirmedAt is null || account.SecurityStamp != context.Principal!.FindFirstValue(StampClaim))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
            return;
        }

        context.Properties.Items[CheckedAtItem] = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }
}
