using System.Globalization;
using System.Resources;

namespace DossierWorkflow.Engine.Definitions;

/// <summary>
/// User-facing text from a resource file (English default, Vietnamese in <c>.vi.resx</c>), chosen by
/// <see cref="CultureInfo.CurrentUICulture"/>. Keys are the stable problem codes.
/// </summary>
internal sealed class LocalizedText(string baseName)
{
    private readonly ResourceManager _resources = new(baseName, typeof(LocalizedText).Assembly);

    public string Format(string key, params object?[] args)
    {
        var template = _resources.GetString(key, CultureInfo.CurrentUICulture)
            ?? throw new InvalidOperationException($"The message '{key}' is missing from {baseName}.");
        return string.Format(CultureInfo.CurrentUICulture, template, args);
    }

    /// <summary>Every key of the resource set for <paramref name="culture"/> alone (no fallback), for completeness tests.</summary>
    public IReadOnlySet<string> Keys(CultureInfo culture)
    {
        var set = _resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        return set is null ? new HashSet<string>() : set.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();
    }
}
