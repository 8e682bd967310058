using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Dossiers.Workflow;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Testing;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Tests.Workflow;

/// <summary>
/// The one-round-trip load (<see cref="InstanceLoad"/>): every kind of active row comes back whole, with every column
/// through the same conversions EF Core applies, and nothing else; by work item as well as by instance; and on indexes
/// whatever the planner's statistics say.
/// </summary>
public abstract class InstanceLoadTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 8, 30, 15, TimeSpan.Zero);

    protected abstract WorkflowDatabase Database { get; }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await Database.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Loading_an_instance_returns_each_kind_of_active_row_whole_and_nothing_else()
    {
        var seeded = Seeded.Instance(Guid.NewGuid());
        var neighbour = Seeded.Instance(Guid.NewGuid());
        await SaveAsync(seeded.AllRows.Concat(neighbour.AllRows));

        await using var db = Database.CreateContext();
        await using var transaction = await new EfWorkflowStore(db).BeginAsync(Cancellation);
        var loaded = await transaction.LoadInstanceAsync(seeded.Row.Id, Cancellation);

        Assert.NotNull(loaded);
        Assert.Equal(seeded.Row, loaded.Instance);
        Assert.Equal(seeded.Tokens, loaded.Tokens.OrderBy(t => t.ElementId));
        Assert.Equal([seeded.OpenWorkItem], loaded.OpenWorkItems);
        Assert.Equal([seeded.Timer], loaded.Timers);
        Assert.Equal([seeded.Subscription], loaded.MessageSubscriptions);
        Assert.Equal([seeded.OpenIncident], loaded.OpenIncidents);
        Assert.Null(await transaction.LoadInstanceAsync(Guid.NewGuid(), Cancellation));
    }

    [Fact]
    public async Task Loading_by_work_item_returns_the_item_whatever_its_status_with_its_instance()
    {
        var seeded = Seeded.Instance(Guid.NewGuid());
        await SaveAsync(seeded.AllRows.Concat(Seeded.Instance(Guid.NewGuid()).AllRows));

        await using var db = Database.CreateContext();
        await using var transaction = await new EfWorkflowStore(db).BeginAsync(Cancellation);
        var open = await transaction.LoadInstanceOfWorkItemAsync(seeded.OpenWorkItem.Id, Cancellation);
        var completed = await transaction.LoadInstanceOfWorkItemAsync(seeded.CompletedWorkItem.Id, Cancellation);
        var unknown = await transaction.LoadInstanceOfWorkItemAsync(Guid.NewGuid(), Cancellation);

        Assert.Equal(seeded.OpenWorkItem, open?.WorkItem);
        Assert.Equal(seeded.Row, open?.Instance?.Instance);
        Assert.Equal([seeded.OpenWorkItem], open?.Instance?.OpenWorkItems);
        Assert.Equal(seeded.Tokens, open?.Instance?.Tokens.OrderBy(t => t.ElementId));
        Assert.Equal(seeded.CompletedWorkItem, completed?.WorkItem);
        Assert.Equal(seeded.Row, completed?.Instance?.Instance);
        Assert.Null(unknown);
    }

    [Fact]
    public async Task A_work_item_whose_instance_row_is_missing_comes_back_without_an_instance()
    {
        var seeded = Seeded.Instance(Guid.NewGuid());
        await SaveAsync(seeded.AllRows.Where(row => row is not StoredInstance));

        await using var db = Database.CreateContext();
        await using var transaction = await new EfWorkflowStore(db).BeginAsync(Cancellation);
        var loaded = await transaction.LoadInstanceOfWorkItemAsync(seeded.OpenWorkItem.Id, Cancellation);

        Assert.Equal(seeded.OpenWorkItem, loaded?.WorkItem);
        Assert.Null(loaded?.Instance);
    }

    [Fact]
    public async Task Every_statement_of_the_load_reads_through_an_index_even_before_the_statistics_know_the_rows()
    {
        // Statistics taken while the tables were empty, then a bulk of open tasks: the state right after a mass start,
        // before autovacuum analyses the new rows.
        await using (var db = Database.CreateContext())
        {
            if (Database.IsPostgres)
            {
                // Keeps autovacuum from refreshing the statistics between the bulk insert and the plans, which would quietly
                // test the easy case instead.
                foreach (var table in db.Model.GetEntityTypes().Where(t => t.ClrType.Namespace == typeof(StoredWorkItem).Namespace).Select(t => t.GetTableName()).Distinct())
                {
                    var sql = "ALTER TABLE \"" + table + "\" SET (autovacuum_enabled = false)";
                    await db.Database.ExecuteSqlRawAsync(sql, Cancellation);
                }
            }

            await db.Database.ExecuteSqlRawAsync("ANALYZE", Cancellation);
        }

        var target = Seeded.Instance(Guid.NewGuid());
        await SaveAsync(target.AllRows.Concat(Enumerable.Range(0, 2000).SelectMany(_ => Seeded.Instance(Guid.NewGuid()).AllRows)));
        var plans = new QueryPlanRecorder(Database.IsPostgres);
        await using (var db = new DossiersDbContext(new DbContextOptionsBuilder<DossiersDbContext>(Database.Options).AddInterceptors(plans).Options))
        await using (var transaction = await new EfWorkflowStore(db).BeginAsync(Cancellation))
        {
            Assert.NotNull(await transaction.LoadInstanceOfWorkItemAsync(target.OpenWorkItem.Id, Cancellation));
        }

        Assert.Equal(7, plans.Plans.Count);
        Assert.All(plans.Plans, plan => Assert.True(plans.UsesIndexesOnly(plan), plan));
        var openWorkItems = Assert.Single(plans.Plans, plan => plan.Contains("FROM \"WorkflowWorkItems\" WHERE \"InstanceId\" =", StringComparison.Ordinal));
        // PostgreSQL's planner weighs the statistics, so the partial index is what keeps it off the queue indexes; SQLite's
        // prefers the index matching most equalities, (InstanceId, Status), as good here.
        Assert.Contains(Database.IsPostgres ? "IX_WorkflowWorkItems_InstanceId_Open" : "IX_WorkflowWorkItems_InstanceId", openWorkItems);
    }

    private async Task SaveAsync(IEnumerable<object> rows)
    {
        await using var db = Database.CreateContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.AddRange(rows);
        await db.SaveChangesAsync(Cancellation);
    }

    /// <summary>One instance with two tokens and one row of every other kind per status, every optional column set.</summary>
    private sealed record Seeded(
        StoredInstance Row,
        IReadOnlyList<StoredToken> Tokens,
        StoredWorkItem OpenWorkItem,
        StoredWorkItem CompletedWorkItem,
        StoredTimer Timer,
        StoredMessageSubscription Subscription,
        StoredIncident OpenIncident,
        StoredIncident ResolvedIncident)
    {
        public IEnumerable<object> AllRows =>
            [Row, .. Tokens, OpenWorkItem, CompletedWorkItem, Timer, Subscription, OpenIncident, ResolvedIncident];

        public static Seeded Instance(Guid id)
        {
            var token = new StoredToken { Id = Guid.NewGuid(), InstanceId = id, ElementId = "check", Status = TokenStatus.Waiting, ArrivedViaFlowId = "flow-1" };
            var openItem = new StoredWorkItem
            {
                Id = Guid.NewGuid(),
                InstanceId = id,
                TokenId = token.Id,
                DefinitionKey = "birth-registration",
                DefinitionVersion = 3,
                BusinessKey = "000.00.25.H12-261123-0001",
                ElementId = "check",
                Name = "Kiểm tra hồ sơ",
                CandidateRole = "specialist",
                UnitScope = "receiving-unit",
                Form = "check-form",
                Outcomes = "approve,reject",
                Assignee = "binh",
                Owner = "an",
                Status = WorkItemStatus.Open,
                CreatedAt = At,
                DueAt = At.AddDays(3),
            };
            return new Seeded(
                new StoredInstance
                {
                    Id = id,
                    DefinitionKey = "birth-registration",
                    DefinitionVersion = 3,
                    BusinessKey = "000.00.25.H12-261123-0001",
                    Status = InstanceStatus.Running,
                    Result = "pending",
                    VariablesJson = """{"applicant":"Nguyễn Thị Hồng Nhung","fee":0}""",
                    Version = 7,
                    JournalSequence = 12,
                    StartedAt = At.AddDays(-1),
                    StartedBy = "reception-officer",
                    EndedAt = At.AddDays(1),
                    EndedBy = "leader",
                    EndReason = "not yet",
                },
                [token, new StoredToken { Id = Guid.NewGuid(), InstanceId = id, ElementId = "join", Status = TokenStatus.Joining }],
                openItem,
                openItem with
                {
                    Id = Guid.NewGuid(),
                    Status = WorkItemStatus.Completed,
                    Outcome = "approve",
                    Comment = "Đủ điều kiện.",
                    CompletedBy = "binh",
                    CompletedAt = At.AddHours(2),
                },
                new StoredTimer { Id = Guid.NewGuid(), InstanceId = id, TokenId = token.Id, ElementId = "deadline", DueAt = At.AddDays(2), LockedBy = "worker-1", LockedUntil = At.AddMinutes(5) },
                new StoredMessageSubscription { Id = Guid.NewGuid(), InstanceId = id, TokenId = token.Id, ElementId = "supplement", MessageName = "supplement-received", CorrelationKey = "000.00.25.H12-261123-0001", CreatedAt = At },
                new StoredIncident
                {
                    Id = Guid.NewGuid(),
                    InstanceId = id,
                    TokenId = token.Id,
                    ElementId = "notify",
                    Kind = IncidentKind.ExternalDeliveryFailed,
                    Message = "SMS gateway down",
                    Attempts = 3,
                    Status = IncidentStatus.Open,
                    CreatedAt = At,
                    NextRetryAt = At.AddMinutes(10),
                    OutboxMessageId = Guid.NewGuid(),
                },
                new StoredIncident
                {
                    Id = Guid.NewGuid(),
                    InstanceId = id,
                    ElementId = "notify",
                    Kind = IncidentKind.HandlerFailed,
                    Message = "fixed",
                    Attempts = 1,
                    Status = IncidentStatus.Resolved,
                    CreatedAt = At,
                    ResolvedAt = At.AddHours(1),
                    ResolvedBy = "admin",
                });
        }
    }
}

public sealed class InstanceLoadTestsOnSqlite : InstanceLoadTests
{
    protected override WorkflowDatabase Database { get; } = new SqliteWorkflowDatabase();
}

public sealed class InstanceLoadTestsOnPostgres(PostgresCluster cluster) : InstanceLoadTests
{
    protected override WorkflowDatabase Database { get; } = new PostgresWorkflowDatabase(cluster);
}
