using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.DossierCodes;
using DossierWorkflow.Dossiers.Notifications;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Dossiers.Telemetry;
using DossierWorkflow.Dossiers.Tests.Workflow;
using DossierWorkflow.Dossiers.Workflow;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Engine.Testing;
using DossierWorkflow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using static DossierWorkflow.Engine.Testing.ProcessBuilder;

namespace DossierWorkflow.Dossiers.Tests.Persistence;

/// <summary>
/// One transaction per action: the domain's rows and the engine's commands commit together or not at all, whichever of
/// them fails.
/// </summary>
public abstract class UnitOfWorkTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 12, 4);

    protected abstract WorkflowDatabase Database { get; }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        await (await EngineOnAsync(Database.Store)).DeployAsync(Reception(), cancellationToken: Cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>The unit of work of an action on <paramref name="db"/>, publishing nothing (no dossier here).</summary>
    private static UnitOfWork UnitOfWorkOn(DossiersDbContext db, IWorkflowEngine engine, ActionMeasurements? measurements = null) =>
        new(db, new ApplicantNotifications(db, engine), new DossierWorkflow.Dossiers.NationalPortal.NationalPortalSync(
            db, engine, Microsoft.Extensions.Options.Options.Create(new DossierWorkflow.Dossiers.NationalPortal.NationalPortalOptions()), TimeProvider.System),
            measurements ?? new ActionMeasurements(Metrics()));

    private static DossierMetrics Metrics() =>
        new(new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    [Fact]
    public async Task What_an_action_did_is_counted_in_the_metrics_only_once_it_committed()
    {
        using var metrics = Metrics();
        long received = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "dossierworkflow.dossiers.received")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref received, value));
        listener.Start();
        await using var db = Database.CreateContext();
        var engine = await EngineOnAsync(new EfWorkflowStore(db));

        var measurements = new ActionMeasurements(metrics);
        var rolledBack = UnitOfWorkOn(db, engine, measurements);
        await rolledBack.BeginAsync(Cancellation);
        measurements.Received(ReceptionChannel.Online, "HN.HOANKIEM");
        await rolledBack.RollBackAsync();
        var afterRollBack = Interlocked.Read(ref received);

        measurements = new ActionMeasurements(metrics);
        var committed = UnitOfWorkOn(db, engine, measurements);
        await committed.BeginAsync(Cancellation);
        measurements.Received(ReceptionChannel.Counter, "HN.HOANKIEM");
        await committed.CommitAsync(Cancellation);

        Assert.Equal(0, afterRollBack);
        Assert.Equal(1, Interlocked.Read(ref received));
    }

    [Fact]
    public async Task An_action_commits_the_domain_rows_and_the_engine_commands_together()
    {
        await using var db = Database.CreateContext();
        var engine = await EngineOnAsync(new EfWorkflowStore(db));
        var unitOfWork = UnitOfWorkOn(db, engine);

        await unitOfWork.BeginAsync(Cancellation);
        var code = await DossierCodeGenerator.NextAsync(db, "H12", Today, Cancellation);
        db.Add(new CalendarDay(new DateOnly(2026, 12, 26), true, "make-up day"));
        var started = await engine.StartAsync(new StartInstance("reception") { BusinessKey = code.ToString() }, Cancellation);
        await unitOfWork.CommitAsync(Cancellation);

        Assert.Equal(code.ToString(), (await Database.Store.FindInstanceAsync(started.InstanceId, Cancellation))?.BusinessKey);
        await using var check = Database.CreateContext();
        Assert.True(await check.Set<CalendarDay>().AnyAsync(d => d.Date == new DateOnly(2026, 12, 26), Cancellation));
    }

    [Fact]
    public async Task A_failing_engine_command_rolls_back_the_domain_rows_written_before_it()
    {
        var instanceId = await new EngineHost(Database.Store).StartAsync(Reception());
        var taskId = Assert.Single(await Database.Store.QueryWorkItemsAsync(new WorkItemFilter { InstanceId = instanceId }, Cancellation)).Id;
        await using var db = Database.CreateContext();
        var engine = await EngineOnAsync(new EfWorkflowStore(db));
        var unitOfWork = UnitOfWorkOn(db, engine);

        // Another officer completed the step just before.
        await (await EngineOnAsync(Database.Store)).CompleteWorkItemAsync(new CompleteWorkItem(taskId) { Actor = "binh" }, Cancellation);

        await unitOfWork.BeginAsync(Cancellation);
        await DossierCodeGenerator.NextAsync(db, "H12", Today, Cancellation);
        db.Add(new CalendarDay(new DateOnly(2026, 12, 26), true, "make-up day"));
        await Assert.ThrowsAsync<WorkItemClosedException>(() => engine.CompleteWorkItemAsync(new CompleteWorkItem(taskId) { Actor = "an" }, Cancellation));
        await unitOfWork.RollBackAsync();

        await using var check = Database.CreateContext();
        Assert.False(await check.Set<CalendarDay>().AnyAsync(d => d.Date == new DateOnly(2026, 12, 26), Cancellation));
        Assert.Equal(1, (await NextCodeAsync()).Sequence);
        Assert.Equal("binh", (await Database.Store.FindWorkItemAsync(taskId, Cancellation))?.CompletedBy);
    }

    [Fact]
    public async Task A_lost_race_at_the_engines_write_is_rolled_back_whole_with_the_action()
    {
        var instanceId = await new EngineHost(Database.Store).StartAsync(Reception());
        await using var db = Database.CreateContext();
        var unitOfWork = UnitOfWorkOn(db, await EngineOnAsync(new EfWorkflowStore(db)));

        // This action read the instance; another officer then claimed its step (on SQLite, whose single writer would
        // make the other officer wait for this action, before it began).
        StoredInstanceState loaded;
        await using (var read = await Database.Store.BeginAsync(Cancellation))
        {
            loaded = (await read.LoadInstanceAsync(instanceId, Cancellation))!;
        }

        await (await EngineOnAsync(Database.Store)).ClaimWorkItemAsync(Assert.Single(loaded.OpenWorkItems).Id, "binh", Cancellation);

        await unitOfWork.BeginAsync(Cancellation);
        await DossierCodeGenerator.NextAsync(db, "H12", Today, Cancellation);
        await using (var command = await new EfWorkflowStore(db).BeginAsync(Cancellation))
        {
            var stale = new WorkflowChangeSet(
                loaded.Instance with { Version = loaded.Instance.Version + 1, JournalSequence = loaded.Instance.JournalSequence + 1 },
                loaded.Instance.Version,
                RowChanges<StoredToken>.None, RowChanges<StoredWorkItem>.None, RowChanges<StoredTimer>.None,
                RowChanges<StoredMessageSubscription>.None, RowChanges<StoredIncident>.None, RowChanges<StoredOutboxMessage>.None,
                [new StoredJournalEntry { InstanceId = instanceId, Sequence = loaded.Instance.JournalSequence + 1, At = FakeTimeProvider.MondayMorning, Kind = JournalEntryKind.TaskClaimed }]);

            var conflict = await Assert.ThrowsAsync<WorkflowConcurrencyException>(() => command.SaveAsync(stale, Cancellation));
            Assert.True(conflict.CallerMustRollBack);
        }

        await unitOfWork.RollBackAsync();

        Assert.Equal(1, (await NextCodeAsync()).Sequence);
        Assert.Equal("binh", Assert.Single(await Database.Store.QueryWorkItemsAsync(new WorkItemFilter { InstanceId = instanceId }, Cancellation)).Assignee);
        var journal = await Database.Store.GetJournalAsync(instanceId, cancellationToken: Cancellation);
        Assert.Equal(journal.Count, journal.Select(e => e.Sequence).Distinct().Count());
    }

    [Fact]
    public async Task A_failing_domain_write_rolls_back_the_engine_commands_before_it()
    {
        await using (var seed = Database.CreateContext())
        {
            seed.Add(new CalendarDay(new DateOnly(2026, 12, 26), true, "make-up day"));
            await seed.SaveChangesAsync(Cancellation);
        }

        await using var db = Database.CreateContext();
        var engine = await EngineOnAsync(new EfWorkflowStore(db));
        var unitOfWork = UnitOfWorkOn(db, engine);

        await unitOfWork.BeginAsync(Cancellation);
        var code = await DossierCodeGenerator.NextAsync(db, "H12", Today, Cancellation);
        var started = await engine.StartAsync(new StartInstance("reception") { BusinessKey = code.ToString() }, Cancellation);
        await engine.ClaimWorkItemAsync(Assert.Single(started.OpenWorkItems).Id, "an", Cancellation);

        // The same date decided twice: the domain's save fails at the commit, after the engine wrote.
        db.Add(new CalendarDay(new DateOnly(2026, 12, 26), false, "twice"));
        await Assert.ThrowsAsync<DbUpdateException>(() => unitOfWork.CommitAsync(Cancellation));
        await unitOfWork.RollBackAsync();

        Assert.Null(await Database.Store.FindInstanceAsync(started.InstanceId, Cancellation));
        Assert.Empty(await Database.Store.GetJournalAsync(started.InstanceId, cancellationToken: Cancellation));
        Assert.Equal(1, (await NextCodeAsync()).Sequence);
    }

    [Fact]
    public async Task A_rolled_back_unit_of_work_cannot_be_committed()
    {
        await using var db = Database.CreateContext();
        var unitOfWork = UnitOfWorkOn(db, await EngineOnAsync(new EfWorkflowStore(db)));
        await unitOfWork.BeginAsync(Cancellation);
        db.Add(new CalendarDay(new DateOnly(2026, 12, 26), true, "make-up day"));

        await unitOfWork.RollBackAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => unitOfWork.CommitAsync(Cancellation));
        Assert.Empty(db.ChangeTracker.Entries());
    }

    /// <summary>An engine on <paramref name="store"/> that knows the procedure (deploying it again changes nothing).</summary>
    private static async Task<IWorkflowEngine> EngineOnAsync(IWorkflowStore store)
    {
        var engine = new EngineHost(store).Engine;
        await engine.DeployAsync(Reception(), cancellationToken: Cancellation);
        return engine;
    }

    private static Engine.Graph.ExecutableDefinition Reception() => Process("reception").Start().UserTask("check", name: "Check the documents").End().Build();

    private async Task<DossierCode> NextCodeAsync()
    {
        await using var db = Database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(Cancellation);
        var code = await DossierCodeGenerator.NextAsync(db, "H12", Today, Cancellation);
        await transaction.CommitAsync(Cancellation);
        return code;
    }
}

public sealed class UnitOfWorkTestsOnSqlite : UnitOfWorkTests
{
    protected override WorkflowDatabase Database { get; } = new SqliteWorkflowDatabase();
}

public sealed class UnitOfWorkTestsOnPostgres(PostgresCluster cluster) : UnitOfWorkTests
{
    protected override WorkflowDatabase Database { get; } = new PostgresWorkflowDatabase(cluster);
}
