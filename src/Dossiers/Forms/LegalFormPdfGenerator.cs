using DossierWorkflow.Dossiers.Forms.Layout;
using DossierWorkflow.Dossiers.Forms.Rendering;
using DossierWorkflow.Dossiers.Forms.Templates;

namespace DossierWorkflow.Dossiers.Forms;

/// <summary>
/// Renders the legal forms of the one-stop mechanism (Circular 03/2025/TT-VPCP, and 01/2018/TT-VPCP for
/// dossiers received before it) as A4 PDF documents with embedded Noto Serif. Stateless and thread-safe.
/// </summary>
public sealed class LegalFormPdfGenerator(FormTemplateCatalog catalog)
{
    public LegalFormPdfGenerator()
        : this(FormTemplateCatalog.Default)
    {
    }

    public FormTemplateCatalog Catalog { get; } = catalog;

    /// <summary>
    /// The template version a form prints with: <paramref name="versionId"/> when the dossier pinned one,
    /// otherwise the version in force on the form's <see cref="ILegalForm.TemplateDate"/>.
    /// </summary>
    public FormTemplateVersion TemplateFor(ILegalForm form, string? versionId = null) =>
        versionId is null ? Catalog.Resolve(form.Kind, form.TemplateDate) : Catalog.Resolve(form.Kind, versionId);

    public byte[] Render(ILegalForm form, string? versionId = null)
    {
        using var output = new MemoryStream();
        Render(form, output, versionId);
        return output.ToArray();
    }

    /// <summary>Writes the PDF to <paramref name="output"/>, which is left open.</summary>
    public void Render(ILegalForm form, Stream output, string? versionId = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(output);
        var version = TemplateFor(form, versionId);
        var landscape = form is RegisterBook;
        using var document = new FormDocument(
            version,
            form.Kind,
            landscape ? PageGeometry.Landscape : PageGeometry.Portrait,
            landscape ? FormFonts.Landscape() : FormFonts.Portrait());
        switch (form)
        {
            case ReceiptSlip slip:
                ReceiptSlipRenderer.Render(document, slip);
                break;
            case SupplementRequest request:
                LetterRenderers.Render(document, request);
                break;
            case RefusalNotice notice:
                LetterRenderers.Render(document, notice);
                break;
            case ApologyLetter letter:
                LetterRenderers.Render(document, letter);
                break;
            case StopNotice notice:
                LetterRenderers.Render(document, notice);
                break;
            case ProcessControlSheet sheet:
                TableFormRenderers.Render(document, sheet);
                break;
            case RegisterBook book:
                TableFormRenderers.Render(document, book);
                break;
            default:
                throw new ArgumentException($"No renderer for {form.GetType().Name}: use the form records of {typeof(ILegalForm).Namespace}.", nameof(form));
        }

        document.Save(output);
    }
}
