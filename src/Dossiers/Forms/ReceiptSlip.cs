using DossierWorkflow.Dossiers.Forms.Templates;

namespace DossierWorkflow.Dossiers.Forms;

/// <summary>Form 01: receipt of the dossier and appointment for the result (Giấy tiếp nhận hồ sơ và hẹn trả kết quả).</summary>
/// <param name="Number">Slip number printed after "Số:".</param>
/// <param name="ReceivingUnit">The one-stop unit that received the dossier.</param>
/// <param name="Request">What the applicant asks for (usually the procedure name).</param>
/// <param name="LegalProcessingTime">The legal time as worded in the catalogue, e.g. "05 ngày làm việc".</param>
/// <param name="TrackingUrl">Tracking page of this dossier (carrying its code); printed and encoded as a QR code.</param>
public sealed record ReceiptSlip(
    AgencyHeader Agency,
    string Number,
    string DossierCode,
    string ReceivingUnit,
    Applicant Applicant,
    string Request,
    IReadOnlyList<SubmittedDocument> Documents,
    int SetCount,
    string LegalProcessingTime,
    DateTime ReceivedAt,
    DateTime AppointmentAt,
    string ResultReturnPlace,
    ResultDeliveryMethod ResultDelivery,
    string RegisterVolume,
    string RegisterEntryNumber,
    string ReceivingOfficer,
    Uri TrackingUrl) : ILegalForm
{
    FormKind ILegalForm.Kind => FormKind.ReceiptSlip;

    DateTime ILegalForm.TemplateDate => ReceivedAt;
}

/// <summary>One document of the dossier as submitted.</summary>
public sealed record SubmittedDocument(string Name, DocumentCopyKind CopyKind, int Count);

public enum DocumentCopyKind
{
    Original,
    Copy,
    CertifiedCopy,
    Electronic,
}
