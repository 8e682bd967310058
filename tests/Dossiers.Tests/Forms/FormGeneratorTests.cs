using DossierWorkflow.Testing;
using DossierWorkflow.Dossiers.Forms;

namespace DossierWorkflow.Dossiers.Tests.Forms;

public sealed class FormGeneratorTests
{
    [Fact]
    public void Forms_rendered_on_many_threads_at_once_read_the_same()
    {
        Poppler.Require();
        ILegalForm[] forms = [FormSamples.ReceiptSlip(), FormSamples.RegisterBook(30), FormSamples.ApologyLetter()];
        var expected = forms.Select(f => Poppler.Text(FormRendering.Generator.Render(f))).ToArray();

        var rendered = new byte[24][];
        Parallel.For(0, rendered.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => rendered[i] = new LegalFormPdfGenerator().Render(forms[i % forms.Length]));

        for (var i = 0; i < rendered.Length; i++)
        {
            Assert.Equal(expected[i % forms.Length], Poppler.Text(rendered[i]));
        }
    }

    [Fact]
    public void The_fonts_are_embedded_in_the_library()
    {
        var resources = typeof(LegalFormPdfGenerator).Assembly.GetManifestResourceNames();

        Assert.Contains("DossierWorkflow.Dossiers.Forms.Fonts.NotoSerif-Regular.ttf", resources);
        Assert.Contains("DossierWorkflow.Dossiers.Forms.Fonts.NotoSerif-Bold.ttf", resources);
        Assert.Contains("DossierWorkflow.Dossiers.Forms.Fonts.NotoSerif-Italic.ttf", resources);
    }

    [Fact]
    public void A_pdf_starts_with_the_pdf_header_and_embeds_a_font_subset()
    {
        var pdf = FormRendering.Generator.Render(FormSamples.SupplementRequest());

        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        Assert.True(pdf.Length < 200_000, $"A one-page form should stay small (font subsets), got {pdf.Length} bytes.");
    }
}
