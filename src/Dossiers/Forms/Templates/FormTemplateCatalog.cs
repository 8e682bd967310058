namespace DossierWorkflow.Dossiers.Forms.Templates;

/// <summary>
/// The form template versions, ordered by effective date. <see cref="ForDate"/> picks the version in force on
/// a date (the day a dossier was received); <see cref="Resolve(FormKind, DateTime)"/> does the same for one form
/// and, for a form that did not exist yet on that date (the stop notice before 2025), takes the first
/// version that defines it.
/// </summary>
public sealed class FormTemplateCatalog
{
    private readonly FormTemplateVersion[] _versions;

    public FormTemplateCatalog(IEnumerable<FormTemplateVersion> versions)
    {
        _versions = [.. versions.OrderBy(v => v.EffectiveFrom)];
        if (_versions.Length == 0)
        {
            throw new ArgumentException("A form template catalog needs at least one version.", nameof(versions));
        }

        var duplicate = _versions.GroupBy(v => v.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Form template version id '{duplicate.Key}' appears more than once.", nameof(versions));
        }
    }

    /// <summary>Circular 01/2018/TT-VPCP and Circular 03/2025/TT-VPCP.</summary>
    public static FormTemplateCatalog Default { get; } = new([OfficialFormWording.Circular01Of2018, OfficialFormWording.Circular03Of2025]);

    public IReadOnlyList<FormTemplateVersion> Versions => _versions;

    /// <summary>The version in force on the day of <paramref name="receivedAt"/> (agency local time).</summary>
    public FormTemplateVersion ForDate(DateTime receivedAt)
    {
        var day = DateOnly.FromDateTime(receivedAt);
        var inForce = _versions.LastOrDefault(v => v.EffectiveFrom <= day);
        return inForce ?? throw new InvalidOperationException(
            $"No form template version is in force on {day:yyyy-MM-dd}: the earliest, {_versions[0].LegalBasis}, applies from {_versions[0].EffectiveFrom:yyyy-MM-dd}.");
    }

    public FormTemplateVersion Get(string id) =>
        _versions.FirstOrDefault(v => v.Id == id)
        ?? throw new ArgumentException($"Unknown form template version '{id}'. Known: {string.Join(", ", _versions.Select(v => v.Id))}.", nameof(id));

    public FormTemplateVersion Resolve(FormKind kind, DateTime receivedAt) => FirstDefining(kind, ForDate(receivedAt));

    public FormTemplateVersion Resolve(FormKind kind, string versionId) => FirstDefining(kind, Get(versionId));

    private FormTemplateVersion FirstDefining(FormKind kind, FormTemplateVersion start) =>
        _versions.SkipWhile(v => v != start).FirstOrDefault(v => v.Defines(kind))
        ?? throw new InvalidOperationException($"No form template version from {start.Id} on defines a form for {kind}.");
}
