using System.Globalization;
using System.Resources;
using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Dossiers.Calendar;

namespace DossierWorkflow.Dossiers.Tracking;

/// <summary>
/// The answer to a citizen's text message <c>DVC &lt;dossier code&gt;</c> (the keyword is configurable): the dossier's
/// status and appointment in one SMS of at most 160 plain letters (no diacritics); an unknown code or keyword gets a
/// reply saying how to ask. Nothing personal is in it — the same as the tracking page shows, less the masked name.
/// </summary>
public sealed class SmsLookup(DossierTracking tracking, CurrentWorkingCalendar calendar)
{
    public const int MaxLength = 160;

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly ResourceManager Texts = new("DossierWorkflow.Dossiers.Notifications.NotificationTexts", typeof(SmsLookup).Assembly);

    /// <summary>The reply to <paramref name="message"/>, as the SMS to send back.</summary>
    public async Task<string> ReplyAsync(string? message, string keyword, CancellationToken cancellationToken)
    {
        var words = (message ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length != 2 || !words[0].Equals(keyword, StringComparison.OrdinalIgnoreCase))
        {
            return Sms("Sms.Lookup.Syntax", keyword.ToUpperInvariant());
        }

        if (await tracking.FindAsync(words[1], cancellationToken) is not { } dossier)
        {
            var shown = words[1].Length > DossierTracking.MaxCodeLength ? words[1][..DossierTracking.MaxCodeLength] : words[1];
            return Sms("Sms.Lookup.NotFound", shown, keyword.ToUpperInvariant());
        }

        var status = Texts.GetString($"Sms.Status.{(int)dossier.Status}", Vietnamese) ?? dossier.Status.ToString();
        return dossier.AppointmentAt is { } appointment
            ? Sms("Sms.Lookup.Found", dossier.Code, status, calendar.Calendar.ToLocal(appointment).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture))
            : Sms("Sms.Lookup.FoundNoAppointment", dossier.Code, status);
    }

    private static string Sms(string key, params object[] args)
    {
        var text = SearchText.RemoveDiacritics(string.Format(Vietnamese, Texts.GetString(key, Vietnamese) ?? key, args));
        return text.Length <= MaxLength ? text : text[..MaxLength];
    }
}
