using DossierWorkflow.Dossiers.Forms.Layout;
using DossierWorkflow.Dossiers.Forms.Templates;

namespace DossierWorkflow.Dossiers.Forms.Rendering;

/// <summary>Forms 02 to 05: a header, a title and worded paragraphs around the values, then the signature.</summary>
internal static class LetterRenderers
{
    public static void Render(FormDocument form, SupplementRequest request)
    {
        form.Header(request.Agency, request.Number, request.IssuedOn);
        form.Title();
        form.Field(FormText.DossierCode, request.DossierCode, emphasise: true);
        ReceiptSlipRenderer.ApplicantFields(form, FormText.DossierOf, request.Applicant);
        form.Field(FormText.Request, request.Request);
        form.Flow.Gap(4);
        form.Sentence(FormText.SupplementIntro);
        for (var i = 0; i < request.Items.Count; i++)
        {
            var item = request.Items[i];
            form.Numbered(i + 1, item.Content);
            var hanging = form.Flow.Text.Measure($"{i + 1}. ", form.Fonts.Body);
            form.Indented(form.Text(FormText.SupplementReason, ("reason", item.Reason)), 14 + hanging, form.Fonts.BodyItalic);
        }

        form.Flow.Gap(4);
        form.Prose(FormText.SupplementContact, ("officer", request.Officer), ("phone", request.OfficerPhone));
        form.Prose(FormText.ThankYou);
        form.Signatures(new SignatureBlock(form.Text(FormText.SupplementSigns), form.Text(FormText.SignHint), request.Officer));
    }

    public static void Render(FormDocument form, RefusalNotice notice)
    {
        form.Header(notice.Agency, notice.Number, notice.IssuedOn);
        form.Title();
        if (notice.DossierCode is not null)
        {
            form.Field(FormText.DossierCode, notice.DossierCode, emphasise: true);
        }

        form.Field(FormText.ReceivingUnit, notice.ReceivingUnit);
        ReceiptSlipRenderer.ApplicantFields(form, FormText.ReceivedFrom, notice.Applicant);
        form.Field(FormText.Request, notice.Request);
        form.Flow.Gap(4);
        form.Prose(FormText.RefusalIntro, ("unit", notice.ReceivingUnit));
        for (var i = 0; i < notice.Reasons.Count; i++)
        {
            form.Numbered(i + 1, notice.Reasons[i]);
        }

        form.Flow.Gap(4);
        form.Prose(FormText.RefusalClosing);
        form.Signatures(new SignatureBlock(form.Text(FormText.RefusalSigns), form.Text(FormText.SignHint), notice.ReceivingOfficer));
    }

    public static void Render(FormDocument form, ApologyLetter letter)
    {
        var agency = letter.Agency.AgencyName;
        form.Header(letter.Agency, letter.Number, letter.IssuedOn);
        form.Title();
        Addressee(form, letter.Applicant.FullName);
        form.Prose(FormText.ApologyReceived, ("date", DayAndMonth(letter.DossierReceivedAt)), ("agency", agency), ("code", letter.DossierCode));
        form.ProseField(FormText.Request, letter.Request);
        form.Prose(FormText.ApologyAppointment, ("moment", VietnameseDates.Moment(letter.OriginalAppointmentAt)));
        form.Prose(FormText.ApologyNotOnTime, ("agency", agency));
        form.Prose(FormText.ApologyReason, ("reason", letter.DelayReason));
        form.Prose(FormText.ApologyExtension, ("agency", agency), ("moment", VietnameseDates.Moment(letter.NewAppointmentAt)));
        form.Prose(FormText.ThankYou);
        form.SignaturesWithRecipients(new SignatureBlock(letter.Signatory.Position, form.Text(FormText.SealHint), letter.Signatory.FullName));
    }

    public static void Render(FormDocument form, StopNotice notice)
    {
        var agency = notice.Agency.AgencyName;
        form.Header(notice.Agency, notice.Number, notice.IssuedOn);
        form.Title();
        Addressee(form, notice.Applicant.FullName);
        form.Prose(FormText.StopReceived, ("date", DayAndMonth(notice.DossierReceivedAt)), ("agency", agency), ("code", notice.DossierCode), ("procedure", notice.Procedure));
        form.Prose(FormText.StopRequested, ("date", DayAndMonth(notice.RequestedOn)), ("request", notice.CitizenRequest));
        form.Prose(FormText.StopDecision, ("agency", agency), ("date", DayAndMonth(notice.StoppedOn)));
        form.Prose(FormText.StopClosing);
        form.SignaturesWithRecipients(new SignatureBlock(notice.Signatory.Position, form.Text(FormText.SealHint), notice.Signatory.FullName));
    }

    private static void Addressee(FormDocument form, string name)
    {
        form.Flow.Paragraph([new Run(form.Text(FormText.Addressee) + " " + name, form.Fonts.Body)], TextAlign.Center, spaceAfter: 8);
    }

    /// <summary>"22 tháng 11 năm 2026": the template already says "Ngày".</summary>
    private static string DayAndMonth(DateTime moment) => DayAndMonth(DateOnly.FromDateTime(moment));

    private static string DayAndMonth(DateOnly day) => VietnameseDates.Day(day)["ngày ".Length..];
}
