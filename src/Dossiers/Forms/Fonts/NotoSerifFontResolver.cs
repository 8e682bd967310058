using System.Collections.Concurrent;
using System.Reflection;
using PdfSharp.Fonts;

namespace DossierWorkflow.Dossiers.Forms.Fonts;

/// <summary>
/// Serves Noto Serif (embedded in this assembly) for every family name: PDFsharp does no system font
/// lookup on Linux, and the legal forms need a serif face with full Vietnamese coverage.
/// </summary>
internal sealed class NotoSerifFontResolver : IFontResolver
{
    public const string FamilyName = "Noto Serif";

    private const string Regular = "NotoSerif-Regular";
    private const string Bold = "NotoSerif-Bold";
    private const string Italic = "NotoSerif-Italic";

    private static readonly ConcurrentDictionary<string, byte[]> Faces = new();

    public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) => (isBold, isItalic) switch
    {
        (true, true) => new FontResolverInfo(Bold, mustSimulateBold: false, mustSimulateItalic: true),
        (true, false) => new FontResolverInfo(Bold),
        (false, true) => new FontResolverInfo(Italic),
        _ => new FontResolverInfo(Regular),
    };

    public byte[] GetFont(string faceName) => Faces.GetOrAdd(faceName, Load);

    private static byte[] Load(string faceName)
    {
        var name = $"DossierWorkflow.Dossiers.Forms.Fonts.{faceName}.ttf";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException(
                $"The font resource '{name}' is missing from {Assembly.GetExecutingAssembly().GetName().Name}. "
                + "It is embedded from node_modules at build time: build the project with Node.js installed (npm ci runs first).");
        using var buffer = new MemoryStream((int)stream.Length);
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
