using DossierWorkflow.Dossiers.Workflow;
using DossierWorkflow.Engine.Handlers;
using Microsoft.Extensions.Logging;

namespace DossierWorkflow.Dossiers.Notifications;

/// <summary>
/// <c>dw:handler="notify"</c>: tells the applicant about the dossier, delivered through the engine's transactional outbox
/// (at least once, deduplicated by the idempotency key). This build has one channel: a structured log event per
/// notification, which operators can forward; SMS and e-mail channels plug in here when they are configured.
/// </summary>
internal sealed partial class NotifyApplicantHandler(ILogger<NotifyApplicantHandler> logger) : IExternalTaskHandler
{
    public string Name => ServiceTaskHandlerNames.Notify;

    public Task DeliverAsync(ExternalTaskMessage message, CancellationToken cancellationToken)
    {
        LogNotification(logger, message.BusinessKey, message.ElementId, message.IdempotencyKey, message.Attempt);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "Notification for dossier {BusinessKey} from step {ElementId} (idempotency key {IdempotencyKey}, attempt {Attempt})")]
    private static partial void LogNotification(ILogger logger, string? businessKey, string elementId, string idempotencyKey, int attempt);
}
