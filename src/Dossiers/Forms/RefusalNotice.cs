using DossierWorkflow.Dossiers.Forms.Templates;

namespace DossierWorkflow.Dossiers.Forms;

/// <summary>Form 03: refusal to receive and process a dossier, with the specific reasons.</summary>
/// <param name="DossierCode">The dossier code when one was issued (online or postal submissions); otherwise null.</param>
/// <param name="SubmittedAt">When the dossier was submitted; selects the template version.</param>
public sealed record RefusalNotice(
    AgencyHeader Agency,
    string Number,
    DateOnly IssuedOn,
    string? DossierCode,
    DateTime SubmittedAt,
    string ReceivingUnit,
    Applicant Applicant,
    string Request,
    IReadOnlyList<string> Reasons,
    string ReceivingOfficer) : ILegalForm
{
    FormKind ILegalForm.Kind => FormKind.RefusalNotice;

    DateTime ILegalForm.TemplateDate => SubmittedAt;
}
