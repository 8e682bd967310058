using System.Collections.Immutable;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Dossiers.Workflow;
using DossierWorkflow.Engine;

namespace DossierWorkflow.Dossiers.Notifications;

/// <summary>
/// Puts what the action's dossiers have to tell their applicants (<see cref="Dossier.TakeNotices"/>: accepted, a
/// supplement asked for, an extension, …) into the engine's transactional outbox, in the action's transaction: called by
/// the <see cref="UnitOfWork"/> just before it commits, so a notice is sent if and only if the change it tells of is
/// kept. Each goes to the <c>notify</c> handler (<see cref="NotifyApplicantHandler"/>) with the facts as they are now —
/// the appointment, what is missing, the reasons, the tracking number — under an idempotency key of its own.
/// </summary>
public sealed class ApplicantNotifications(DossiersDbContext db, IWorkflowEngine engine)
{
    public async Task QueueAsync(CancellationToken cancellationToken)
    {
        foreach (var dossier in db.ChangeTracker.Entries<Dossier>().Select(e => e.Entity).ToList())
        {
            foreach (var notice in dossier.TakeNotices())
            {
                if (dossier.WorkflowInstanceId is not { } instanceId)
                {
                    continue;
                }

                await engine.QueueExternalMessageAsync(
                    new QueueExternalMessage(instanceId, ServiceTaskHandlerNames.Notify, $"dossier:{notice}", $"{dossier.Code}:{notice}:{Guid.CreateVersion7():N}")
                    {
                        Parameters = Parameters(dossier, notice),
                    },
                    cancellationToken);
            }
        }
    }

    private static ImmutableDictionary<string, string> Parameters(Dossier dossier, ApplicantEvent notice)
    {
        var parameters = ImmutableDictionary.CreateBuilder<string, string>();
        parameters[NotifyApplicantHandler.EventParameter] = notice.ToString();
        var detail = notice switch
        {
            ApplicantEvent.Accepted or ApplicantEvent.Extended => dossier.AppointmentAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ApplicantEvent.SupplementRequested => Items(dossier, "02", item => string.IsNullOrEmpty(item.Reason) ? item.Content : $"{item.Content} ({item.Reason})"),
            ApplicantEvent.Refused => Items(dossier, "03", item => item.Reason),
            ApplicantEvent.Stopped => Items(dossier, "05", item => item.Reason),
            ApplicantEvent.SentByPost => dossier.Handovers.Where(h => h.TrackingNumber is not null).OrderBy(h => h.RecordedAt).LastOrDefault()?.TrackingNumber,
            _ => null,
        };
        if (detail is not null)
        {
            parameters[NotifyApplicantHandler.DetailParameter] = detail;
        }

        return parameters.ToImmutable();
    }

    /// <summary>The items of the latest issue of a form, joined.</summary>
    private static string? Items(Dossier dossier, string form, Func<FormItem, string> text) =>
        dossier.Forms.Where(f => f.Form == form).OrderBy(f => f.IssuedAt).LastOrDefault() is { } issued
            ? string.Join("; ", issued.Items.Select(text).Where(t => !string.IsNullOrWhiteSpace(t)))
            : null;
}
