using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.Engine.Timers;

/// <summary>
/// Polls due timers through the façade (one scope per poll) and retries incidents whose backoff has elapsed. Several
/// processes may run it: timers are leased to the claiming worker, and the firing command re-checks the timer under the
/// instance's concurrency token, so each timer fires once.
/// </summary>
internal sealed class TimerWorker(IServiceScopeFactory scopes, TimeProvider time, IOptions<WorkflowEngineOptions> options, ILogger<TimerWorker> logger)
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
                logger.LogError(exception, "Timer poll failed; trying again at the next poll");
            }
        }
        while (await ticks.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Fires due timers batch after batch until a batch comes back short, then retries due incidents.</summary>
    internal async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int fired;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            fired = await scope.ServiceProvider.GetRequiredService<IWorkflowEngine>().FireDueTimersAsync(cancellationToken);
            total += fired;
        }
        while (fired >= options.Value.BatchSize);

        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IWorkflowEngine>().RetryDueIncidentsAsync(cancellationToken);
        }

        return total;
    }
}
