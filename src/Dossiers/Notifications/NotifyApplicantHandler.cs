using System.Globalization;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Forms;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Dossiers.Workflow;
using DossierWorkflow.Engine.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DossierWorkflow.Dossiers.Notifications;

/// <summary>
/// <c>dw:handler="notify"</c>: tells the applicant about their dossier by e-mail and SMS, each channel when configured and
/// when the applicant gave an address or number for it. Delivered through the engine's transactional outbox: at least
/// once, retried with backoff, an incident when a channel keeps failing. Queued by the workflow's <c>notify</c> steps
/// (the result is ready: parameter <c>event</c> absent) and by the domain (<see cref="ApplicantNotifications"/>).
/// A channel that took a message is recorded (<see cref="NotificationDelivery"/>) and never sent it again.
/// </summary>
internal sealed partial class NotifyApplicantHandler(IServiceScopeFactory scopes, ILogger<NotifyApplicantHandler> logger) : IExternalTaskHandler
{
    public const string EventParameter = "event";
    public const string DetailParameter = "detail";

    public string Name => ServiceTaskHandlerNames.Notify;

    public async Task DeliverAsync(ExternalTaskMessage message, CancellationToken cancellationToken)
    {
        var notice = message.Parameters.TryGetValue(EventParameter, out var name) ? Enum.Parse<ApplicantEvent>(name) : ApplicantEvent.ResultReady;
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<DossiersDbContext>();
        var dossier = message.BusinessKey is null ? null : await db.Set<Dossier>().AsNoTracking().Where(d => d.Code == message.BusinessKey)
            .Select(d => new
            {
                d.Code,
                d.ProcedureName,
                d.ProcedureVersionJson,
                UnitName = db.Set<Unit>().Where(u => u.Code == d.ReceivingUnit).Select(u => u.Name).FirstOrDefault() ?? d.ReceivingUnit,
                d.Applicant.Name,
                d.Applicant.Email,
                d.Applicant.Phone,
                d.Language,
                d.Delivery,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (dossier is null)
        {
            LogNoDossier(logger, message.BusinessKey, message.IdempotencyKey);
            return;
        }

        var email = services.GetRequiredService<EmailChannel>();
        var sms = services.GetRequiredService<SmsChannel>();
        var sent = await db.Set<NotificationDelivery>().Where(d => d.IdempotencyKey == message.IdempotencyKey).Select(d => d.Channel).ToListAsync(cancellationToken);
        var channels = new List<NotificationChannel>();
        if (email.IsEnabled && !string.IsNullOrWhiteSpace(dossier.Email) && !sent.Contains(NotificationChannel.Email))
        {
            channels.Add(NotificationChannel.Email);
        }

        if (sms.IsEnabled && !string.IsNullOrWhiteSpace(dossier.Phone) && !sent.Contains(NotificationChannel.Sms))
        {
            channels.Add(NotificationChannel.Sms);
        }

        if (channels.Count == 0)
        {
            LogNothingToSend(logger, dossier.Code, notice, message.IdempotencyKey);
            return;
        }

        var culture = NoticeTemplates.CultureOf(dossier.Language);
        var procedureName = culture == NoticeTemplates.English && Dossier.ProcedureNameEn(dossier.ProcedureVersionJson) is { Length: > 0 } english ? english : dossier.ProcedureName;
        var facts = new NoticeFacts(
            notice, dossier.Code, procedureName, dossier.UnitName, dossier.Name, dossier.Delivery,
            Detail(notice, message, dossier.UnitName, services.GetRequiredService<CurrentWorkingCalendar>()),
            services.GetRequiredService<DossierForms>().TrackingUrl(dossier.Code));
        var rendered = NoticeTemplates.Render(facts, culture);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();

        // Each channel on its own, each recorded as soon as it took the message: one that fails (an address the mail
        // server refuses for good, say) neither keeps the other from being tried nor is sent again once it took it; the
        // delivery fails at the end, for the outbox to retry what is still owed.
        List<Exception> failures = [];
        // A crash between a channel taking the message and its record sends it again (at least once): the record is written
        // the moment the channel took it, and the message carries the key (the e-mail's Message-ID, the SMS gateway's
        // requestId), so that the mailbox or the gateway can tell a repeat.
        foreach (var channel in channels)
        {
            var recorded = false;
            async Task RecordAsync()
            {
                db.Add(new NotificationDelivery
                {
                    Id = Guid.CreateVersion7(now),
                    IdempotencyKey = message.IdempotencyKey,
                    Channel = channel,
                    DossierCode = dossier.Code,
                    Event = notice,
                    SentAt = now,
                });
                await db.SaveChangesAsync(cancellationToken);
                recorded = true;
            }

            try
            {
                if (channel == NotificationChannel.Email)
                {
                    await email.SendAsync(new EmailMessage(dossier.Email!, dossier.Name, rendered.Subject, rendered.EmailBody, message.IdempotencyKey), cancellationToken, RecordAsync);
                }
                else
                {
                    await sms.SendAsync(new SmsMessage(dossier.Phone!, rendered.SmsText, message.IdempotencyKey), cancellationToken);
                    await RecordAsync();
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException && !recorded)
            {
                failures.Add(exception);
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException($"Notice {notice} of dossier {dossier.Code}: {string.Join("; ", failures.Select(f => f.Message))}", failures);
        }
    }

    /// <summary>The event's own fact, as the template shows it: an appointment in office time, the unit for the result.</summary>
    private static string? Detail(ApplicantEvent notice, ExternalTaskMessage message, string unitName, CurrentWorkingCalendar calendar)
    {
        var detail = message.Parameters.GetValueOrDefault(DetailParameter);
        return notice switch
        {
            ApplicantEvent.Accepted or ApplicantEvent.Extended when DateTimeOffset.TryParse(detail, CultureInfo.InvariantCulture, DateTimeStyles.None, out var appointment) =>
                calendar.Calendar.ToLocal(appointment).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture),
            ApplicantEvent.ResultReady => unitName,
            _ => detail,
        };
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "Notice {Event} of dossier {DossierCode} not sent: no channel is configured, or the applicant gave no address for one (idempotency key {IdempotencyKey})")]
    private static partial void LogNothingToSend(ILogger logger, string dossierCode, ApplicantEvent @event, string idempotencyKey);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Notice for dossier {DossierCode} dropped: no such dossier (idempotency key {IdempotencyKey})")]
    private static partial void LogNoDossier(ILogger logger, string? dossierCode, string idempotencyKey);
}
