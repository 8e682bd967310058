using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Reflection;
using DossierWorkflow.Definitions.Fees;
using DossierWorkflow.Definitions.Metadata;

namespace DossierWorkflow.Definitions.Catalogue;

/// <summary>
/// The standard procedure catalogue: every procedure folder embedded in this assembly, loaded and checked once,
/// immutable afterwards (safe to share as a singleton). Metadata is dated, so queries take the day they concern.
/// </summary>
public sealed class ProcedureCatalogue
{
    internal const string ResourcePrefix = "Procedures/";

    private readonly FrozenDictionary<string, Procedure> _byCode;
    private readonly FrozenDictionary<string, Procedure> _byKey;

    internal ProcedureCatalogue(IEnumerable<Procedure> procedures)
    {
        Procedures = [.. procedures.OrderBy(p => p.Code, StringComparer.Ordinal)];
        var duplicateCode = Procedures.GroupBy(p => p.Code).FirstOrDefault(g => g.Count() > 1);
        if (duplicateCode is not null)
        {
            throw new InvalidOperationException($"Procedure code {duplicateCode.Key} is used by more than one folder.");
        }

        var duplicateKey = Procedures.GroupBy(p => p.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicateKey is not null)
        {
            throw new InvalidOperationException($"Procedure key {duplicateKey.Key} is used by more than one folder.");
        }

        _byCode = Procedures.ToFrozenDictionary(p => p.Code, StringComparer.Ordinal);
        _byKey = Procedures.ToFrozenDictionary(p => p.Key, StringComparer.Ordinal);
    }

    /// <summary>All procedures, ordered by code.</summary>
    public ImmutableArray<Procedure> Procedures { get; }

    /// <summary>Loads the catalogue shipped in this assembly; throws <see cref="ProcedureMetadataException"/> on bad data.</summary>
    public static ProcedureCatalogue LoadEmbedded()
    {
        var assembly = typeof(ProcedureCatalogue).Assembly;
        var names = assembly.GetManifestResourceNames().Select(name => name.Replace('\\', '/')).ToList();
        return new ProcedureCatalogue(EmbeddedFolders(assembly).Select(folder => LoadFolder(
            folder,
            ReadResource(assembly, $"{ResourcePrefix}{folder}/procedure.json"),
            ReadResource(assembly, $"{ResourcePrefix}{folder}/workflow.bpmn"),
            [.. names.Where(n => n.StartsWith($"{ResourcePrefix}{folder}/called/", StringComparison.Ordinal) && n.EndsWith(".bpmn", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(n => ReadResource(assembly, n))])));
    }

    /// <summary>Builds a procedure from the files of its folder (also used by tests with hand-made data).</summary>
    internal static Procedure LoadFolder(string folder, string procedureJson, string workflowBpmn, ImmutableArray<string> calledWorkflows = default)
    {
        var file = ProcedureMetadataReader.Read($"{ResourcePrefix}{folder}/procedure.json", procedureJson, folder);
        return new Procedure(file.Code, file.Key, file.Versions, workflowBpmn, calledWorkflows);
    }

    internal static IEnumerable<string> EmbeddedFolders(Assembly assembly) =>
        assembly.GetManifestResourceNames()
            .Select(name => name.Replace('\\', '/'))
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith("/procedure.json", StringComparison.Ordinal))
            .Select(name => name[ResourcePrefix.Length..^"/procedure.json".Length])
            .Order(StringComparer.Ordinal);

    internal static string ReadResource(Assembly assembly, string name)
    {
        var stream = assembly.GetManifestResourceStream(name)
            ?? assembly.GetManifestResourceStream(name.Replace('/', '\\'))
            ?? throw new InvalidOperationException($"The catalogue resource '{name}' is missing: every procedure folder needs procedure.json and workflow.bpmn.");
        using (stream)
        using (var reader = new StreamReader(stream))
        {
            return reader.ReadToEnd();
        }
    }

    public Procedure? FindByCode(string code) => _byCode.GetValueOrDefault(code.Trim());

    public Procedure? FindByKey(string key) => _byKey.GetValueOrDefault(key.Trim());

    /// <summary>Keyword search in force on <paramref name="on"/>; see <see cref="Search(ProcedureQuery)"/>.</summary>
    public IReadOnlyList<ProcedureMatch> Search(string keywords, DateOnly on) => Search(new ProcedureQuery { Keywords = keywords, On = on });

    /// <summary>
    /// Procedures whose version in force on <see cref="ProcedureQuery.On"/> meets every criterion. With keywords, every
    /// word must occur (as a word) in the procedure's text; matches in the name rank before matches in other fields,
    /// which rank before matches only in notes and documents; within a rank, the words as a phrase and shorter names come first.
    /// </summary>
    public IReadOnlyList<ProcedureMatch> Search(ProcedureQuery query)
    {
        var words = SearchText.Words(query.Keywords).Distinct().ToArray();
        var sector = SearchText.Words(query.Sector);
        var matches = new List<ProcedureMatch>();
        foreach (var procedure in Procedures)
        {
            var version = procedure.VersionOn(query.On);
            if (version is null
                || (query.OnlineLevel is { } level && version.OnlineLevel != level)
                || (query.ImplementingLevel is { } unit && version.ImplementingLevel != unit)
                || (sector.Length > 0 && !SearchText.Words(version.Sector).SequenceEqual(sector)))
            {
                continue;
            }

            var score = words.Length == 0 ? 0 : KeywordScore(procedure, version, words);
            if (score >= 0)
            {
                matches.Add(new ProcedureMatch(procedure, version, score));
            }
        }

        return [.. matches
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.Version.NameVi.Length)
            .ThenBy(m => m.Procedure.Code, StringComparer.Ordinal)];
    }

    /// <summary>The fee for a dossier received on <paramref name="date"/>, from the version then in force.</summary>
    /// <param name="copies">Copies, documents or signature cases the fee counts (at least 1).</param>
    /// <param name="pages">Pages per copy, for page-based fees (at least 1).</param>
    /// <param name="exemptions">Exemption codes that apply to the applicant (<see cref="FeeExemptionCodes"/>); codes the procedure does not know are ignored.</param>
    public FeeQuote ComputeFee(Procedure procedure, int copies, int pages, bool isOnline, IEnumerable<string> exemptions, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        return FeeCalculator.Compute(procedure.GetVersionOn(date), copies, pages, isOnline, exemptions);
    }

    private const int NameRank = 3000;
    internal const int FieldRank = 2000;
    private const int TextRank = 1000;
    private const int PhraseBonus = 500;

    /// <summary>-1 when some word is missing everywhere; otherwise the rank of the best field set holding every word.</summary>
    private static int KeywordScore(Procedure procedure, ProcedureVersion version, string[] words)
    {
        string[] nameVi = SearchText.Words(version.NameVi);
        string[] nameEn = SearchText.Words(version.NameEn);
        if (ContainsAll(nameVi, words) || ContainsAll(nameEn, words))
        {
            return NameRank + (ContainsPhrase(nameVi, words) || ContainsPhrase(nameEn, words) ? PhraseBonus : 0);
        }

        var fields = nameVi.Concat(nameEn)
            .Concat(SearchText.Words(procedure.Code))
            .Concat(SearchText.Words(procedure.Key))
            .Concat(SearchText.Words(version.Sector))
            .Concat(SearchText.Words(version.ResultVi))
            .Concat(SearchText.Words(version.ResultEn))
            .ToArray();
        if (ContainsAll(fields, words))
        {
            return FieldRank;
        }

        var text = fields
            .Concat(SearchText.Words(version.Notes))
            .Concat(version.Documents.SelectMany(d => SearchText.Words(d.NameVi).Concat(SearchText.Words(d.NameEn))))
            .Concat(version.LegalBasis.SelectMany(l => SearchText.Words(l.Title).Concat(SearchText.Words(l.Number))))
            .ToArray();
        return ContainsAll(text, words) ? TextRank : -1;
    }

    private static bool ContainsAll(string[] haystack, string[] words) => words.All(haystack.Contains);

    private static bool ContainsPhrase(string[] haystack, string[] words)
    {
        for (var start = 0; start + words.Length <= haystack.Length; start++)
        {
            if (haystack.AsSpan(start, words.Length).SequenceEqual(words))
            {
                return true;
            }
        }

        return false;
    }
}
