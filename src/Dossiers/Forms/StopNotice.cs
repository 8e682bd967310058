using DossierWorkflow.Dossiers.Forms.Templates;

namespace DossierWorkflow.Dossiers.Forms;

/// <summary>Form 05: the agency stops processing a dossier at the applicant's request.</summary>
/// <param name="CitizenRequest">What the applicant asked, in their words (withdrawal and its reason).</param>
public sealed record StopNotice(
    AgencyHeader Agency,
    string Number,
    DateOnly IssuedOn,
    string DossierCode,
    DateTime DossierReceivedAt,
    Applicant Applicant,
    string Procedure,
    DateOnly RequestedOn,
    string CitizenRequest,
    DateOnly StoppedOn,
    Signatory Signatory) : ILegalForm
{
    FormKind ILegalForm.Kind => FormKind.StopNotice;

    DateTime ILegalForm.TemplateDate => DossierReceivedAt;
}
