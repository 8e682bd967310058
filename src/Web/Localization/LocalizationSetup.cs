using System.Globalization;
using Microsoft.AspNetCore.Localization;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.Web.Localization;

/// <summary>
/// Vietnamese is the default language, English the second, in both hosts. The language (UI culture) is switched from the layout and
/// kept in the standard culture cookie; formats (dates dd/MM/yyyy, numbers and money) stay Vietnamese in both languages,
/// because the documents, deadlines and fees they show are Vietnamese.
/// </summary>
public static class LocalizationSetup
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public static IReadOnlyList<CultureInfo> Languages { get; } = [Vietnamese, English];

    public static IServiceCollection AddWebLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");

        // Model binding's own messages (a date that does not exist, text where a number goes), in the user's language
        // like every other message; the localizer reads the UI culture when a message is made.
        services.AddOptions<Microsoft.AspNetCore.Mvc.MvcOptions>().Configure<Microsoft.Extensions.Localization.IStringLocalizerFactory>((o, factory) =>
        {
            var text = factory.Create(typeof(WebText));
            var messages = o.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((value, field) => text["Binding.AttemptedValueIsInvalid", value, field]);
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => text["Binding.NonPropertyAttemptedValueIsInvalid", value]);
            messages.SetUnknownValueIsInvalidAccessor(field => text["Binding.UnknownValueIsInvalid", field]);
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => text["Binding.NonPropertyUnknownValueIsInvalid"]);
            messages.SetValueIsInvalidAccessor(value => text["Binding.ValueIsInvalid", value]);
            messages.SetValueMustNotBeNullAccessor(field => text["Binding.ValueMustNotBeNull", field]);
            messages.SetValueMustBeANumberAccessor(field => text["Binding.ValueMustBeANumber", field]);
            messages.SetNonPropertyValueMustBeANumberAccessor(() => text["Binding.NonPropertyValueMustBeANumber"]);
            messages.SetMissingBindRequiredValueAccessor(field => text["Binding.MissingBindRequiredValue", field]);
            messages.SetMissingKeyOrValueAccessor(() => text["Binding.MissingKeyOrValue"]);
            messages.SetMissingRequestBodyRequiredValueAccessor(() => text["Binding.MissingRequestBodyRequiredValue"]);
        });
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Vietnamese, Vietnamese);
            o.SupportedCultures = [Vietnamese];
            o.SupportedUICultures = [.. Languages];
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        return services;
    }

    /// <summary><c>POST /culture</c> (form fields <c>language</c>, <c>returnUrl</c>): sets the language cookie and goes back.</summary>
    public static IEndpointConventionBuilder MapCultureSwitch(this IEndpointRouteBuilder endpoints)
    {
        return endpoints.MapPost("/culture", (HttpContext context, [Microsoft.AspNetCore.Mvc.FromForm] string language, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            var uiCulture = Languages.FirstOrDefault(c => c.Name == language || c.TwoLetterISOLanguageName == language) ?? Vietnamese;
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(Vietnamese, uiCulture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps });
            var target = !string.IsNullOrEmpty(returnUrl) && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
                ? returnUrl
                : "/";
            return Results.LocalRedirect(target);
        });
    }
}
