using DossierWorkflow.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.Engine.Handlers;

/// <summary>
/// Delivers outbox messages to external handlers, at least once: a message is leased to this worker, delivered, then
/// marked delivered; if the process dies in between the lease expires and it is delivered again with the same
/// idempotency key. Failures are retried with exponential backoff, then become an incident.
/// </summary>
internal sealed class OutboxWorker(IServiceScopeFactory scopes, TimeProvider time, IOptions<WorkflowEngineOptions> options, ILogger<OutboxWorker> logger)
    : PollingWorker(scopes, time, options, logger)
{
    internal override Task<int> RunOnceAsync(CancellationToken cancellationToken) =>
        DrainAsync((engine, ct) => engine.DeliverOutboxAsync(ct), cancellationToken);
}
