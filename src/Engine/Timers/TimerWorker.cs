using DossierWorkflow.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.Engine.Timers;

/// <summary>
/// Polls due timers through the façade and retries incidents whose backoff has elapsed. Several processes may run it:
/// timers are leased to the claiming worker, and the firing command re-checks the timer under the instance's
/// concurrency token, so each timer fires once.
/// </summary>
internal sealed class TimerWorker(IServiceScopeFactory scopes, TimeProvider time, IOptions<WorkflowEngineOptions> options, ILogger<TimerWorker> logger)
    : PollingWorker(scopes, time, options, logger)
{
    /// <summary>Fires due timers batch after batch until a batch comes back short, then retries due incidents.</summary>
    internal override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var fired = await DrainAsync((engine, ct) => engine.FireDueTimersAsync(ct), cancellationToken);
        await DrainAsync((engine, ct) => engine.RetryDueIncidentsAsync(ct), cancellationToken);
        return fired;
    }
}
