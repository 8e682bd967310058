using System.Globalization;
using System.Resources;
using System.Text;
using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Dossiers.Dossiers;

namespace DossierWorkflow.Dossiers.Notifications;

/// <summary>What a notice says of its dossier: the facts its templates are filled with.</summary>
/// <param name="Detail">
/// What this event adds: the appointment (accepted, extended), what is missing (supplement), the reasons (refused,
/// stopped), the tracking number (sent by post); for the result being ready, the receiving unit's name.
/// </param>
public sealed record NoticeFacts(ApplicantEvent Event, string Code, string ProcedureName, string UnitName, string ApplicantName, ResultDelivery Delivery, string? Detail, Uri TrackingUrl);

/// <summary>A notice as sent: the e-mail's subject and text, and the SMS (without diacritics).</summary>
public sealed record RenderedNotice(string Subject, string EmailBody, string SmsText);

/// <summary>
/// The applicant's notices in their language, from <c>NotificationTexts.resx</c> (English) and
/// <c>NotificationTexts.vi.resx</c> (Vietnamese): an e-mail with the dossier's code, procedure, unit and tracking link,
/// and an SMS of the same sentence without diacritics (brand-name SMS are sent in plain letters).
/// </summary>
public static class NoticeTemplates
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    private static readonly ResourceManager Texts = new("DossierWorkflow.Dossiers.Notifications.NotificationTexts", typeof(NoticeTemplates).Assembly);

    /// <summary>The culture of a dossier's <see cref="Dossier.Language"/> (Vietnamese unless it is <c>en</c>).</summary>
    public static CultureInfo CultureOf(string? language) => language == "en" ? English : Vietnamese;

    public static RenderedNotice Render(NoticeFacts facts, CultureInfo culture)
    {
        var sentence = Text(facts.Event == ApplicantEvent.ResultReady ? $"Text.ResultReady.{facts.Delivery}" : $"Text.{facts.Event}", culture, facts.Detail ?? "");
        var body = new StringBuilder()
            .AppendLine(Text("Email.Greeting", culture, facts.ApplicantName))
            .AppendLine()
            .AppendLine(sentence)
            .AppendLine()
            .AppendLine(Text("Email.Code", culture, facts.Code))
            .AppendLine(Text("Email.Procedure", culture, facts.ProcedureName))
            .AppendLine(Text("Email.Unit", culture, facts.UnitName))
            .AppendLine(Text("Email.Track", culture, facts.TrackingUrl))
            .AppendLine()
            .AppendLine("--")
            .AppendLine(Text("Email.Footer", culture));
        return new RenderedNotice(
            Text($"Subject.{facts.Event}", culture, facts.Code),
            body.ToString(),
            SearchText.RemoveDiacritics(Text("Sms", culture, facts.Code, sentence, facts.TrackingUrl)));
    }

    private static string Text(string key, CultureInfo culture, params object[] args) =>
        string.Format(culture, Texts.GetString(key, culture) ?? throw new InvalidOperationException($"The notice text '{key}' is missing."), args);
}
