using DossierWorkflow.Dossiers.Forms.Templates;

namespace DossierWorkflow.Dossiers.Forms;

/// <summary>Form 04: apology for a late dossier and the new appointment, signed by the head of the agency.</summary>
public sealed record ApologyLetter(
    AgencyHeader Agency,
    string Number,
    DateOnly IssuedOn,
    string DossierCode,
    DateTime DossierReceivedAt,
    Applicant Applicant,
    string Request,
    DateTime OriginalAppointmentAt,
    string DelayReason,
    DateTime NewAppointmentAt,
    Signatory Signatory) : ILegalForm
{
    FormKind ILegalForm.Kind => FormKind.ApologyLetter;

    DateTime ILegalForm.TemplateDate => DossierReceivedAt;
}
