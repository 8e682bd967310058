using System.Security.Claims;
using DossierWorkflow.Dossiers.Organisation;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace DossierWorkflow.OfficerUi.Authentication;

/// <summary>
/// What the sign-in cookie says about an officer: who (id, user name, full name), the roles held in which units, and how
/// the session began — the security stamp of the password, or the e-mail address or subject by which the province's
/// OpenID provider linked the person to the officer.
/// </summary>
internal static class OfficerClaims
{
    public const string FullName = "dw:full-name";

    /// <summary>One claim per role held in a unit, <c>role@UNIT.CODE</c>: the queues and the unit-scoped pages read these.</summary>
    public const string UnitRole = "dw:unit-role";

    public const string SecurityStamp = "dw:security-stamp";

    /// <summary>Present (<c>true</c>) when the session began with a second factor (an authenticator app's code).</summary>
    public const string TwoFactor = "dw:two-factor";

    /// <summary>Present when the session began at the province's OpenID provider: the e-mail address or subject that linked the officer.</summary>
    public const string SingleSignOn = "dw:single-sign-on";

    /// <summary>
    /// The principal of an officer whose roles and units are loaded, signed in with a password (<paramref name="securityStamp"/>,
    /// and perhaps a second factor) or through the OpenID provider (<paramref name="singleSignOn"/>).
    /// </summary>
    public static ClaimsPrincipal Create(Officer officer, string? securityStamp, bool twoFactor, string? singleSignOn = null)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, officer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, officer.UserName),
            new(FullName, officer.FullName),
        ];
        if (securityStamp is not null)
        {
            claims.Add(new Claim(SecurityStamp, securityStamp));
        }

        if (singleSignOn is not null)
        {
            claims.Add(new Claim(SingleSignOn, singleSignOn));
        }

        if (twoFactor)
        {
            claims.Add(new Claim(TwoFactor, "true"));
        }

        claims.AddRange(officer.Roles.Select(r => r.Role).Distinct(StringComparer.Ordinal).Select(role => new Claim(ClaimTypes.Role, role)));
        claims.AddRange(officer.Roles.Select(r => new Claim(UnitRole, $"{r.Role}@{r.Unit?.Code}")));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The roles the officer holds, each in one unit, as <see cref="Create"/> wrote them.</summary>
    public static IReadOnlyList<(string Role, string UnitCode)> UnitRoles(this ClaimsPrincipal user) =>
        [.. user.FindAll(UnitRole)
            .Select(c => c.Value.Split('@', 2))
            .Where(parts => parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0)
            .Select(parts => (parts[0], parts[1]))
            .Distinct()];

    public static int? OfficerId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    public static string? FullNameOf(this ClaimsPrincipal user) => user.FindFirstValue(FullName);

    /// <summary>Whether the session began with a second factor.</summary>
    public static bool SignedInWithTwoFactor(this ClaimsPrincipal user) => user.HasClaim(TwoFactor, "true");

    /// <summary>The e-mail address or subject that linked the officer, when the session began at the OpenID provider.</summary>
    public static string? SingleSignOnLink(this ClaimsPrincipal user) => user.FindFirstValue(SingleSignOn);
}
