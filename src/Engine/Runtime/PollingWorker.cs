using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.Engine.Runtime;

/// <summary>
/// A background service that polls once at start, then every <see cref="WorkflowEngineOptions.PollInterval"/> on the
/// injected clock, counted from start. A failed poll is logged and tried again at the next tick; the service stops with
/// the host.
/// </summary>
internal abstract class PollingWorker(IServiceScopeFactory scopes, TimeProvider time, IOptions<WorkflowEngineOptions> options, ILogger logger)
    : BackgroundService
{
    private PeriodicTimer? _ticks;

    protected WorkflowEngineOptions Options => options.Value;

    /// <summary>
    /// Creates the poll timer here rather than in <see cref="ExecuteAsync"/>, which since .NET 10 runs on a thread-pool
    /// thread some time after start: a clock that moves in between would otherwise move the first tick with it.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (Options.RunWorkers)
        {
            _ticks = new PeriodicTimer(Options.PollInterval, time);
        }

        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _ticks?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_ticks is not { } ticks)
        {
            return;
        }

        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "{Worker} poll failed; trying again at the next poll", GetType().Name);
            }
        }
        while (await ticks.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One poll; returns how many items it handled.</summary>
    internal abstract Task<int> RunOnceAsync(CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="batch"/> on a fresh engine scope until a batch comes back short of a full one.</summary>
    protected async Task<int> DrainAsync(Func<IWorkflowEngine, CancellationToken, Task<int>> batch, CancellationToken cancellationToken)
    {
        var total = 0;
        int handled;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            handled = await batch(scope.ServiceProvider.GetRequiredService<IWorkflowEngine>(), cancellationToken);
            total += handled;
        }
        while (handled >= Options.BatchSize);

        return total;
    }
}
