namespace DossierWorkflow.Dossiers.Forms.Templates;

/// <summary>One form as a circular defines it: its number in the appendix ("Mẫu số 01") and its title.</summary>
public sealed record FormTemplate(FormKind Kind, string Number, string Title);
