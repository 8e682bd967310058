using System.Security.Claims;
using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using DossierWorkflow.Web.Authentication;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace DossierWorkflow.OfficerUi.Authentication;

/// <summary>
/// Single sign-on at the province's OpenID provider (configuration section <c>SingleSignOn</c>): off unless an
/// <see cref="OpenIdProviderOptions.Authority"/> is given.
/// </summary>
public sealed class SingleSignOnOptions : OpenIdProviderOptions
{
    /// <summary>Which claim links the person to an officer: the verified e-mail address, or the subject stored on the officer.</summary>
    public SingleSignOnLink LinkBy { get; set; } = SingleSignOnLink.Email;

    /// <summary>
    /// What the provider's sign-in must have been for the session to count as begun with a second factor (the
    /// administrators' pages need one): an <c>acr</c> value, or an <c>amr</c> method (e.g. <c>otp</c>, <c>mfa</c>),
    /// the token carries. Without it, every sign-in at the provider counts: the province's provider decides its factors.
    /// </summary>
    public string? SecondFactor { get; set; }
}

/// <summary>Why a sign-in at the OpenID provider did not open a session (the refusal page explains each).</summary>
public enum SingleSignOnRefusal
{
    /// <summary>No officer has the e-mail address or subject the provider gave.</summary>
    UnknownOfficer,

    /// <summary>Several officers have that e-mail address.</summary>
    Ambiguous,

    Inactive,

    NoRoles,

    /// <summary>The provider did not vouch for the e-mail address (<c>email_verified</c>).</summary>
    EmailNotVerified,

    /// <summary>The provider's answer failed its checks (issuer, audience, nonce, lifetime, signature) or was an error.</summary>
    ProviderAnswer,

    /// <summary>The provider could not be reached.</summary>
    ProviderUnavailable,
}

/// <summary>A refusal decided after the provider's token was accepted: the person is not one of our officers.</summary>
internal sealed class SingleSignOnRefusedException(SingleSignOnRefusal reason, string? who)
    : Exception($"Single sign-on refused: {reason}")
{
    public SingleSignOnRefusal Reason { get; } = reason;

    /// <summary>The e-mail address or subject the provider gave.</summary>
    public string? Who { get; } = who;
}

/// <summary>
/// The OpenID Connect client (authorization code with PKCE): the provider proves who the person is, the organisation here
/// says which officer that is and what they may do. A refused person lands on <c>/Account/SingleSignOnRefused</c> and
/// is never signed in; the provider is contacted only when someone chooses it, so the host starts and serves local
/// sign-in while it is down.
/// </summary>
internal static class SingleSignOn
{
    public const string Scheme = OpenIdConnectDefaults.AuthenticationScheme;

    public const string RefusedPage = "/Account/SingleSignOnRefused";

    public static AuthenticationBuilder AddSingleSignOn(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        authentication.Services.AddOptions<SingleSignOnOptions>().BindConfiguration("SingleSignOn");
        var sso = configuration.GetSection("SingleSignOn").Get<SingleSignOnOptions>() ?? new SingleSignOnOptions();
        if (!sso.IsEnabled)
        {
            return authentication;
        }

        if (string.IsNullOrWhiteSpace(sso.ClientId))
        {
            throw new InvalidOperationException("SingleSignOn:Authority is set but SingleSignOn:ClientId is not: give the client id the provider registered for this host.");
        }

        return authentication.AddOpenIdConnect(Scheme, o =>
        {
            sso.ConfigureCodeFlow(o);
            o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.SignOutScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.Events.OnTokenValidated = LinkOfficerAsync;
            o.Events.OnRemoteFailure = RefuseAsync;
        });
    }

    /// <summary>Whether the provider's configuration can be read now (it is read once and cached by the handler).</summary>
    public static async Task<bool> IsReachableAsync(HttpContext context, ILogger logger)
    {
        var options = context.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(Scheme);
        try
        {
            await options.ConfigurationManager!.GetConfigurationAsync(context.RequestAborted);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The cause is enough (the full chain of the identity libraries' wrappers would fill a screen).
            logger.LogWarning("The OpenID provider at {Authority} cannot be reached: {Cause}", options.Authority, exception.GetBaseException().Message);
            return false;
        }
    }

    /// <summary>
    /// The provider's token is valid: the session becomes the officer's own — their roles and units read here — or the
    /// sign-in is refused.
    /// </summary>
    private static async Task LinkOfficerAsync(TokenValidatedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var linkBy = services.GetRequiredService<IOptions<SingleSignOnOptions>>().Value.LinkBy;
        var person = context.Principal!;
        string? link;
        if (linkBy == SingleSignOnLink.Email)
        {
            link = person.FindFirstValue("email");
            if (link is not null && !string.Equals(person.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase))
            {
                context.Fail(new SingleSignOnRefusedException(SingleSignOnRefusal.EmailNotVerified, link));
                return;
            }
        }
        else
        {
            link = person.FindFirstValue("sub");
        }

        var match = await services.GetRequiredService<OfficerSingleSignOn>().FindAsync(linkBy, link, context.HttpContext.RequestAborted);
        if (match.Outcome != SingleSignOnOutcome.SignedIn)
        {
            context.Fail(new SingleSignOnRefusedException(
                match.Outcome switch
                {
                    SingleSignOnOutcome.Ambiguous => SingleSignOnRefusal.Ambiguous,
                    SingleSignOnOutcome.Inactive => SingleSignOnRefusal.Inactive,
                    SingleSignOnOutcome.NoRoles => SingleSignOnRefusal.NoRoles,
                    _ => SingleSignOnRefusal.UnknownOfficer,
                },
                link));
            return;
        }

        var officer = match.Officer!;
        var secondFactor = services.GetRequiredService<IOptions<SingleSignOnOptions>>().Value.SecondFactor;
        var twoFactor = string.IsNullOrWhiteSpace(secondFactor)
            || person.FindAll("acr").Concat(person.FindAll("amr")).Any(claim => string.Equals(claim.Value, secondFactor, StringComparison.Ordinal));
        context.Principal = OfficerClaims.Create(officer, securityStamp: null, twoFactor, singleSignOn: link!.Trim());
        var idToken = context.TokenEndpointResponse?.IdToken ?? context.ProtocolMessage.IdToken;
        context.Properties!.StoreTokens([new AuthenticationToken { Name = OpenIdConnectParameterNames.IdToken, Value = idToken }]);

        services.GetRequiredService<OfficerAudit>().Record(
            AuditActions.SignedIn, subject: "sso", unitCode: officer.Roles.Select(r => r.Unit?.Code).FirstOrDefault(), actor: officer.UserName);
        await services.GetRequiredService<DossiersDbContext>().SaveChangesAsync(context.HttpContext.RequestAborted);
        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SingleSignOn))
            .LogInformation("Officer {UserName} signed in through the OpenID provider", officer.UserName);
    }

    /// <summary>Any failure of the round trip — ours or the provider's — ends on the refusal page, recorded in the journal.</summary>
    private static async Task RefuseAsync(RemoteFailureContext context)
    {
        var services = context.HttpContext.RequestServices;
        var refused = context.Failure as SingleSignOnRefusedException;
        var reason = refused?.Reason
            ?? (context.Failure is HttpRequestException || context.Failure?.InnerException is HttpRequestException or IOException
                ? SingleSignOnRefusal.ProviderUnavailable
                : SingleSignOnRefusal.ProviderAnswer);
        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SingleSignOn))
            .LogWarning(refused is null ? context.Failure : null, "Single sign-on refused ({Reason}) for {Who}", reason, refused?.Who ?? "(unknown)");

        services.GetRequiredService<OfficerAudit>().Record(AuditActions.SignInFailed, subject: $"sso:{reason}", actor: refused?.Who?.Trim().ToLowerInvariant() ?? "");
        await services.GetRequiredService<DossiersDbContext>().SaveChangesAsync(context.HttpContext.RequestAborted);

        context.Response.Redirect($"{RefusedPage}?reason={reason}");
        context.HandleResponse();
    }
}
