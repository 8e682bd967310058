using DossierWorkflow.Engine.Handlers;
using DossierWorkflow.Engine.Testing;
using DossierWorkflow.Engine.Tests.Support;
using DossierWorkflow.Engine.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static DossierWorkflow.Engine.Testing.ProcessBuilder;

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
