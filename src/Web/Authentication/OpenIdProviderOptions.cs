using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace DossierWorkflow.Web.Authentication;

/// <summary>
/// An OpenID provider a host signs people in at (the province's for officers, the national identity service for
/// citizens): off unless an <see cref="Authority"/> is given.
/// </summary>
public class OpenIdProviderOptions
{
    /// <summary>The provider's issuer address, e.g. <c>https://sso.example.gov.vn/realms/province</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>
    /// Where the host reads the provider's metadata, when it reaches the provider by another address than the browsers
    /// do (inside a container network, say); by default the <see cref="Authority"/>'s.
    /// </summary>
    public string? MetadataAddress { get; set; }

    public string? ClientId { get; set; }

    /// <summary>The client's secret at the provider (a confidential client); none for a public client (PKCE alone).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The scopes asked for, separated by spaces (<c>openid</c> is always asked).</summary>
    public string Scopes { get; set; } = "openid profile email";

    /// <summary>The provider's name on the sign-in button; a general wording when none is given.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The provider's metadata must come over HTTPS; only a test or a demo on one machine turns this off.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>
    /// The handler set for the authorization code flow with PKCE at this provider, as both hosts use it: the answer back
    /// as a redirect (so the correlation and nonce cookies stay SameSite=Lax), claims under their OpenID names, no tokens
    /// kept but what signs out. The caller adds its events and schemes.
    /// </summary>
    public void ConfigureCodeFlow(OpenIdConnectOptions o)
    {
        o.Authority = Authority;
        if (!string.IsNullOrWhiteSpace(MetadataAddress))
        {
            o.MetadataAddress = MetadataAddress;
        }

        o.ClientId = ClientId;
        o.ClientSecret = string.IsNullOrEmpty(ClientSecret) ? null : ClientSecret;
        o.RequireHttpsMetadata = RequireHttpsMetadata;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.UsePkce = true;
        o.Scope.Clear();
        foreach (var scope in Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append(OpenIdConnectScope.OpenId).Distinct(StringComparer.Ordinal))
        {
            o.Scope.Add(scope);
        }

        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.MapInboundClaims = false;
        o.GetClaimsFromUserInfoEndpoint = false;
        o.SaveTokens = false;
    }
}
