using DossierWorkflow.Dossiers.Forms;

namespace DossierWorkflow.Dossiers.Tests.Forms;

/// <summary>
/// Renders a form for a test. With FORMS_PREVIEW_DIR set, also keeps the PDF there under the given name,
/// to look at the pages (pdftoppm -png -r 80).
/// </summary>
internal static class FormRendering
{
    public static LegalFormPdfGenerator Generator { get; } = new();

    public static byte[] Render(ILegalForm form, string name, string? versionId = null)
    {
        var pdf = Generator.Render(form, versionId);
        var preview = Environment.GetEnvironmentVariable("FORMS_PREVIEW_DIR");
        if (!string.IsNullOrEmpty(preview))
        {
            Directory.CreateDirectory(preview);
            File.WriteAllBytes(Path.Combine(preview, name + ".pdf"), pdf);
        }

        return pdf;
    }
}
