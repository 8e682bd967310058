using System.Text;
using DossierWorkflow.Engine.Definitions.Bpmn;
using DossierWorkflow.Engine.Definitions.Compilation;

namespace DossierWorkflow.Engine.Definitions;

/// <summary>
/// Definitions on disk, for the command line (<c>definitions validate &lt;file.bpmn&gt;</c>) and the catalogue
/// loader. File problems (missing, unreadable, too large, not UTF-8 text) are reported as problems, not thrown.
/// </summary>
public static class DefinitionFiles
{
    /// <summary>
    /// Every problem of the definition in <paramref name="path"/>; empty when it is valid. Handler names are only
    /// checked for presence, since the registered handlers are not known here.
    /// </summary>
    public static IReadOnlyList<DefinitionProblem> Validate(string path) => Compile(path, BpmnDefinitionCompiler.WithoutHandlerCheck()).Problems;

    /// <summary>Every problem of the definition in <paramref name="path"/>, also checking handlers against <paramref name="registeredHandlers"/>.</summary>
    public static IReadOnlyList<DefinitionProblem> Validate(string path, IEnumerable<string> registeredHandlers) =>
        Compile(path, new BpmnDefinitionCompiler(registeredHandlers)).Problems;

    /// <summary>Reads <paramref name="path"/> and compiles it with <paramref name="compiler"/>.</summary>
    public static DefinitionCompilation Compile(string path, IDefinitionCompiler compiler)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(compiler);
        var fileName = Path.GetFileName(path);
        string xml;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Failure(DefinitionProblemCodes.FileUnreadable, "missing", fileName);
            }

            // UTF-8 takes at least one byte per character, so a file over the limit in bytes may still fit; the
            // reader applies the exact limit. Anything four times larger is refused without reading it.
            if (info.Length > 4L * BpmnReader.MaxCharacters)
            {
                return Failure(DefinitionProblemCodes.FileTooLarge, null, info.Length, BpmnReader.MaxCharacters);
            }

            xml = File.ReadAllText(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException or ArgumentException or NotSupportedException)
        {
            return Failure(DefinitionProblemCodes.FileUnreadable, "error", fileName, e.Message);
        }

        return compiler.Compile(xml);
    }

    private static DefinitionCompilation Failure(string code, string? variant, params object?[] args) =>
        new(null, [DefinitionMessages.Problem(BpmnReader.FileElementId, code, variant, args)]);
}
