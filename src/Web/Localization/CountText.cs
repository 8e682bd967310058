using Microsoft.Extensions.Localization;

namespace DossierWorkflow.Web.Localization;

/// <summary>
/// Texts with a number in them, in the grammatical number it needs. A resource <c>Key</c> is the plural ("3 working
/// days", also "0 working days"), <c>Key.one</c> the singular ("1 working day"). Vietnamese has no plural forms, so its
/// two texts are the same; both must exist, or the lookup would fall back to the English text.
/// </summary>
public static class CountText
{
    public static LocalizedString Count(this IStringLocalizer text, string key, int count, params object[] more) =>
        text[count == 1 ? key + ".one" : key, [count, .. more]];
}
