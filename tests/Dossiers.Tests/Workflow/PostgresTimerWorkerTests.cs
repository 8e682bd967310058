using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Engine.Testing;
using DossierWorkflow.Testing;
using Microsoft.EntityFrameworkCore;
using static DossierWorkflow.Engine.Testing.ProcessBuilder;

namespace DossierWorkflow.Dossiers.Tests.Workflow;

/// <summary>
/// Several app instances poll the same PostgreSQL database for due timers; <c>FOR UPDATE SKIP LOCKED</c> and the instance's
/// version must make each timer fire exactly once however the workers interleave.
/// </summary>
public sealed class PostgresTimerWorkerTests(PostgresCluster cluster) : IAsyncLifetime
{
    private readonly PostgresWorkflowDatabase _database = new(cluster);

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Two_workers_fire_each_of_a_thousand_due_timers_exactly_once()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var host = new EngineHost(_database.Store);
        var definition = Process("cooling-off").Start().TimerCatch("wait", Duration(TimeSpan.FromMinutes(30))).UserTask("process").End().Build();
        await host.Engine.DeployAsync(definition, cancellationToken: cancellation);
        var batches = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 250; i++)
            {
                await host.Engine.StartAsync(new StartInstance(definition.Key), cancellation);
            }
        }, cancellation));
        await Task.WhenAll(batches);

        host.Clock.Advance(TimeSpan.FromHours(1));
        var workers = new[] { host.Worker("worker-a", batchSize: 25), host.Worker("worker-b", batchSize: 25) };
        // Each worker waits after its first batch until the other has fired one too, so both are surely at work at the same
        // time however the machine schedules them; from there on they race freely.
        var firstBatches = new Barrier(workers.Length);
        var fired = await Task.WhenAll(workers.Select(worker => Task.Run(() => DrainAsync(worker, firstBatches, cancellation), cancellation)));

        await using var db = _database.CreateContext();
        var firedPerTimer = await db.Set<StoredJournalEntry>()
            .Where(e => e.Kind == JournalEntryKind.TimerFired)
            .GroupBy(e => new { e.InstanceId, e.ElementId })
            .Select(g => g.Count())
            .ToListAsync(cancellation);
        Assert.Equal(1000, fired.Sum());
        Assert.All(fired, f => Assert.InRange(f, 1, 999));
        Assert.Equal(1000, firedPerTimer.Count);
        Assert.All(firedPerTimer, count => Assert.Equal(1, count));
        Assert.Equal(0, await db.Set<StoredTimer>().CountAsync(cancellation));
        Assert.Equal(1000, await db.Set<StoredWorkItem>().CountAsync(w => w.ElementId == "process" && w.Status == WorkItemStatus.Open, cancellation));
    }

    private static async Task<int> DrainAsync(IWorkflowEngine worker, Barrier firstBatches, CancellationToken cancellation)
    {
        var total = await worker.FireDueTimersAsync(cancellation);
        firstBatches.SignalAndWait(TimeSpan.FromMinutes(1), cancellation);
        int fired;
        do
        {
            fired = await worker.FireDueTimersAsync(cancellation);
            total += fired;
        }
        while (fired > 0);

        return total;
    }
}
