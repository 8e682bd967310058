using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.Engine.Handlers;

/// <summary>
/// Delivers outbox messages to external handlers, at least once: a message is leased to this worker, delivered, then
/// marked delivered; if the process dies in between the lease expires and it is delivered again with the same
/// idempotency key. Failures are retried with exponential backoff, then become an incident.
/// </summary>
internal sealed class OutboxWorker(IServiceScopeFactory scopes, TimeProvider time, IOptions<WorkflowEngineOptions> options, ILogger<OutboxWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunWorkers)
        {
            return;
        }

        using var ticks = new PeriodicTimer(options.Value.PollInterval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Outbox poll failed; trying again at the next poll");
            }
        }
        while (await ticks.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IWorkflowEngine>().DeliverOutboxAsync(cancellationToken);
    }
}
