using DossierWorkflow.Dossiers.Forms.Templates;

namespace DossierWorkflow.Dossiers.Forms;

/// <summary>Input of one legal form; implemented by the form records of this namespace only.</summary>
public interface ILegalForm
{
    FormKind Kind { get; }

    /// <summary>The day that selects the template version: when the dossier was received (agency local time).</summary>
    DateTime TemplateDate { get; }
}
