using DossierWorkflow.Engine.Handlers;
using DossierWorkflow.Engine.Runtime;
using DossierWorkflow.Engine.Testing;
using DossierWorkflow.Engine.Tests.Support;
using DossierWorkflow.Engine.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static DossierWorkflow.Engine.Testing.ProcessBuilder;
using ManualClock = Microsoft.Extensions.Time.Testing.FakeTimeProvider;

namespace DossierWorkflow.Engine.Tests.Workers;

public sealed class WorkerTests
{
    private readonly RecordingExternalHandler _sms = new("sms");
    private readonly EngineHost _host;

    public WorkerTests() => _host = new EngineHost(new InMemoryWorkflowStore(), externalHandlers: [_sms]);

    [Fact]
    public async Task The_timer_worker_fires_batch_after_batch_until_no_due_timer_is_left()
    {
        var definition = Process("wait").Start().TimerCatch("pause", Duration(TimeSpan.FromMinutes(1))).End().Build();
        for (var i = 0; i < 7; i++)
        {
            await _host.StartAsync(definition);
        }

        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        var options = Options.Create(new WorkflowEngineOptions { BatchSize = 3 });
        var worker = new TimerWorker(new SingleEngineScopes(_host.Worker("timer-worker", batchSize: 3)), _host.Clock, options, NullLogger<TimerWorker>.Instance);

        var fired = await worker.RunOnceAsync(CancellationToken.None);

        Assert.Equal(7, fired);
        Assert.Equal(0, await _host.Engine.FireDueTimersAsync());
    }

    [Fact]
    public async Task The_outbox_worker_delivers_queued_messages()
    {
        await _host.StartAsync(Process("notify").Start().ServiceTask("sms-task", "sms").End().Build());
        var worker = new OutboxWorker(new SingleEngineScopes(_host.Engine), _host.Clock, Options.Create(new WorkflowEngineOptions()), NullLogger<OutboxWorker>.Instance);

        var delivered = await worker.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, delivered);
        Assert.Single(_sms.Deliveries);
    }

    [Fact]
    public async Task A_started_worker_polls_at_once_and_again_one_poll_interval_after_start()
    {
        var cancel = TestContext.Current.CancellationToken;
        var clock = new ManualClock(FakeTimeProvider.MondayMorning);
        var interval = TimeSpan.FromSeconds(5);
        using var worker = new CountingWorker(new SingleEngineScopes(_host.Engine), clock, interval);
        await worker.StartAsync(cancel);

        // The clock moves at once, before the worker's loop has necessarily run.
        clock.Advance(interval - TimeSpan.FromSeconds(1));
        Assert.True(await worker.Polls.WaitAsync(TimeSpan.FromSeconds(30), cancel), "The worker did not poll at start.");
        Assert.Equal(0, worker.Polls.CurrentCount);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await worker.Polls.WaitAsync(TimeSpan.FromSeconds(30), cancel), "The worker did not poll one interval after start.");
        await worker.StopAsync(cancel);
    }

    /// <summary>A worker whose poll only counts, to see when the base class polls.</summary>
    private sealed class CountingWorker(IServiceScopeFactory scopes, TimeProvider time, TimeSpan pollInterval)
        : PollingWorker(scopes, time, Microsoft.Extensions.Options.Options.Create(new WorkflowEngineOptions { PollInterval = pollInterval }), NullLogger.Instance)
    {
        public SemaphoreSlim Polls { get; } = new(0);

        internal override Task<int> RunOnceAsync(CancellationToken cancellationToken)
        {
            Polls.Release();
            return Task.FromResult(0);
        }

        public override void Dispose()
        {
            base.Dispose();
            Polls.Dispose();
        }
    }

    /// <summary>A scope factory handing out one engine, standing in for the host's container.</summary>
    private sealed class SingleEngineScopes(IWorkflowEngine engine) : IServiceScopeFactory, IServiceScope, IServiceProvider
    {
        public IServiceProvider ServiceProvider => this;

        public IServiceScope CreateScope() => this;

        public object? GetService(Type serviceType) => serviceType == typeof(IWorkflowEngine) ? engine : null;

        public void Dispose()
        {
        }
    }
}
