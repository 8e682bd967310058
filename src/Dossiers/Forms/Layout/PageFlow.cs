using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace DossierWorkflow.Dossiers.Forms.Layout;

/// <summary>Paper and margins, in points. Official documents (Decree 30/2020): A4, left margin for binding.</summary>
internal sealed record PageGeometry(PageOrientation Orientation, double Top, double Bottom, double Left, double Right)
{
    private const double PointsPerMillimetre = 72 / 25.4;

    public static PageGeometry Portrait { get; } = new(PageOrientation.Portrait, Mm(20), Mm(20), Mm(30), Mm(15));

    public static PageGeometry Landscape { get; } = new(PageOrientation.Landscape, Mm(20), Mm(20), Mm(20), Mm(20));

    public double PageWidth => Orientation == PageOrientation.Portrait ? A4Short : A4Long;

    public double PageHeight => Orientation == PageOrientation.Portrait ? A4Long : A4Short;

    /// <summary>Everything is drawn inside this box, page numbers included.</summary>
    public XRect ContentBox => new(Left, Top, PageWidth - Left - Right, PageHeight - Top - Bottom);

    private static double A4Short => Mm(210);

    private static double A4Long => Mm(297);

    public static double Mm(double millimetres) => millimetres * PointsPerMillimetre;
}

/// <summary>
/// Flows blocks down the content box of A4 pages, opening a page when the next block does not fit.
/// The last band of the content box is kept for the page number ("Trang 2/5"), added once the page count
/// is known and only when the document has more than one page.
/// </summary>
internal sealed class PageFlow : IDisposable
{
    private readonly List<PdfPage> _pages = [];
    private readonly PageGeometry _geometry;
    private readonly XGraphics _measure;
    private XGraphics? _graphics;

    public PageFlow(PdfDocument document, PageGeometry geometry, FormFonts fonts)
    {
        Document = document;
        _geometry = geometry;
        Fonts = fonts;
        var box = geometry.ContentBox;
        // The band also absorbs the glyph overhang of the last body line.
        FooterHeight = TextLayout.Ascent(fonts.Small) + TextLayout.Descent(fonts.Small) + 4;
        Left = box.Left;
        Width = box.Width;
        Top = box.Top;
        Bottom = box.Bottom - FooterHeight;
        _measure = XGraphics.CreateMeasureContext(new XSize(geometry.PageWidth, geometry.PageHeight), XGraphicsUnit.Point, XPageDirection.Downwards, new PdfSharp.Events.RenderEvents());
        Text = new TextLayout(_measure);
        NewPage();
    }

    public PdfDocument Document { get; }

    public FormFonts Fonts { get; }

    /// <summary>Measures and wraps text; independent of the page being drawn.</summary>
    public TextLayout Text { get; }

    public XGraphics Graphics => _graphics ?? throw new ObjectDisposedException(nameof(PageFlow));

    public double Left { get; }

    public double Width { get; }

    public double Right => Left + Width;

    public double Top { get; }

    /// <summary>Lowest y a block may reach (above the page-number band).</summary>
    public double Bottom { get; }

    public double FooterHeight { get; }

    public double Y { get; set; }

    public int PageCount => _pages.Count;

    public double Remaining => Bottom - Y;

    public void NewPage()
    {
        _graphics?.Dispose();
        var page = Document.AddPage();
        page.Size = PageSize.A4;
        page.Orientation = _geometry.Orientation;
        _pages.Add(page);
        _graphics = XGraphics.FromPdfPage(page);
        Y = Top;
    }

    /// <summary>Makes room for a block of the given height, breaking the page when it would not fit.</summary>
    public void Reserve(double height)
    {
        if (Y + height > Bottom && Y > Top)
        {
            NewPage();
        }
    }

    public void Gap(double height) => Y = Math.Min(Y + height, Bottom);

    /// <summary>Wraps and draws a paragraph at the cursor, breaking between lines when it reaches the bottom.</summary>
    /// <param name="rightInset">Room kept free at the right (beside an image).</param>
    public void Paragraph(IReadOnlyList<Run> runs, TextAlign align = TextAlign.Left, double indent = 0, double hangingIndent = 0, double spaceAfter = 2, double rightInset = 0, double firstLineIndent = 0)
    {
        var block = Text.Wrap(runs, Width - indent - rightInset, align, hangingIndent, firstLineIndent);
        foreach (var line in block.Lines)
        {
            Reserve(line.Height);
            DrawLine(line, Left + indent, Y);
            Y += line.Height;
        }

        Gap(spaceAfter);
    }

    public void Paragraph(string text, XFont font, TextAlign align = TextAlign.Left, double indent = 0, double spaceAfter = 2) =>
        Paragraph([new Run(text, font)], align, indent, 0, spaceAfter);

    /// <summary>Draws a wrapped block with its top-left corner at (x, y), on the current page.</summary>
    public void DrawBlock(TextBlock block, double x, double y)
    {
        foreach (var line in block.Lines)
        {
            DrawLine(line, x, y);
            y += line.Height;
        }
    }

    /// <summary>Draws a line's words, joining neighbours of one face into one string to keep the content stream small.</summary>
    public void DrawLine(TextLine line, double x, double y)
    {
        var graphics = Graphics;
        var baseline = y + line.Ascent;
        var words = line.Words;
        var i = 0;
        while (i < words.Count)
        {
            var first = words[i];
            var text = first.Text;
            var end = first.X + Text.Measure(first.Text, first.Font);
            var j = i + 1;
            while (j < words.Count && words[j].Font == first.Font)
            {
                var space = Text.Measure(" ", first.Font);
                if (Math.Abs(words[j].X - (end + space)) > 0.01)
                {
                    break;
                }

                text += " " + words[j].Text;
                end = words[j].X + Text.Measure(words[j].Text, first.Font);
                j++;
            }

            graphics.DrawString(text, first.Font, XBrushes.Black, x + first.X, baseline, XStringFormats.BaseLineLeft);
            i = j;
        }
    }

    public void HorizontalLine(double x1, double x2, double y, double width = 0.6) =>
        Graphics.DrawLine(new XPen(XColors.Black, width), x1, y, x2, y);

    /// <summary>Adds "Trang i/n" centred in the page-number band of every page, when there is more than one.</summary>
    public void NumberPages()
    {
        _graphics?.Dispose();
        _graphics = null;
        if (_pages.Count < 2)
        {
            return;
        }

        for (var i = 0; i < _pages.Count; i++)
        {
            using var graphics = XGraphics.FromPdfPage(_pages[i], XGraphicsPdfPageOptions.Append);
            var label = $"Trang {i + 1}/{_pages.Count}";
            var width = graphics.MeasureString(label, Fonts.Small).Width;
            var baseline = Bottom + FooterHeight - TextLayout.Descent(Fonts.Small);
            graphics.DrawString(label, Fonts.Small, XBrushes.Black, Left + ((Width - width) / 2), baseline, XStringFormats.BaseLineLeft);
        }
    }

    public void Dispose()
    {
        _graphics?.Dispose();
        _measure.Dispose();
    }
}
