using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.Engine.Bench;

/// <summary>
/// Drives the five-step procedure the way officers do. Instances are started beforehand (not counted); then every worker
/// takes the next open task from a shared queue and handles it as one officer request would: a fresh DI scope and
/// DbContext, load the task, complete it through the engine (which runs the instance to its next task or its end), and
/// commit (the request's own transaction, or with <c>--engine-owned</c> the engine's command). The task that follows goes to the back of the queue, so all instances advance
/// together and every request touches a row that has gone cold, as in an office with thousands of dossiers open.
/// With a <see cref="CommandRecorder"/> every request that succeeds leaves the commands it sent, for <see cref="DriverFloor"/>.
/// </summary>
internal sealed class OfficerWorkload(IServiceProvider services, BenchSettings settings, CommandRecorder? recorder = null)
{
    /// <summary>Publishes the definition <see cref="BenchSettings.Versions"/> times, each a changed copy; returns the latest version.</summary>
    public async Task<int> DeployAsync()
    {
        var latest = 0;
        for (var revision = 1; revision <= settings.Versions; revision++)
        {
            await using var scope = services.CreateAsyncScope();
            var deployed = await scope.ServiceProvider.GetRequiredService<IWorkflowEngine>().DeployBpmnAsync(FiveStepProcedure.Bpmn(revision), "bench-admin");
            latest = deployed.Version;
        }

        return latest;
    }

    /// <summary>
    /// Starts every instance, on the latest version except every <see cref="BenchSettings.OldVersionEvery"/>-th, which goes
    /// to an older one when there are several. Returns the first open task of each.
    /// </summary>
    public async Task<StartPhase> StartInstancesAsync(int latestVersion)
    {
        var firstTasks = new Guid[settings.Instances];
        var onOldVersions = 0;
        var next = -1;
        var watch = Stopwatch.StartNew();
        await RunWorkersAsync(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < firstTasks.Length; i = Interlocked.Increment(ref next))
            {
                int? version = latestVersion > 1 && i % settings.OldVersionEvery == 0 ? 1 + (i / settings.OldVersionEvery % (latestVersion - 1)) : null;
                await using var scope = services.CreateAsyncScope();
                var position = await scope.ServiceProvider.GetRequiredService<IWorkflowEngine>().StartAsync(new StartInstance(FiveStepProcedure.Key)
                {
                    Version = version,
                    BusinessKey = string.Create(CultureInfo.InvariantCulture, $"000.00.25.H12-261122-{i:000000}"),
                    Actor = "reception-officer",
                    Variables = new JsonObject
                    {
                        ["procedureCode"] = "1.000894",
                        ["applicant"] = "Nguyễn Thị Hồng Nhung",
                        ["deliveryMethod"] = "counter",
                        ["fee"] = 0,
                    },
                });
                firstTasks[i] = position.OpenWorkItems.Single().Id;
                if (version is not null)
                {
                    Interlocked.Increment(ref onOldVersions);
                }
            }
        });
        return new StartPhase(firstTasks, onOldVersions, watch.Elapsed);
    }

    /// <summary>
    /// Starts <paramref name="count"/> instances of the ten-opinion consultation (not timed); returns the first open task of each.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> StartConsultationsAsync(int count)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IWorkflowEngine>().DeployBpmnAsync(ConsultationProcedure.Bpmn(), "bench-admin");
        }

        var firstTasks = new Guid[count];
        var next = -1;
        await RunWorkersAsync(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < firstTasks.Length; i = Interlocked.Increment(ref next))
            {
                await using var scope = services.CreateAsyncScope();
                var position = await scope.ServiceProvider.GetRequiredService<IWorkflowEngine>().StartAsync(new StartInstance(ConsultationProcedure.Key)
                {
                    BusinessKey = string.Create(CultureInfo.InvariantCulture, $"000.00.01.H26-261207-{i:000000}"),
                    Actor = "reception-officer",
                    Variables = ConsultationProcedure.Variables(),
                });
                firstTasks[i] = position.OpenWorkItems.Single().Id;
            }
        });
        return firstTasks;
    }

    /// <summary>
    /// Completes every task of every instance (<paramref name="tasksPerInstance"/> each); returns each completion's latency
    /// in the order they finished. A completion that opens tasks queues them; one that leaves an instance's other tasks open
    /// (an opinion while the other departments still answer) queues nothing.
    /// </summary>
    public async Task<CompletionPhase> CompleteAllAsync(IReadOnlyList<Guid> firstTasks, int tasksPerInstance = FiveStepProcedure.UserTasks)
    {
        var queue = Channel.CreateUnbounded<Guid>();
        var queued = new System.Collections.Concurrent.ConcurrentDictionary<Guid, bool>();
        foreach (var task in firstTasks)
        {
            queued.TryAdd(task, true);
            queue.Writer.TryWrite(task);
        }

        var latencies = new double[firstTasks.Count * tasksPerInstance];
        var finished = -1;
        var instancesLeft = firstTasks.Count;
        var conflicts = 0;
        var watch = Stopwatch.StartNew();
        await RunWorkersAsync(async () =>
        {
            try
            {
                await foreach (var workItemId in queue.Reader.ReadAllAsync())
                {
                    var started = Stopwatch.GetTimestamp();
                    var position = await CompleteAsync(workItemId, () => Interlocked.Increment(ref conflicts));
                    var latency = Stopwatch.GetElapsedTime(started);
                    latencies[Interlocked.Increment(ref finished)] = latency.TotalMilliseconds;

                    foreach (var opened in position.OpenWorkItems.Where(t => queued.TryAdd(t.Id, true)))
                    {
                        queue.Writer.TryWrite(opened.Id);
                    }

                    if (position.OpenWorkItems.IsEmpty && position.Status != InstanceStatus.Completed)
                    {
                        throw new InvalidOperationException($"Instance {position.InstanceId} is {position.Status} with no open task after a completion.");
                    }

                    if (position.Status == InstanceStatus.Completed && Interlocked.Decrement(ref instancesLeft) == 0)
                    {
                        queue.Writer.TryComplete();
                    }
                }
            }
            catch (Exception e)
            {
                queue.Writer.TryComplete(e);
                throw;
            }
        });
        var elapsed = watch.Elapsed;
        if (finished + 1 != latencies.Length)
        {
            throw new InvalidOperationException($"{finished + 1} of {latencies.Length} tasks were completed.");
        }

        return new CompletionPhase(latencies, elapsed, conflicts);
    }

    /// <summary>
    /// One officer request: its own scope and DbContext; the engine's command joins the transaction the request opened,
    /// which commits at the edge (<see cref="BenchSettings.EdgeTransaction"/>), or with <c>--engine-owned</c> commits itself.
    /// </summary>
    private async Task<InstancePosition> CompleteAsync(Guid workItemId, Action onConflict)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var recorded = recorder?.BeginRequest();
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
                var engine = scope.ServiceProvider.GetRequiredService<IWorkflowEngine>();
                await using var transaction = settings.EdgeTransaction ? await db.Database.BeginTransactionAsync() : null;
                var read = await engine.ReadWorkItemAsync(workItemId);
                var task = read.Item;
                var position = await engine.CompleteWorkItemAsync(new CompleteWorkItem(task.Id)
                {
                    Outcome = task.Outcomes.IsEmpty ? null : task.Outcomes[0],
                    Actor = $"{task.CandidateRole}-officer",
                    Comment = "Đã kiểm tra, đủ điều kiện.",
                    Read = read,
                });
                if (transaction is not null)
                {
                    await transaction.CommitAsync();
                }

                if (recorded is not null)
                {
                    recorder!.Keep(recorded);
                }

                return position;
            }
            catch (WorkflowConcurrencyException) when (attempt < 20)
            {
                // Two officers answered on the same dossier at once (the ten opinions of one dossier are queued together):
                // the loser reloads and tries again, after a moment so that the winner's next answer does not race it again.
                onConflict();
                await Task.Delay(Random.Shared.Next(1, 4));
            }
        }
    }

    private Task RunWorkersAsync(Func<Task> work) =>
        Task.WhenAll(Enumerable.Range(0, settings.Workers).Select(_ => Task.Run(work)));
}

internal sealed record StartPhase(IReadOnlyList<Guid> FirstTasks, int OnOldVersions, TimeSpan Elapsed);

/// <summary>Latencies in completion order (so the first and last tenth show whether cost grows as the store fills).</summary>
internal sealed record CompletionPhase(double[] LatenciesMs, TimeSpan Elapsed, int Conflicts)
{
    public double Percentile(double p, double from = 0, double to = 1)
    {
        var slice = LatenciesMs[(int)(from * LatenciesMs.Length)..(int)(to * LatenciesMs.Length)];
        Array.Sort(slice);
        return slice[Math.Clamp((int)Math.Ceiling(p * slice.Length) - 1, 0, slice.Length - 1)];
    }
}
