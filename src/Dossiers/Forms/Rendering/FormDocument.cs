using System.Text;
using DossierWorkflow.Dossiers.Forms.Fonts;
using DossierWorkflow.Dossiers.Forms.Layout;
using DossierWorkflow.Dossiers.Forms.Templates;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace DossierWorkflow.Dossiers.Forms.Rendering;

/// <summary>A signature column: the role in bold, the hint in italics, room to sign, then the name.</summary>
internal sealed record SignatureBlock(string Title, string Hint, string? Name);

/// <summary>
/// One form being drawn: the layout parts every form shares (agency and motto blocks, title, labelled
/// lines, numbered items, signature blocks, QR code) over a <see cref="PageFlow"/>, worded by a template version.
/// </summary>
internal sealed class FormDocument : IDisposable
{
    private const string Motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    private const string MottoSubtitle = "Độc lập - Tự do - Hạnh phúc";
    private const double SignatureSpace = 52;

    private readonly PdfDocument _document;
    private readonly List<IDisposable> _resources = [];

    public FormDocument(FormTemplateVersion version, FormKind kind, PageGeometry geometry, FormFonts fonts)
    {
        PdfSharpSetup.EnsureApplied();
        Version = version;
        Template = version.Form(kind);
        _document = new PdfDocument();
        // Font subsets and content streams are small; the fastest deflate level costs a few kB, saves milliseconds.
        _document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;
        _document.Info.Title = TextLayout.Nfc(Template.Title);
        _document.Info.Subject = TextLayout.Nfc($"{Template.Number} - {version.LegalBasis}");
        _document.Info.Creator = "DossierWorkflow";
        Flow = new PageFlow(_document, geometry, fonts);
    }

    public FormTemplateVersion Version { get; }

    public FormTemplate Template { get; }

    public PageFlow Flow { get; }

    public FormFonts Fonts => Flow.Fonts;

    /// <summary>The version's wording for <paramref name="key"/> with its "{name}" placeholders filled.</summary>
    public string Text(FormText key, params ReadOnlySpan<(string Name, string Value)> values)
    {
        var text = Version.Text(key);
        if (values.IsEmpty)
        {
            return text;
        }

        var builder = new StringBuilder(text);
        foreach (var (name, value) in values)
        {
            builder.Replace("{" + name + "}", value);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Form number at the top right; the agency block (parent agency, agency in bold, short rule) beside the
    /// national motto (motto subtitle underlined); then "Số: …" under the agency and the date line under the motto.
    /// </summary>
    public void Header(AgencyHeader agency, string? number, DateOnly? date)
    {
        var flow = Flow;
        var text = flow.Text;
        flow.Paragraph([new Run(Template.Number, Fonts.HeaderBold)], TextAlign.Right, spaceAfter: 4);

        var leftWidth = flow.Width * 0.48;
        var rightWidth = flow.Width - leftWidth;
        var rightX = flow.Left + leftWidth;
        var top = flow.Y;

        var y = top;
        if (!string.IsNullOrWhiteSpace(agency.ParentAgency))
        {
            y = DrawCentered(agency.ParentAgency, Fonts.Header, flow.Left, leftWidth, y);
        }

        var agencyBlock = text.Wrap([new Run(agency.AgencyName, Fonts.HeaderBold)], leftWidth, TextAlign.Center);
        flow.DrawBlock(agencyBlock, flow.Left, y);
        y += agencyBlock.Height + 5;
        var rule = agencyBlock.Lines.Max(l => l.Width) / 3;
        flow.HorizontalLine(flow.Left + ((leftWidth - rule) / 2), flow.Left + ((leftWidth + rule) / 2), y);
        var leftBottom = y + 2;

        var right = DrawCentered(Motto, Fonts.Motto, rightX, rightWidth, top);
        var subtitle = text.Wrap([new Run(MottoSubtitle, Fonts.BodyBold)], rightWidth, TextAlign.Center);
        flow.DrawBlock(subtitle, rightX, right);
        right += subtitle.Height + 3;
        var underline = subtitle.Lines[0].Width;
        flow.HorizontalLine(rightX + ((rightWidth - underline) / 2), rightX + ((rightWidth + underline) / 2), right);
        var rightBottom = right + 2;

        y = Math.Max(leftBottom, rightBottom) + 2;
        var numberBottom = y;
        if (number is not null)
        {
            numberBottom = DrawCentered($"{Text(FormText.DocumentNumber)} {number}", Fonts.Header, flow.Left, leftWidth, y);
        }

        var dateBottom = y;
        if (date is { } day)
        {
            dateBottom = DrawCentered(VietnameseDates.DateLine(agency.Place, day), Fonts.BodyItalic, rightX, rightWidth, y);
        }

        flow.Y = Math.Max(numberBottom, dateBottom);
        flow.Gap(10);
    }

    public void Title(string? subtitle = null)
    {
        Flow.Paragraph([new Run(Template.Title, Fonts.Title)], TextAlign.Center, spaceAfter: 2);
        if (subtitle is not null)
        {
            Flow.Paragraph([new Run(subtitle, Fonts.BodyBold)], TextAlign.Center, spaceAfter: 2);
        }

        Flow.Gap(6);
    }

    /// <summary>"Label value" as one justified paragraph; the value wraps under the label when long.</summary>
    public void Field(FormText label, string? value, bool emphasise = false) =>
        Flow.Paragraph(
            [new Run(Text(label) + " ", Fonts.Body), new Run(value ?? string.Empty, emphasise ? Fonts.BodyBold : Fonts.Body)],
            TextAlign.Justify);

    /// <summary>A sentence of the template, placeholders filled.</summary>
    public void Sentence(FormText key, params ReadOnlySpan<(string Name, string Value)> values) =>
        Flow.Paragraph([new Run(Text(key, values), Fonts.Body)], TextAlign.Justify);

    /// <summary>A paragraph of a letter: justified, first line indented (1 cm) as in official documents.</summary>
    public void Prose(FormText key, params ReadOnlySpan<(string Name, string Value)> values) =>
        Flow.Paragraph([new Run(Text(key, values), Fonts.Body)], TextAlign.Justify, firstLineIndent: PageGeometry.Mm(10));

    /// <summary>"Label value" as a paragraph of a letter (first line indented).</summary>
    public void ProseField(FormText label, string value) =>
        Flow.Paragraph([new Run(Text(label) + " " + value, Fonts.Body)], TextAlign.Justify, firstLineIndent: PageGeometry.Mm(10));

    /// <summary>"1. text" with later lines aligned under the text, not under the number.</summary>
    public void Numbered(int number, string text, double indent = 14)
    {
        var prefix = $"{number}. ";
        var hanging = Flow.Text.Measure(prefix, Fonts.Body);
        Flow.Paragraph([new Run(prefix + text, Fonts.Body)], TextAlign.Justify, indent, hanging);
    }

    public void Indented(string text, double indent, XFont? font = null) =>
        Flow.Paragraph([new Run(text, font ?? Fonts.Body)], TextAlign.Justify, indent);

    /// <summary>Signature columns side by side, kept together on one page; a single block takes the right half.</summary>
    public void Signatures(params SignatureBlock[] blocks) => Closing(null, blocks);

    /// <summary>The "Nơi nhận" list at the left and the signer at the right, as letters end.</summary>
    public void SignaturesWithRecipients(SignatureBlock signer) => Closing(Text(FormText.Recipients), [signer]);

    private void Closing(string? recipients, SignatureBlock[] blocks)
    {
        var flow = Flow;
        var columns = blocks.Length == 1 ? 2 : blocks.Length;
        var width = flow.Width / columns;
        var laidOut = blocks.Select(b => (
            Title: flow.Text.Wrap([new Run(b.Title, Fonts.BodyBold)], width, TextAlign.Center),
            Hint: flow.Text.Wrap([new Run(b.Hint, Fonts.BodyItalic)], width, TextAlign.Center),
            Name: flow.Text.Wrap([new Run(b.Name ?? string.Empty, Fonts.BodyBold)], width, TextAlign.Center))).ToList();
        var recipientBlock = recipients is null
            ? null
            : RecipientBlock(recipients, width);
        var height = Math.Max(
            laidOut.Max(b => b.Title.Height + b.Hint.Height + SignatureSpace + b.Name.Height),
            recipientBlock?.Height ?? 0);

        flow.Gap(8);
        flow.Reserve(height);
        var top = flow.Y;
        if (recipientBlock is not null)
        {
            flow.DrawBlock(recipientBlock, flow.Left, top + 4);
        }

        for (var i = 0; i < laidOut.Count; i++)
        {
            var x = flow.Left + (width * (blocks.Length == 1 ? 1 : i));
            var (title, hint, name) = laidOut[i];
            flow.DrawBlock(title, x, top);
            flow.DrawBlock(hint, x, top + title.Height);
            flow.DrawBlock(name, x, top + title.Height + hint.Height + SignatureSpace);
        }

        flow.Y = top + height;
    }

    /// <summary>Draws a QR code (24-bit BMP from QRCoder, no interpolation: crisp modules) with its top-left at (x, y).</summary>
    public void QrCode(string content, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(content, QRCodeGenerator.ECCLevel.M);
        var bitmap = new BitmapByteQRCode(data).GetGraphic(4);
        var stream = new MemoryStream(bitmap, writable: false);
        var image = XImage.FromStream(stream);
        image.Interpolate = false;
        _resources.Add(image);
        _resources.Add(stream);
        Flow.Graphics.DrawImage(image, x, y, size, size);
    }

    public void Save(Stream output)
    {
        Flow.NumberPages();
        _document.Save(output, closeStream: false);
    }

    public void Dispose()
    {
        Flow.Dispose();
        _document.Dispose();
        foreach (var resource in _resources)
        {
            resource.Dispose();
        }
    }

    private TextBlock RecipientBlock(string recipients, double width)
    {
        var heading = recipients.IndexOf('\n', StringComparison.Ordinal);
        return heading < 0
            ? Flow.Text.Wrap([new Run(recipients, Fonts.TableBold)], width)
            : Flow.Text.Wrap([new Run(recipients[..(heading + 1)], Fonts.TableBold), new Run(recipients[(heading + 1)..], Fonts.Table)], width);
    }

    private double DrawCentered(string text, XFont font, double x, double width, double y)
    {
        var block = Flow.Text.Wrap([new Run(text, font)], width, TextAlign.Center);
        Flow.DrawBlock(block, x, y);
        return y + block.Height;
    }
}
