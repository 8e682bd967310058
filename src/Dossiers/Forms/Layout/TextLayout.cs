using System.Text;
using PdfSharp.Drawing;

namespace DossierWorkflow.Dossiers.Forms.Layout;

internal enum TextAlign
{
    Left,
    Center,
    Right,
    Justify,
}

/// <summary>A piece of text in one face; a paragraph is a sequence of runs.</summary>
internal readonly record struct Run(string Text, XFont Font);

/// <summary>A word placed on a line, relative to the paragraph's left edge.</summary>
internal readonly record struct PlacedWord(string Text, XFont Font, double X);

internal sealed record TextLine(IReadOnlyList<PlacedWord> Words, double Width, double Height, double Ascent);

/// <summary>Paragraph lines wrapped to a width; <see cref="Height"/> is the sum of the line heights.</summary>
internal sealed record TextBlock(IReadOnlyList<TextLine> Lines, double Width)
{
    public double Height { get; } = Lines.Sum(l => l.Height);
}

/// <summary>
/// Greedy word wrapping on top of <see cref="XGraphics.MeasureString(string, XFont)"/> (PDFsharp's
/// <c>XTextFormatter</c> only lays out top-left). Words keep their face, so a label and its value can
/// share a line; a word wider than the line is broken between characters so nothing overflows.
/// Every string is NFC-normalised here: decomposed Vietnamese renders with detached marks.
/// </summary>
internal sealed class TextLayout(XGraphics graphics)
{
    private readonly Dictionary<(XFont, string), double> _widths = [];

    public static string Nfc(string text) =>
        text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);

    public double Measure(string text, XFont font)
    {
        if (_widths.TryGetValue((font, text), out var width))
        {
            return width;
        }

        width = graphics.MeasureString(text, font).Width;
        _widths[(font, text)] = width;
        return width;
    }

    /// <summary>
    /// Single spacing as official documents use it (1.25 em): Noto Serif's own line spacing (1.36 em) would push
    /// a one-page form onto two. The glyph box (ascent + descent) is then about 0.11 em taller than the line:
    /// table cells absorb it in their padding, page bodies in the page-number band.
    /// </summary>
    public static double LineHeight(XFont font) => font.Size * 1.25;

    public static double Ascent(XFont font) => font.Size * font.Metrics.Ascent / font.Metrics.UnitsPerEm;

    public static double Descent(XFont font) => font.Size * Math.Abs(font.Metrics.Descent) / font.Metrics.UnitsPerEm;


    /// <param name="hangingIndent">Left offset of every line after the first (numbered items).</param>
    /// <param name="firstLineIndent">Left offset of the first line (paragraphs of letters).</param>
    public TextBlock Wrap(IReadOnlyList<Run> runs, double width, TextAlign align = TextAlign.Left, double hangingIndent = 0, double firstLineIndent = 0)
    {
        var lines = new List<TextLine>();
        var words = new List<PlacedWord>();
        var gaps = new List<bool>();
        var x = firstLineIndent;
        var lineLeft = firstLineIndent;
        XFont? lineFont = null;
        var pendingGap = false;

        void EndLine(bool last)
        {
            var font = lineFont ?? runs.FirstOrDefault().Font;
            if (font is null)
            {
                return;
            }

            var placed = Align(words, gaps, x, width, last ? (align == TextAlign.Justify ? TextAlign.Left : align) : align);
            lines.Add(new TextLine(placed, x - lineLeft, LineHeight(font), Ascent(font)));
            words.Clear();
            gaps.Clear();
            lineLeft = hangingIndent;
            x = lineLeft;
            pendingGap = false;
        }

        foreach (var run in runs)
        {
            var text = Nfc(run.Text);
            var segments = text.Split('\n');
            for (var s = 0; s < segments.Length; s++)
            {
                if (s > 0)
                {
                    EndLine(last: true);
                }

                var segment = segments[s];
                var i = 0;
                while (i < segment.Length)
                {
                    if (char.IsWhiteSpace(segment[i]))
                    {
                        pendingGap = words.Count > 0;
                        i++;
                        continue;
                    }

                    var end = i;
                    while (end < segment.Length && !char.IsWhiteSpace(segment[end]))
                    {
                        end++;
                    }

                    var word = segment[i..end];
                    i = end;
                    lineFont ??= run.Font;
                    PlaceWord(word, run.Font);
                }
            }
        }

        if (words.Count > 0 || lines.Count == 0)
        {
            EndLine(last: true);
        }

        return new TextBlock(lines, width);

        void PlaceWord(string word, XFont font)
        {
            var space = pendingGap ? Measure(" ", font) : 0;
            var wordWidth = Measure(word, font);
            var fitsALine = wordWidth <= width - hangingIndent;
            if (words.Count > 0 && x + space + wordWidth > width && fitsALine)
            {
                EndLine(last: false);
                space = 0;
            }

            if (x + space + wordWidth > width)
            {
                // Longer than a whole line: break between characters, starting on the current line
                // (moving it down first would leave a justified line with huge gaps).
                if (words.Count > 0 && x + space + Measure(word[..1], font) > width)
                {
                    EndLine(last: false);
                    space = 0;
                }

                x += space;
                var first = true;
                var start = 0;
                while (start < word.Length)
                {
                    var take = word.Length - start;
                    while (take > 1 && x + Measure(word.Substring(start, take), font) > width)
                    {
                        take--;
                    }

                    var piece = word.Substring(start, take);
                    words.Add(new PlacedWord(piece, font, x));
                    gaps.Add(first && space > 0);
                    first = false;
                    x += Measure(piece, font);
                    start += take;
                    if (start < word.Length)
                    {
                        EndLine(last: false);
                    }
                }

                pendingGap = false;
                return;
            }

            x += space;
            words.Add(new PlacedWord(word, font, x));
            gaps.Add(space > 0);
            x += wordWidth;
            pendingGap = false;
        }
    }

    private static List<PlacedWord> Align(List<PlacedWord> words, List<bool> gaps, double right, double width, TextAlign align)
    {
        var slack = width - right;
        switch (align)
        {
            case TextAlign.Center:
                return [.. words.Select(w => w with { X = w.X + (slack / 2) })];
            case TextAlign.Right:
                return [.. words.Select(w => w with { X = w.X + slack })];
            case TextAlign.Justify:
                var gapCount = gaps.Count(g => g);
                if (gapCount == 0 || slack <= 0)
                {
                    return [.. words];
                }

                var extra = slack / gapCount;
                var shift = 0.0;
                var result = new List<PlacedWord>(words.Count);
                for (var i = 0; i < words.Count; i++)
                {
                    if (gaps[i])
                    {
                        shift += extra;
                    }

                    result.Add(words[i] with { X = words[i].X + shift });
                }

                return result;
            default:
                return [.. words];
        }
    }
}
