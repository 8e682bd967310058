using System.Text.Encodings.Web;
using System.Text.Unicode;
using DossierWorkflow.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Dossiers.Telemetry;
using DossierWorkflow.OfficerUi.Api;
using DossierWorkflow.OfficerUi.Authentication;
using DossierWorkflow.OfficerUi.Localization;
using DossierWorkflow.Web.Hosting;
using DossierWorkflow.Web.Localization;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.OfficerUi.Hosting;

/// <summary>The composition root of the officers' host: every registration and the request pipeline.</summary>
internal static class OfficerUiHostingExtensions
{
    public static WebApplicationBuilder AddOfficerUi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddDossiers();
        builder.AddKeyProtection();
        builder.AddTelemetry("dossierworkflow-officers");
        services.AddWebLocalization();
        services.AddOfficerAuthentication(builder.Configuration);
        services.AddRazorPages().AddMvcOptions(o => o.Filters.Add<UnitOfWorkPageFilter>()).AddViewLocalization().AddDataAnnotationsLocalization(o =>
            o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        // Vietnamese text is written as characters, not as &#x…; entities (smaller pages, readable source).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddHttpContextAccessor();
        services.AddScoped<OfficerAudit>();
        services.AddScoped<DisplayNames>();
        services.AddScoped<Pages.Dossiers.DossierAccess>();
        services.AddScoped<Pages.OfficerUploads>();
        services.AddProblemDetailsWithOutage();
        services.AddAntiforgery(o => o.HeaderName = "RequestVerificationToken");

        // Outside development the cookies are sent over HTTPS only (SignIn:SecureCookies; behind a TLS-terminating proxy,
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED=true lets the app see the original scheme and client address).
        var secure = builder.Configuration.GetValue("SignIn:SecureCookies", !builder.Environment.IsDevelopment())
            ? Microsoft.AspNetCore.Http.CookieSecurePolicy.Always
            : Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        services.PostConfigureAll<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(o => o.Cookie.SecurePolicy = secure);
        services.Configure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(o => o.Cookie.SecurePolicy = secure);
        services.AddOpenApi("v1", o => o.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);
        services.AddReadinessChecks();
        // The office's state for the metrics is read here; the portal reports only what it does.
        services.AddOperationsSampler();
        return builder;
    }

    public static WebApplication UseOfficerUi(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            // Strict-Transport-Security on HTTPS responses (never on plain HTTP).
            app.UseHsts();
        }

        app.WarnWhenUnprotected();
        // The sign-in and sign-out forms are answered with a redirect to the OpenID provider, which form-action must allow.
        var sso = app.Services.GetRequiredService<IOptions<SingleSignOnOptions>>().Value;
        app.UseSecurityHeaders(sso.IsEnabled ? [new Uri(sso.Authority!)] : []);

        // The JSON API answers errors with problem details; the pages with a friendly page (a stack trace only in Development).
        app.UseWhen(IsApi, api =>
        {
            api.UseApiExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !IsApi(context), ui =>
        {
            if (!app.Environment.IsDevelopment())
            {
                ui.UseExceptionHandler("/Error");
            }

            ui.UseStatusCodePagesWithReExecute("/Error", "?statusCode={0}");
        });

        app.UseRequestLocalization();
        app.UseMetricsAccess();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        // Everything else needs a signed-in officer (the fallback policy); these serve the sign-in page and the probes.
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorPages().WithStaticAssets();
        app.MapCultureSwitch().AllowAnonymous();
        app.MapHealthEndpoints().AllowAnonymous();
        app.MapMetrics().AllowAnonymous();
        app.MapDossiersApi();
        app.MapOpenApi("/api/{documentName}/openapi.json").AllowAnonymous();
        return app;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");
}
