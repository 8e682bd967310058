using System.Collections.Immutable;
using System.Globalization;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Dossiers.Workflow;
using DossierWorkflow.Engine;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.Dossiers.NationalPortal;

/// <summary>What the national portal is to hear of a dossier.</summary>
public enum DossierSync
{
    /// <summary>The dossier itself, once it is received (<c>DongBoHoSoMC</c>).</summary>
    Received,

    /// <summary>Its progress: a step, a supplement, an extension, a hand-over (<c>CapNhatTienDoHoSoMC</c>).</summary>
    Progressed,
}

/// <summary>
/// Puts what the action's dossiers have to tell the national portal (<see cref="Dossier.TakeUnsynced"/>) into the engine's
/// transactional outbox, in the action's transaction (called by the <see cref="UnitOfWork"/> before it commits), when the
/// synchronisation is configured: one message per dossier and action, delivered to <see cref="NationalPortalSyncHandler"/>,
/// which reads the dossier as it then is and calls the platform.
/// </summary>
public sealed class NationalPortalSync(DossiersDbContext db, IWorkflowEngine engine, IOptions<NationalPortalOptions> options, TimeProvider time)
{
    public const string ServiceParameter = "service";
    public const string AtParameter = "at";
    public const string Received = "DongBoHoSoMC";
    public const string Progressed = "CapNhatTienDoHoSoMC";

    public async Task QueueAsync(CancellationToken cancellationToken)
    {
        foreach (var dossier in db.ChangeTracker.Entries<Dossier>().Select(e => e.Entity).ToList())
        {
            if (dossier.TakeUnsynced() is not { } sync || !options.Value.IsEnabled || dossier.WorkflowInstanceId is not { } instanceId)
            {
                continue;
            }

            var service = sync == DossierSync.Received ? Received : Progressed;
            await engine.QueueExternalMessageAsync(
                new QueueExternalMessage(instanceId, ServiceTaskHandlerNames.NationalSync, $"dossier:{service}", $"{dossier.Code}:{service}:{Guid.CreateVersion7():N}")
                {
                    Parameters = ImmutableDictionary<string, string>.Empty
                        .Add(ServiceParameter, service)
                        .Add(AtParameter, time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)),
                },
                cancellationToken);
        }
    }
}
