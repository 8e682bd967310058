using PdfSharp.Fonts;

namespace DossierWorkflow.Dossiers.Forms.Fonts;

/// <summary>
/// Process-wide PDFsharp settings, applied once and thread-safely before the first document is created:
/// PDFsharp refuses to change its font resolver after a font was used, and throws on every
/// <c>new PdfDocument()</c> until a license is chosen (the project is AGPL-3.0-or-later).
/// </summary>
internal static class PdfSharpSetup
{
    private static readonly Lazy<bool> Applied = new(Apply, LazyThreadSafetyMode.ExecutionAndPublication);

    public static void EnsureApplied() => _ = Applied.Value;

    private static bool Apply()
    {
        PdfSharp.PdfSharpLicense.SetAgplLicense();
        if (GlobalFontSettings.FontResolver is not NotoSerifFontResolver)
        {
            GlobalFontSettings.FontResolver = new NotoSerifFontResolver();
        }

        return true;
    }
}
