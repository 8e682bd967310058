using DossierWorkflow.Dossiers.DossierCodes;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Dossiers.Workflow;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Definitions.Compilation;
using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Engine.Testing;
using DossierWorkflow.Testing;
using Microsoft.EntityFrameworkCore;
using static DossierWorkflow.Engine.Testing.ProcessBuilder;

namespace DossierWorkflow.Dossiers.Tests.Workflow;

/// <summary>
/// What only a database can show: engine commands inside the caller's transaction, the context after a conflict, and the
/// indexes behind the store's queries. (Racing completions, 100 rounds on separate contexts, run as the engine's
/// <c>CompletionScenarios</c> in <see cref="SqliteCompletionScenarios"/> and <see cref="PostgresCompletionScenarios"/>.)
/// </summary>
public abstract class EfWorkflowStoreTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    protected abstract WorkflowDatabase Database { get; }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await Database.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task An_engine_command_in_a_rolled_back_unit_of_work_leaves_nothing_behind()
    {
        await using var db = Database.CreateContext();
        var engine = new EngineHost(new EfWorkflowStore(db)).Engine;
        await engine.DeployAsync(Reception(), cancellationToken: Cancellation);

        Guid instanceId;
        await using (var unitOfWork = await db.Database.BeginTransactionAsync(Cancellation))
        {
            var code = await DossierCodeGenerator.NextAsync(db, "H12", Today, Cancellation);
            instanceId = (await engine.StartAsync(new StartInstance("reception") { BusinessKey = code.ToString() }, Cancellation)).InstanceId;
            await using (var joined = await new EfWorkflowStore(db).BeginAsync(Cancellation))
            {
                Assert.True(joined.JoinsAmbientTransaction);
            }

            await unitOfWork.RollbackAsync(Cancellation);
        }

        Assert.Null(await Database.Store.FindInstanceAsync(instanceId, Cancellation));
        Assert.Empty(await Database.Store.GetJournalAsync(instanceId, cancellationToken: Cancellation));
        Assert.Empty(await Database.Store.QueryWorkItemsAsync(new WorkItemFilter { InstanceId = instanceId }, Cancellation));
        Assert.Equal(1, (await ReceiveAsync()).Sequence);
    }

    [Fact]
    public async Task An_engine_command_committed_with_a_domain_write_makes_both_visible()
    {
        await using var db = Database.CreateContext();
        var engine = new EngineHost(new EfWorkflowStore(db)).Engine;
        await engine.DeployAsync(Reception(), cancellationToken: Cancellation);

        string code;
        Guid instanceId;
        await using (var unitOfWork = await db.Database.BeginTransactionAsync(Cancellation))
        {
            code = (await DossierCodeGenerator.NextAsync(db, "H12", Today, Cancellation)).ToString();
            var started = await engine.StartAsync(new StartInstance("reception") { BusinessKey = code }, Cancellation);
            await engine.CompleteWorkItemAsync(new CompleteWorkItem(Assert.Single(started.OpenWorkItems).Id) { Actor = "an" }, Cancellation);
            instanceId = started.InstanceId;
            await unitOfWork.CommitAsync(Cancellation);
        }

        var instance = await Database.Store.FindInstanceAsync(instanceId, Cancellation);
        Assert.Equal((code, InstanceStatus.Completed), (instance?.BusinessKey, instance?.Status));
        Assert.Single(await Database.Store.QueryWorkItemsAsync(new WorkItemFilter { BusinessKey = code, Status = WorkItemStatus.Completed }, Cancellation));
        Assert.Equal(2, (await ReceiveAsync()).Sequence);
    }

    [Fact]
    public async Task A_conflict_inside_the_callers_transaction_fails_the_whole_unit_of_work()
    {
        var instanceId = await new EngineHost(Database.Store).StartAsync(Reception());
        await using var db = Database.CreateContext();
        var store = new EfWorkflowStore(db);

        await using (var unitOfWork = await db.Database.BeginTransactionAsync(Cancellation))
        {
            await DossierCodeGenerator.NextAsync(db, "H12", Today, Cancellation);
            await using (var command = await store.BeginAsync(Cancellation))
            {
                var loaded = (await command.LoadInstanceAsync(instanceId, Cancellation))!;

                // Inserting an instance that exists: a unique-key violation, which aborts a PostgreSQL transaction.
                var duplicate = Touch(loaded, "duplicate") with { ExpectedVersion = 0 };

                var conflict = await Assert.ThrowsAsync<WorkflowConcurrencyException>(() => command.SaveAsync(duplicate, Cancellation));
                Assert.True(conflict.CallerMustRollBack);
            }

            await unitOfWork.RollbackAsync(Cancellation);
        }

        Assert.Null((await Database.Store.FindInstanceAsync(instanceId, Cancellation))!.EndReason);
        Assert.Equal(1, (await ReceiveAsync()).Sequence);
        Assert.Empty(db.ChangeTracker.Entries());
    }

    [Fact]
    public async Task The_context_stays_usable_after_losing_a_race()
    {
        var host = new EngineHost(Database.Store);
        var instanceId = await host.StartAsync(Reception());
        await using var db = Database.CreateContext();
        var store = new EfWorkflowStore(db);

        await using (var loser = await store.BeginAsync(Cancellation))
        {
            var loaded = (await loser.LoadInstanceAsync(instanceId, Cancellation))!;
            await host.Engine.ClaimWorkItemAsync(Assert.Single(loaded.OpenWorkItems).Id, "binh", Cancellation);

            await Assert.ThrowsAsync<WorkflowConcurrencyException>(async () =>
            {
                await loser.SaveAsync(Touch(loaded, "lost"), Cancellation);
                await loser.CommitAsync(Cancellation);
            });
        }

        var engine = new EngineHost(store).Engine;
        await engine.DeployAsync(Reception(), cancellationToken: Cancellation);
        var task = Assert.Single((await engine.GetPositionAsync(instanceId, Cancellation)).OpenWorkItems);
        var done = await engine.CompleteWorkItemAsync(new CompleteWorkItem(task.Id) { Actor = "binh" }, Cancellation);

        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Null((await Database.Store.FindInstanceAsync(instanceId, Cancellation))!.EndReason);
        Assert.Empty(db.ChangeTracker.Entries());
    }

    [Fact]
    public async Task A_stale_version_in_the_one_batch_write_commits_none_of_its_rows()
    {
        var host = new EngineHost(Database.Store);
        var instanceId = await host.StartAsync(Reception());
        await using var db = Database.CreateContext();

        await using (var loser = await new EfWorkflowStore(db).BeginAsync(Cancellation))
        {
            var loaded = (await loser.LoadInstanceAsync(instanceId, Cancellation))!;
            await host.Engine.ClaimWorkItemAsync(Assert.Single(loaded.OpenWorkItems).Id, "binh", Cancellation);

            await Assert.ThrowsAsync<WorkflowConcurrencyException>(async () =>
            {
                await loser.SaveAsync(CompleteAndMoveOn(loaded, loaded.Instance.Version), Cancellation);
                await loser.CommitAsync(Cancellation);
            });
        }

        await AssertOnlyTheStartIsStoredAsync(instanceId, assignee: "binh");
        Assert.Empty(db.ChangeTracker.Entries());
    }

    [Fact]
    public async Task A_statement_failing_after_the_versioned_update_commits_none_of_the_write()
    {
        // The version is right, so the instance's update succeeds; the journal's line then repeats a sequence already
        // stored: the command's own transaction must keep none of the write.
        var instanceId = await new EngineHost(Database.Store).StartAsync(Reception());
        await using var db = Database.CreateContext();

        await using (var command = await new EfWorkflowStore(db).BeginAsync(Cancellation))
        {
            var loaded = (await command.LoadInstanceAsync(instanceId, Cancellation))!;
            var changes = CompleteAndMoveOn(loaded, loaded.Instance.Version);
            var repeated = changes with { Journal = [changes.Journal[0] with { Sequence = 1 }] };

            await Assert.ThrowsAsync<WorkflowConcurrencyException>(async () =>
            {
                await command.SaveAsync(repeated, Cancellation);
                await command.CommitAsync(Cancellation);
            });
        }

        await AssertOnlyTheStartIsStoredAsync(instanceId, assignee: null);
    }

    [Fact]
    public async Task A_stale_version_inside_the_callers_transaction_is_reported_for_the_caller_to_roll_back()
    {
        var instanceId = await new EngineHost(Database.Store).StartAsync(Reception());
        await using var db = Database.CreateContext();

        await using (var unitOfWork = await db.Database.BeginTransactionAsync(Cancellation))
        {
            await DossierCodeGenerator.NextAsync(db, "H12", Today, Cancellation);
            await using (var command = await new EfWorkflowStore(db).BeginAsync(Cancellation))
            {
                var loaded = (await command.LoadInstanceAsync(instanceId, Cancellation))!;

                // No error stops the write: the versioned UPDATE matches no row and every other statement runs, so the
                // row count alone tells, and only the caller's rollback takes back what the command wrote.
                var stale = CompleteAndMoveOn(loaded, loaded.Instance.Version + 1);

                var conflict = await Assert.ThrowsAsync<WorkflowConcurrencyException>(() => command.SaveAsync(stale, Cancellation));
                Assert.True(conflict.CallerMustRollBack);
            }

            await unitOfWork.RollbackAsync(Cancellation);
        }

        await AssertOnlyTheStartIsStoredAsync(instanceId, assignee: null);
        Assert.Equal(1, (await ReceiveAsync()).Sequence);
        Assert.Empty(db.ChangeTracker.Entries());
    }

    [Fact]
    public async Task A_command_inside_the_callers_transaction_sends_its_write_as_one_command_of_changed_columns_only()
    {
        var instanceId = await new EngineHost(Database.Store).StartAsync(Reception());
        var sql = new SqlRecorder();
        await using var db = new DossiersDbContext(new DbContextOptionsBuilder<DossiersDbContext>(Database.Options).AddInterceptors(sql).Options);
        var engine = new EngineHost(new EfWorkflowStore(db)).Engine;
        await engine.DeployAsync(Reception(), cancellationToken: Cancellation);
        var task = Assert.Single((await engine.GetPositionAsync(instanceId, Cancellation)).OpenWorkItems);

        await using (var unitOfWork = await db.Database.BeginTransactionAsync(Cancellation))
        {
            sql.Commands.Clear();
            await engine.CompleteWorkItemAsync(new CompleteWorkItem(task.Id) { Actor = "an" }, Cancellation);
            await unitOfWork.CommitAsync(Cancellation);
        }

        // The load, then the whole change set in one command: the instance's versioned update first, the journal's lines
        // in one multi-row insert; no savepoint and no transaction of the command's own.
        Assert.Equal(2, sql.Commands.Count);
        Assert.Equal((1, 0), (sql.Transactions, sql.Savepoints));
        Assert.Contains("FROM \"WorkflowWorkItems\" WHERE \"Id\" = ", sql.Commands[0], StringComparison.Ordinal);
        var writes = sql.Commands[1].Split(";\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        Assert.StartsWith(VersionedInstanceUpdate, writes[0], StringComparison.Ordinal);
        Assert.Single(writes, s => s.StartsWith("INSERT INTO \"WorkflowJournalEntries\"", StringComparison.Ordinal));
        var workItemUpdate = Assert.Single(writes, s => s.StartsWith("UPDATE \"WorkflowWorkItems\"", StringComparison.Ordinal));
        Assert.DoesNotContain("\"Name\"", workItemUpdate, StringComparison.Ordinal);
        Assert.Equal(InstanceStatus.Completed, (await Database.Store.FindInstanceAsync(instanceId, Cancellation))?.Status);
    }

    [Fact]
    public async Task A_command_outside_a_unit_of_work_loads_in_one_read_and_writes_in_its_own_transaction()
    {
        var instanceId = await new EngineHost(Database.Store).StartAsync(Reception());
        var taskId = Assert.Single(await Database.Store.QueryWorkItemsAsync(new WorkItemFilter { InstanceId = instanceId }, Cancellation)).Id;
        var sql = new SqlRecorder();
        await using var db = new DossiersDbContext(new DbContextOptionsBuilder<DossiersDbContext>(Database.Options).AddInterceptors(sql).Options);
        var engine = new EngineHost(new EfWorkflowStore(db)).Engine;
        await engine.DeployAsync(Reception(), cancellationToken: Cancellation);
        sql.Commands.Clear();
        var transactionsBefore = sql.Transactions;

        var done = await engine.CompleteWorkItemAsync(new CompleteWorkItem(taskId) { Actor = "an" }, Cancellation);

        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Equal(2, sql.Commands.Count);
        Assert.StartsWith(VersionedInstanceUpdate, sql.Commands[1], StringComparison.Ordinal);
        Assert.Equal(1, sql.Transactions - transactionsBefore);
        Assert.Equal(WorkItemStatus.Completed, (await Database.Store.FindWorkItemAsync(taskId, Cancellation))?.Status);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_write_that_only_moves_the_instance_on_commits_owned_or_joined(bool joined)
    {
        // Only the versioned update: one row, whichever transaction it runs in.
        var instanceId = await new EngineHost(Database.Store).StartAsync(Reception());
        await using var db = Database.CreateContext();
        await using (var unitOfWork = joined ? await db.Database.BeginTransactionAsync(Cancellation) : null)
        {
            await using (var command = await new EfWorkflowStore(db).BeginAsync(Cancellation))
            {
                var loaded = (await command.LoadInstanceAsync(instanceId, Cancellation))!;
                await command.SaveAsync(Touch(loaded, "checked"), Cancellation);
                await command.CommitAsync(Cancellation);
            }

            if (unitOfWork is not null)
            {
                await unitOfWork.CommitAsync(Cancellation);
            }
        }

        Assert.Equal("checked", (await Database.Store.FindInstanceAsync(instanceId, Cancellation))?.EndReason);
    }

    [Fact]
    public async Task A_change_set_too_large_for_one_command_is_written_whole_in_several()
    {
        // 400 parallel branches, each waiting in a task: one start writes 400 tokens, 400 work items and over 1,200
        // journal lines, far more parameters than one command binds.
        const int branches = 400;
        var process = Process("wide").Start().ParallelGateway("split");
        for (var i = 0; i < branches; i++)
        {
            process.From("split").UserTask($"task-{i}").End($"end-{i}");
        }

        var sql = new SqlRecorder();
        await using var db = new DossiersDbContext(new DbContextOptionsBuilder<DossiersDbContext>(Database.Options).AddInterceptors(sql).Options);
        var engine = new EngineHost(new EfWorkflowStore(db)).Engine;
        await engine.DeployAsync(process.Build(), cancellationToken: Cancellation);
        sql.Commands.Clear();
        var transactionsBefore = sql.Transactions;

        var started = await engine.StartAsync(new StartInstance("wide"), Cancellation);

        // Several commands, all in the command's one transaction.
        var writes = sql.Commands.Where(c => c.StartsWith("INSERT", StringComparison.Ordinal)).ToList();
        Assert.True(writes.Count > 1, $"{writes.Count} write command(s)");
        Assert.Equal(1, sql.Transactions - transactionsBefore);
        Assert.StartsWith("INSERT INTO \"WorkflowInstances\"", writes[0], StringComparison.Ordinal);
        Assert.Equal(branches, started.OpenWorkItems.Length);
        Assert.Equal(branches, (await Database.Store.QueryWorkItemsAsync(new WorkItemFilter { InstanceId = started.InstanceId, Take = 1000 }, Cancellation)).Count);
        var journal = await Database.Store.GetJournalAsync(started.InstanceId, cancellationToken: Cancellation);
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i), journal.Select(e => e.Sequence));
        Assert.Equal(branches, journal.Count(e => e.Kind == JournalEntryKind.TaskCreated));
    }

    [Fact]
    public async Task A_process_that_did_not_deploy_a_version_starts_it_from_its_stored_source()
    {
        const string bpmn = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:dw="urn:dossierworkflow:bpmn:1" id="D">
              <process id="intake" name="Intake" isExecutable="true">
                <startEvent id="Start" />
                <sequenceFlow id="F1" sourceRef="Start" targetRef="Check" />
                <userTask id="Check" name="Check the documents" dw:role="reception" />
                <sequenceFlow id="F2" sourceRef="Check" targetRef="End" />
                <endEvent id="End" />
              </process>
            </definitions>
            """;
        var compiler = BpmnDefinitionCompiler.WithoutHandlerCheck();
        await using (var deploying = Database.CreateContext())
        {
            await new EngineHost(new EfWorkflowStore(deploying), compiler: compiler).Engine.DeployBpmnAsync(bpmn, cancellationToken: Cancellation);
        }

        // Another app instance, or this one after a restart: nothing compiled in its cache yet.
        await using var db = Database.CreateContext();
        var started = await new EngineHost(new EfWorkflowStore(db), compiler: compiler).Engine.StartAsync(new StartInstance("intake"), Cancellation);

        Assert.Equal(("intake", 1), (started.DefinitionKey, started.DefinitionVersion));
        Assert.Equal("Check", Assert.Single(started.OpenWorkItems).ElementId);
    }

    [Fact]
    public async Task The_due_timer_claim_and_the_latest_definition_look_up_use_indexes()
    {
        await SeedAsync(definitionKeys: 100, versionsPerKey: 40, timers: 5000);
        var plans = new QueryPlanRecorder(Database.IsPostgres);
        await using var db = new DossiersDbContext(new DbContextOptionsBuilder<DossiersDbContext>(Database.Options).AddInterceptors(plans).Options);
        var store = new EfWorkflowStore(db);

        var claimed = await store.ClaimDueTimersAsync(Start.AddMinutes(10), 50, "worker-a", Start.AddHours(1), Cancellation);
        await using (var transaction = await store.BeginAsync(Cancellation))
        {
            Assert.Equal(40, (await transaction.FindLatestDefinitionAsync("procedure-42", Cancellation))?.Version);
        }

        Assert.Equal(10, claimed.Count);
        Assert.Equal(2, plans.Plans.Count);
        Assert.All(plans.Plans, plan => Assert.True(plans.UsesIndexesOnly(plan), plan));
        Assert.Contains("IX_WorkflowTimers_DueAt", plans.Plans[0]);
    }

    protected static DateTimeOffset Start => FakeTimeProvider.MondayMorning;

    private const string VersionedInstanceUpdate = "UPDATE \"WorkflowInstances\"";

    private static ExecutableDefinition Reception() => Process("reception").Start().UserTask("check", name: "Check the documents").End().Build();

    private async Task<DossierCode> ReceiveAsync()
    {
        await using var db = Database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(Cancellation);
        var code = await DossierCodeGenerator.NextAsync(db, "H12", Today, Cancellation);
        await transaction.CommitAsync(Cancellation);
        return code;
    }

    /// <summary>Fills the tables the way months of use would, then refreshes the planner's statistics.</summary>
    private async Task SeedAsync(int definitionKeys, int versionsPerKey, int timers)
    {
        await using var db = Database.CreateContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.AddRange(
            from key in Enumerable.Range(1, definitionKeys)
            from version in Enumerable.Range(1, versionsPerKey)
            select new StoredDefinition
            {
                Key = $"procedure-{key}",
                Version = version,
                Name = $"Procedure {key}",
                ContentHash = $"{key}-{version}",
                Source = "<definitions/>",
                DeployedAt = Start.AddDays(-version),
            });
        db.AddRange(Enumerable.Range(1, timers).Select(i => new StoredTimer
        {
            Id = Guid.NewGuid(),
            InstanceId = Guid.NewGuid(),
            TokenId = Guid.NewGuid(),
            ElementId = "wait",
            DueAt = Start.AddMinutes(i),
        }));
        await db.SaveChangesAsync(Cancellation);
        await db.Database.ExecuteSqlRawAsync("ANALYZE", Cancellation);
    }

    /// <summary>
    /// What completing the loaded task and moving on writes: the instance, a consumed and a new token, the completed and a
    /// new task, a journal line (at a sequence no other command takes, so only the version can fail).
    /// </summary>
    private static WorkflowChangeSet CompleteAndMoveOn(StoredInstanceState loaded, long expectedVersion)
    {
        var token = Assert.Single(loaded.Tokens);
        var task = Assert.Single(loaded.OpenWorkItems);
        var next = token with { Id = Guid.NewGuid(), ElementId = "next" };
        return new WorkflowChangeSet(
            loaded.Instance with { Version = expectedVersion + 1, JournalSequence = loaded.Instance.JournalSequence + 10, EndReason = "lost" },
            expectedVersion,
            new RowChanges<StoredToken>([next], [], [token.Id]),
            new RowChanges<StoredWorkItem>(
                [task with { Id = Guid.NewGuid(), TokenId = next.Id, ElementId = "next" }],
                [task with { Status = WorkItemStatus.Completed, CompletedBy = "an", CompletedAt = Start }],
                []),
            RowChanges<StoredTimer>.None,
            RowChanges<StoredMessageSubscription>.None,
            RowChanges<StoredIncident>.None,
            RowChanges<StoredOutboxMessage>.None,
            [new StoredJournalEntry { InstanceId = loaded.Instance.Id, Sequence = loaded.Instance.JournalSequence + 10, At = Start, Kind = JournalEntryKind.TaskCompleted, WorkItemId = task.Id }]);
    }

    /// <summary>The instance as the start left it (with the task held by <paramref name="assignee"/>): nothing of a failed command.</summary>
    private async Task AssertOnlyTheStartIsStoredAsync(Guid instanceId, string? assignee)
    {
        var instance = await Database.Store.FindInstanceAsync(instanceId, Cancellation);
        var tasks = await Database.Store.QueryWorkItemsAsync(new WorkItemFilter { InstanceId = instanceId, Status = null }, Cancellation);
        await using var transaction = await Database.Store.BeginAsync(Cancellation);
        var loaded = (await transaction.LoadInstanceAsync(instanceId, Cancellation))!;

        var task = Assert.Single(tasks);

        Assert.Null(instance?.EndReason);
        Assert.Equal(("check", WorkItemStatus.Open, assignee), (task.ElementId, task.Status, task.Assignee));
        Assert.Equal("check", Assert.Single(loaded.Tokens).ElementId);
        Assert.DoesNotContain(await Database.Store.GetJournalAsync(instanceId, cancellationToken: Cancellation), e => e.Sequence > loaded.Instance.JournalSequence);
    }

    private static WorkflowChangeSet Touch(StoredInstanceState loaded, string marker) => new(
        loaded.Instance with { Version = loaded.Instance.Version + 1, EndReason = marker },
        loaded.Instance.Version,
        RowChanges<StoredToken>.None,
        RowChanges<StoredWorkItem>.None,
        RowChanges<StoredTimer>.None,
        RowChanges<StoredMessageSubscription>.None,
        RowChanges<StoredIncident>.None,
        RowChanges<StoredOutboxMessage>.None,
        []);
}

public sealed class EfWorkflowStoreTestsOnSqlite : EfWorkflowStoreTests
{
    protected override WorkflowDatabase Database { get; } = new SqliteWorkflowDatabase();
}

public sealed class EfWorkflowStoreTestsOnPostgres(PostgresCluster cluster) : EfWorkflowStoreTests
{
    protected override WorkflowDatabase Database { get; } = new PostgresWorkflowDatabase(cluster);
}
