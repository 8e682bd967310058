using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace DossierWorkflow.Testing;

/// <summary>A word as pdftotext -bbox reports it, in points from the top-left corner of its page.</summary>
public sealed record PdfWord(int Page, string Text, double XMin, double YMin, double XMax, double YMax);

public sealed record PdfPageBox(double Width, double Height);

/// <summary>
/// Reads rendered PDFs back with poppler-utils (Debian package <c>poppler-utils</c>). Tests that need it call
/// <see cref="Require"/>: missing tools fail the test when REQUIRE_POPPLER=1 (CI), and skip it otherwise.
/// </summary>
public static class Poppler
{
    private static readonly Lazy<bool> Installed = new(() =>
    {
        try
        {
            return Run("pdftotext", ["-v"], allowFailure: true) is not null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    public static void Require()
    {
        if (Installed.Value)
        {
            return;
        }

        const string Message = "pdftotext (poppler-utils) is not installed: install it with `apt-get install -y poppler-utils` to check the rendered forms.";
        if (Environment.GetEnvironmentVariable("REQUIRE_POPPLER") == "1")
        {
            Assert.Fail(Message + " REQUIRE_POPPLER=1 makes this a failure.");
        }

        Assert.Skip(Message);
    }

    /// <summary>The text of the document, NFC-normalised, pages separated by form feeds.</summary>
    public static string Text(byte[] pdf, bool layout = false) =>
        WithFile(pdf, path => Run("pdftotext", [.. layout ? new[] { "-layout" } : [], "-enc", "UTF-8", path, "-"])!)
            .Normalize(NormalizationForm.FormC);

    public static int PageCount(byte[] pdf) => Text(pdf).Split('\f').Count(p => p.Trim().Length > 0);

    public static (IReadOnlyList<PdfPageBox> Pages, IReadOnlyList<PdfWord> Words) Words(byte[] pdf)
    {
        var xhtml = WithFile(pdf, path => Run("pdftotext", ["-bbox", "-enc", "UTF-8", path, "-"])!);
        var document = XDocument.Parse(xhtml);
        var pages = new List<PdfPageBox>();
        var words = new List<PdfWord>();
        foreach (var page in document.Descendants().Where(e => e.Name.LocalName == "page"))
        {
            pages.Add(new PdfPageBox(Number(page, "width"), Number(page, "height")));
            words.AddRange(page.Elements().Where(e => e.Name.LocalName == "word").Select(w => new PdfWord(
                pages.Count,
                w.Value.Normalize(NormalizationForm.FormC),
                Number(w, "xMin"),
                Number(w, "yMin"),
                Number(w, "xMax"),
                Number(w, "yMax"))));
        }

        return (pages, words);
    }

    /// <summary>The number of images pdfimages lists (its output has two header lines).</summary>
    public static int ImageCount(byte[] pdf) =>
        WithFile(pdf, path => Run("pdfimages", ["-list", path])!)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Skip(2)
            .Count();

    /// <summary>Renders the first page as PNG at 80 dpi and returns the image path (for looking at it).</summary>
    public static string FirstPagePng(byte[] pdf, string outputPrefix)
    {
        WithFile(pdf, path => Run("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", path, outputPrefix]));
        return outputPrefix + ".png";
    }

    /// <summary>Collapses runs of whitespace (line and page breaks included) to single spaces.</summary>
    public static string Flatten(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static double Number(XElement element, string attribute) =>
        double.Parse(element.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);

    private static T WithFile<T>(byte[] pdf, Func<string, T> action)
    {
        var path = Path.Combine(Path.GetTempPath(), $"form-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            return action(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string? Run(string tool, IEnumerable<string> arguments, bool allowFailure = false)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {errors.Result}");
        }

        return output;
    }
}
