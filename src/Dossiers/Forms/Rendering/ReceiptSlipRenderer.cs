using System.Globalization;
using DossierWorkflow.Dossiers.Forms.Layout;
using DossierWorkflow.Dossiers.Forms.Templates;

namespace DossierWorkflow.Dossiers.Forms.Rendering;

internal static class ReceiptSlipRenderer
{
    private const double QrSize = 78;

    public static void Render(FormDocument form, ReceiptSlip slip)
    {
        var flow = form.Flow;
        var fonts = form.Fonts;
        form.Header(slip.Agency, slip.Number, DateOnly.FromDateTime(slip.ReceivedAt));
        form.Title();

        // Code and tracking text at the left, the QR code of the tracking page at the right.
        flow.Reserve(QrSize + 4);
        var top = flow.Y;
        form.QrCode(slip.TrackingUrl.AbsoluteUri, flow.Right - QrSize, top, QrSize);
        var inset = QrSize + 12;
        flow.Paragraph([new Run(form.Text(FormText.DossierCode) + " ", fonts.Body), new Run(slip.DossierCode, fonts.BodyBold)], rightInset: inset);
        flow.Paragraph([new Run(form.Text(FormText.ReceivingUnit) + " " + slip.ReceivingUnit, fonts.Body)], TextAlign.Justify, rightInset: inset);
        flow.Paragraph([new Run(form.Text(FormText.ReceiptTracking), fonts.SmallItalic)], rightInset: inset, spaceAfter: 0);
        flow.Paragraph([new Run(slip.TrackingUrl.AbsoluteUri, fonts.Small)], rightInset: inset);
        flow.Y = Math.Max(flow.Y, top + QrSize + 4);

        ApplicantFields(form, FormText.ReceivedFrom, slip.Applicant);
        form.Field(FormText.Request, slip.Request);

        flow.Paragraph(form.Text(FormText.ReceiptDocuments), fonts.Body);
        new TableWriter(flow,
        [
            new(form.Text(FormText.ColumnNo), 0.08, TextAlign.Center),
            new(form.Text(FormText.ReceiptColumnDocument), 0.54),
            new(form.Text(FormText.ReceiptColumnCopyKind), 0.24, TextAlign.Center),
            new(form.Text(FormText.ReceiptColumnCount), 0.14, TextAlign.Center),
        ]).Draw(slip.Documents.Select((d, i) => (IReadOnlyList<string>)
        [
            (i + 1).ToString(CultureInfo.InvariantCulture),
            d.Name,
            CopyKind(form, d.CopyKind),
            d.Count.ToString(CultureInfo.InvariantCulture),
        ]));
        flow.Gap(4);

        form.Sentence(FormText.ReceiptSetCount, ("count", slip.SetCount.ToString(CultureInfo.InvariantCulture)));
        form.Sentence(FormText.ReceiptProcessingTime, ("time", slip.LegalProcessingTime));
        form.Sentence(FormText.ReceiptReceivedAt, ("moment", VietnameseDates.Moment(slip.ReceivedAt)));
        form.Sentence(FormText.ReceiptAppointment, ("moment", VietnameseDates.Moment(slip.AppointmentAt)));
        form.Sentence(FormText.ReceiptReturnPlace, ("place", slip.ResultReturnPlace));
        form.Sentence(FormText.ReceiptReturnMethod, ("method", Delivery(form, slip.ResultDelivery)));
        flow.Gap(2);
        flow.Paragraph([new Run(form.Text(FormText.ReceiptRegister, ("volume", slip.RegisterVolume), ("entry", slip.RegisterEntryNumber)), fonts.BodyItalic)]);

        var hint = form.Text(FormText.SignHint);
        form.Signatures(
            new SignatureBlock(form.Text(FormText.ReceiptApplicantSigns), hint, slip.Applicant.Representative ?? slip.Applicant.FullName),
            new SignatureBlock(form.Text(FormText.ReceiptOfficerSigns), hint, slip.ReceivingOfficer));
    }

    /// <summary>The applicant lines shared by the forms: name (bold), ID number, address, phone, e-mail, representative.</summary>
    public static void ApplicantFields(FormDocument form, FormText nameLabel, Applicant applicant)
    {
        form.Field(nameLabel, applicant.FullName, emphasise: true);
        if (applicant.IdNumber is not null)
        {
            form.Field(FormText.IdNumber, applicant.IdNumber);
        }

        form.Field(FormText.Address, applicant.Address);
        form.Field(FormText.Phone, applicant.Phone);
        form.Field(FormText.Email, applicant.Email);
        if (applicant.Representative is not null)
        {
            form.Field(FormText.Representative, applicant.Representative);
        }
    }

    public static string Delivery(FormDocument form, ResultDeliveryMethod method) => form.Text(method switch
    {
        ResultDeliveryMethod.AtCounter => FormText.DeliveryAtCounter,
        ResultDeliveryMethod.PublicPostal => FormText.DeliveryPostal,
        ResultDeliveryMethod.Online => FormText.DeliveryOnline,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown result delivery method."),
    });

    private static string CopyKind(FormDocument form, DocumentCopyKind kind) => form.Text(kind switch
    {
        DocumentCopyKind.Original => FormText.CopyOriginal,
        DocumentCopyKind.Copy => FormText.CopyCopy,
        DocumentCopyKind.CertifiedCopy => FormText.CopyCertified,
        DocumentCopyKind.Electronic => FormText.CopyElectronic,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown document copy kind."),
    });
}
