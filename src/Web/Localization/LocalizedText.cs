using System.Globalization;

namespace DossierWorkflow.Web.Localization;

/// <summary>Bilingual data (the catalogue carries Vietnamese and English texts): pick the one of the UI language.</summary>
public static class LocalizedText
{
    public static string Pick(string vietnamese, string? english) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" && !string.IsNullOrWhiteSpace(english) ? english : vietnamese;
}
