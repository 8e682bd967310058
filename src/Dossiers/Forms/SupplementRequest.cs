using DossierWorkflow.Dossiers.Forms.Templates;

namespace DossierWorkflow.Dossiers.Forms;

/// <summary>Form 02: request to supplement or complete the dossier, given once and completely.</summary>
/// <param name="Officer">The officer who guides the applicant and signs.</param>
public sealed record SupplementRequest(
    AgencyHeader Agency,
    string Number,
    DateOnly IssuedOn,
    string DossierCode,
    DateTime DossierReceivedAt,
    Applicant Applicant,
    string Request,
    IReadOnlyList<SupplementItem> Items,
    string Officer,
    string OfficerPhone) : ILegalForm
{
    FormKind ILegalForm.Kind => FormKind.SupplementRequest;

    DateTime ILegalForm.TemplateDate => DossierReceivedAt;
}

/// <summary>What to supplement or correct, and why.</summary>
public sealed record SupplementItem(string Content, string Reason);
