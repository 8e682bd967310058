using DossierWorkflow.OfficerUi.Authentication;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.OfficerUi.Hosting;

/// <summary>
/// Headers every response carries: a strict content-security policy (only our own origin; no inline script or style;
/// forms may lead only here, and to the OpenID provider when single sign-on is on), no MIME sniffing, no framing, no
/// referrer leaking dossier codes to other sites.
/// </summary>
internal static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        // The sign-in and sign-out forms are answered with a redirect to the provider, which form-action must allow.
        var sso = app.ApplicationServices.GetRequiredService<IOptions<SingleSignOnOptions>>().Value;
        var formAction = sso.IsEnabled ? $"'self' {new Uri(sso.Authority!).GetLeftPart(UriPartial.Authority)}" : "'self'";
        var contentSecurityPolicy =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
            $"connect-src 'self'; object-src 'none'; base-uri 'self'; form-action {formAction}; frame-ancestors 'none'";
        return app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = contentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return next(context);
        });
    }
}
