namespace DossierWorkflow.Portal.Pages;

/// <summary>One labelled input of a form (<c>Shared/_Field.cshtml</c>): its problem comes from the page's model state under <see cref="Name"/>.</summary>
public sealed record FieldModel(string Name, string Label, string Type = "text", string? Value = null, string? Autocomplete = null, string? Hint = null)
{
    public bool Required { get; init; }

    public string? InputMode { get; init; }

    public int? MaxLength { get; init; }
}
