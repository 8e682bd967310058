using DossierWorkflow.Dossiers.Forms.Fonts;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace DossierWorkflow.Dossiers.Forms.Layout;

/// <summary>
/// The faces and sizes a form uses. Decree 30/2020 asks for 13-14 pt Times New Roman; Noto Serif is about a
/// tenth wider, so 12 pt keeps the same line length. Tables are smaller.
/// </summary>
internal sealed class FormFonts
{
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    private FormFonts(double bodySize, double tableSize)
    {
        PdfSharpSetup.EnsureApplied();
        Body = Create(bodySize, XFontStyleEx.Regular);
        BodyBold = Create(bodySize, XFontStyleEx.Bold);
        BodyItalic = Create(bodySize, XFontStyleEx.Italic);
        Header = Create(bodySize - 1.5, XFontStyleEx.Regular);
        HeaderBold = Create(bodySize - 1.5, XFontStyleEx.Bold);
        Motto = Create(bodySize - 1, XFontStyleEx.Bold);
        Title = Create(bodySize + 1, XFontStyleEx.Bold);
        Table = Create(tableSize, XFontStyleEx.Regular);
        TableBold = Create(tableSize, XFontStyleEx.Bold);
        Small = Create(9, XFontStyleEx.Regular);
        SmallItalic = Create(9, XFontStyleEx.Italic);
    }

    private static readonly Lazy<FormFonts> PortraitFonts = new(() => new FormFonts(12, 10));
    private static readonly Lazy<FormFonts> LandscapeFonts = new(() => new FormFonts(12, 8.5));

    // XFont is immutable and document-independent (each PdfDocument makes its own font objects and subsets),
    // so one set per orientation serves every render; creating them costs about a millisecond each time.
    public static FormFonts Portrait() => PortraitFonts.Value;

    public static FormFonts Landscape() => LandscapeFonts.Value;

    public XFont Body { get; }
    public XFont BodyBold { get; }
    public XFont BodyItalic { get; }
    public XFont Header { get; }
    public XFont HeaderBold { get; }
    public XFont Motto { get; }
    public XFont Title { get; }
    public XFont Table { get; }
    public XFont TableBold { get; }
    public XFont Small { get; }
    public XFont SmallItalic { get; }

    private static XFont Create(double size, XFontStyleEx style) =>
        new(NotoSerifFontResolver.FamilyName, size, style, Unicode);
}
