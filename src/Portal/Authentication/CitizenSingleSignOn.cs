using System.Security.Claims;
using DossierWorkflow.Dossiers.Citizens;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Web.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.Portal.Authentication;

/// <summary>
/// Citizens' sign-in at the national identity provider (as the national public-service portal signs in with VNeID;
/// section <c>Portal:SingleSignOn</c>, off unless an authority is given), by the authorization code flow with PKCE.
/// </summary>
public sealed class CitizenSingleSignOnOptions : OpenIdProviderOptions
{
    public const string SectionName = "Portal:SingleSignOn";

    /// <summary>The claim that carries the person's 12-digit citizen ID (số định danh cá nhân).</summary>
    public string CitizenIdClaim { get; set; } = "citizen_id";

    /// <summary>The claim that carries the person's full name.</summary>
    public string NameClaim { get; set; } = "name";

    public CitizenSingleSignOnOptions() => Scopes = "openid profile";
}

/// <summary>
/// The person the provider vouches for becomes a portal account: the one signed in there before (by the provider's
/// subject), or a new account, confirmed at once — its name and citizen ID always as the provider says (they are the
/// provider's to vouch for). An account with a password is never taken over by a matching citizen ID: that number
/// on a password account is only what its owner typed.
/// </summary>
internal static class CitizenSingleSignOn
{
    public const string Scheme = "CitizenOidc";

    public static AuthenticationBuilder AddCitizenSingleSignOn(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        authentication.Services.AddOptions<CitizenSingleSignOnOptions>().BindConfiguration(CitizenSingleSignOnOptions.SectionName);
        var sso = configuration.GetSection(CitizenSingleSignOnOptions.SectionName).Get<CitizenSingleSignOnOptions>() ?? new CitizenSingleSignOnOptions();
        if (!sso.IsEnabled)
        {
            return authentication;
        }

        if (string.IsNullOrWhiteSpace(sso.ClientId))
        {
            throw new InvalidOperationException("Portal:SingleSignOn:Authority is set but Portal:SingleSignOn:ClientId is not: give the client id the provider registered for the portal.");
        }

        return authentication.AddOpenIdConnect(Scheme, o =>
        {
            sso.ConfigureCodeFlow(o);
            o.SignInScheme = CitizenAuthentication.Scheme;
            o.Events.OnTokenValidated = LinkAccountAsync;
            o.Events.OnRemoteFailure = context =>
            {
                context.Response.Redirect("/tai-khoan/dang-nhap?ngoai=loi");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    private static async Task LinkAccountAsync(TokenValidatedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var sso = services.GetRequiredService<IOptions<CitizenSingleSignOnOptions>>().Value;
        var person = context.Principal!;
        var subject = person.FindFirstValue("sub");
        if (string.IsNullOrEmpty(subject))
        {
            context.Fail("The provider's token names nobody (no subject).");
            return;
        }

        var name = person.FindFirstValue(sso.NameClaim)?.Trim();
        var citizenId = person.FindFirstValue(sso.CitizenIdClaim)?.Trim();
        if (citizenId is not null && CitizenIdNumber.Check(citizenId) is not null)
        {
            citizenId = null;
        }

        var db = services.GetRequiredService<DossiersDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var account = await db.Set<CitizenAccount>().FirstOrDefaultAsync(a => a.ExternalSubject == subject, context.HttpContext.RequestAborted);
        if (account is null)
        {
            account = new CitizenAccount
            {
                Id = Guid.CreateVersion7(now),
                ExternalSubject = subject,
                FullName = "",
                SecurityStamp = OfficerPasswords.NewSecurityStamp(),
                CreatedAt = now,
                ConfirmedAt = now,
            };
            db.Add(account);
        }

        account.FullName = string.IsNullOrEmpty(name) ? (account.FullName.Length > 0 ? account.FullName : subject) : name[..Math.Min(name.Length, 200)];
        account.CitizenId = citizenId ?? account.CitizenId;
        await db.SaveChangesAsync(context.HttpContext.RequestAborted);
        context.Principal = CitizenAuthentication.Principal(account);
    }
}
