using System.Text.Encodings.Web;
using System.Text.Unicode;
using DossierWorkflow.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Portal.Authentication;
using DossierWorkflow.Portal.Localization;
using DossierWorkflow.Portal.Payments;
using DossierWorkflow.Portal.Sms;
using DossierWorkflow.Web.Hosting;
using DossierWorkflow.Web.Localization;

namespace DossierWorkflow.Portal.Hosting;

/// <summary>The composition root of the citizens' portal: every registration and the request pipeline.</summary>
internal static class PortalHostingExtensions
{
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddDossiers();
        builder.AddKeyProtection();
        builder.AddTelemetry("dossierworkflow-portal");
        services.AddWebLocalization();
        services.AddRazorPages().AddMvcOptions(o => o.Filters.Add<UnitOfWorkPageFilter>()).AddViewLocalization().AddDataAnnotationsLocalization(o =>
            o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(PortalText)));
        // Vietnamese text is written as characters, not as &#x…; entities (smaller pages, readable source).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddProblemDetailsWithOutage();
        services.AddAntiforgery(o => o.HeaderName = "RequestVerificationToken");
        services.AddPortalRateLimits(builder.Configuration);

        // Outside development the cookies are sent over HTTPS only (Portal:SecureCookies; behind a TLS-terminating proxy,
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED=true lets the app see the original scheme and client address).
        var secure = builder.Configuration.GetValue("Portal:SecureCookies", !builder.Environment.IsDevelopment())
            ? CookieSecurePolicy.Always
            : CookieSecurePolicy.SameAsRequest;
        services.Configure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(o => o.Cookie.SecurePolicy = secure);
        services.AddCitizenAuthentication(builder.Configuration, secure);
        services.AddSingleton<ConfirmationTokens>();
        services.AddOptions<Sms.SmsLookupOptions>().BindConfiguration(Sms.SmsLookupOptions.SectionName);
        services.AddReadinessChecks();
        return builder;
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            // Strict-Transport-Security on HTTPS responses (never on plain HTTP).
            app.UseHsts();
            app.UseExceptionHandler("/Error");
        }

        app.WarnWhenUnprotected();
        // The payment form is answered with a redirect to the bank gateway's page, which form-action must allow.
        var gateway = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DossierWorkflow.Dossiers.Payments.PaymentGatewayOptions>>().Value;
        // So is the sign-in at the national identity provider.
        var sso = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CitizenSingleSignOnOptions>>().Value;
        app.UseSecurityHeaders([.. gateway.IsEnabled ? [new Uri(gateway.Url!)] : Array.Empty<Uri>(), .. sso.IsEnabled ? [new Uri(sso.Authority!)] : Array.Empty<Uri>()]);
        app.UseStatusCodePagesWithReExecute("/Error", "?statusCode={0}");
        app.UseRequestLocalization();
        app.UseMetricsAccess();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapCultureSwitch();
        app.MapHealthEndpoints();
        app.MapMetrics();
        app.MapSmsLookup();
        app.MapPaymentNotifications();
        return app;
    }
}
