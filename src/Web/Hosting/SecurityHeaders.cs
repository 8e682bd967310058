using Microsoft.AspNetCore.Builder;

namespace DossierWorkflow.Web.Hosting;

/// <summary>
/// Headers every response carries: a strict content-security policy (only our own origin; no inline script or style;
/// forms may lead only here, and to the origins given — an OpenID provider the sign-in form redirects to, a payment
/// gateway), no MIME sniffing, no framing, no referrer leaking dossier codes to other sites.
/// </summary>
public static class SecurityHeaders
{
    /// <param name="app">The pipeline.</param>
    /// <param name="formTargets">Other origins a form's answer may redirect to (absolute URLs; only their origin is kept).</param>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, params IEnumerable<Uri> formTargets)
    {
        var formAction = string.Join(' ', formTargets.Select(target => target.GetLeftPart(UriPartial.Authority)).Distinct().Prepend("'self'"));
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
