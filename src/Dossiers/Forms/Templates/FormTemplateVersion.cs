using System.Collections.Frozen;

namespace DossierWorkflow.Dossiers.Forms.Templates;

/// <summary>
/// The form set of one circular, in force from <see cref="EffectiveFrom"/> until the next version's date:
/// numbers, titles and the wording around the filled-in values. A dossier prints with the version in force
/// when it was received (store <see cref="Id"/> with the dossier to pin it).
/// </summary>
public sealed class FormTemplateVersion
{
    private readonly FrozenDictionary<FormKind, FormTemplate> _forms;
    private readonly FrozenDictionary<FormText, string> _texts;

    public FormTemplateVersion(
        string id,
        DateOnly effectiveFrom,
        string legalBasis,
        IEnumerable<FormTemplate> forms,
        IReadOnlyDictionary<FormText, string> texts)
    {
        Id = id;
        EffectiveFrom = effectiveFrom;
        LegalBasis = legalBasis;
        _forms = forms.ToFrozenDictionary(f => f.Kind);
        _texts = texts.ToFrozenDictionary();
        var missing = Enum.GetValues<FormText>().Where(t => !_texts.ContainsKey(t)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"Form template version '{id}' lacks the wording for: {string.Join(", ", missing)}.", nameof(texts));
        }
    }

    /// <summary>Stable identifier kept with each dossier, e.g. "TT03-2025-VPCP".</summary>
    public string Id { get; }

    public DateOnly EffectiveFrom { get; }

    /// <summary>The legal text that defines the forms, e.g. "Thông tư số 03/2025/TT-VPCP".</summary>
    public string LegalBasis { get; }

    public IReadOnlyCollection<FormTemplate> Forms => _forms.Values;

    public bool Defines(FormKind kind) => _forms.ContainsKey(kind);

    public FormTemplate Form(FormKind kind) => _forms.TryGetValue(kind, out var form)
        ? form
        : throw new InvalidOperationException($"{LegalBasis} ({Id}) defines no form for {kind}.");

    /// <summary>The wording for <paramref name="key"/>; "{name}" placeholders are filled by the renderer.</summary>
    public string Text(FormText key) => _texts[key];
}
