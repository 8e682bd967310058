using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Engine.Testing.Scenarios.Concurrency;
using DossierWorkflow.Engine.Testing.Scenarios.Gateways;
using DossierWorkflow.Engine.Testing.Scenarios.Lifecycle;
using DossierWorkflow.Engine.Testing.Scenarios.Messages;
using DossierWorkflow.Engine.Testing.Scenarios.ServiceTasks;
using DossierWorkflow.Engine.Testing.Scenarios.ThrowEvents;
using DossierWorkflow.Engine.Testing.Scenarios.EventGateways;
using DossierWorkflow.Engine.Testing.Scenarios.Errors;
using DossierWorkflow.Engine.Testing.Scenarios.CallActivities;
using DossierWorkflow.Engine.Testing.Scenarios.Signals;
using DossierWorkflow.Engine.Testing.Scenarios.MultiInstance;
using DossierWorkflow.Engine.Testing.Scenarios.Scopes;
using DossierWorkflow.Engine.Testing.Scenarios.Timers;
using DossierWorkflow.Engine.Testing.Scenarios.UserTasks;
using DossierWorkflow.Engine.Testing.Scenarios.Versioning;
using DossierWorkflow.Testing;

namespace DossierWorkflow.Dossiers.Tests.Workflow;

// Every engine scenario, unchanged, on the EF Core store: once on SQLite and once on PostgreSQL, each test on its own fresh
// migrated database (xUnit makes one instance per test). The in-memory list is Engine.Tests/Scenarios/InMemoryScenarios.cs.

public sealed class SqliteUserTaskScenarios : UserTaskScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new SqliteWorkflowDatabase();

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class SqliteGatewayScenarios : GatewayScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new SqliteWorkflowDatabase();

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class SqliteTimerScenarios : TimerScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new SqliteWorkflowDatabase();

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class SqliteMessageScenarios : MessageScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new SqliteWorkflowDatabase();

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class SqliteServiceTaskScenarios : ServiceTaskScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new SqliteWorkflowDatabase();

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class SqliteEventGatewayScenarios : EventGatewayScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new SqliteWorkflowDatabase();

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class SqliteErrorEventScenarios : ErrorEventScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new SqliteWorkflowDatabase();

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class SqliteThrowEventScenarios : ThrowEventScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new SqliteWorkflowDatabase();

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class SqliteLifecycleScenarios : LifecycleScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new SqliteWorkflowDatabase();

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class SqliteVersioningScenarios : VersioningScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new SqliteWorkflowDatabase();

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class SqliteCompletionScenarios : CompletionScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new SqliteWorkflowDatabase();

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class PostgresUserTaskScenarios(PostgresCluster cluster) : UserTaskScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new PostgresWorkflowDatabase(cluster);

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class PostgresGatewayScenarios(PostgresCluster cluster) : GatewayScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new PostgresWorkflowDatabase(cluster);

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class PostgresTimerScenarios(PostgresCluster cluster) : TimerScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new PostgresWorkflowDatabase(cluster);

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class PostgresMessageScenarios(PostgresCluster cluster) : MessageScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new PostgresWorkflowDatabase(cluster);

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class PostgresServiceTaskScenarios(PostgresCluster cluster) : ServiceTaskScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new PostgresWorkflowDatabase(cluster);

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class PostgresEventGatewayScenarios(PostgresCluster cluster) : EventGatewayScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new PostgresWorkflowDatabase(cluster);

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class PostgresErrorEventScenarios(PostgresCluster cluster) : ErrorEventScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new PostgresWorkflowDatabase(cluster);

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class PostgresThrowEventScenarios(PostgresCluster cluster) : ThrowEventScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new PostgresWorkflowDatabase(cluster);

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class PostgresLifecycleScenarios(PostgresCluster cluster) : LifecycleScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new PostgresWorkflowDatabase(cluster);

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class PostgresVersioningScenarios(PostgresCluster cluster) : VersioningScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new PostgresWorkflowDatabase(cluster);

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class PostgresCompletionScenarios(PostgresCluster cluster) : CompletionScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new PostgresWorkflowDatabase(cluster);

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class SqliteSubProcessScenarios : SubProcessScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new SqliteWorkflowDatabase();

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class PostgresSubProcessScenarios(PostgresCluster cluster) : SubProcessScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new PostgresWorkflowDatabase(cluster);

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class SqliteMultiInstanceScenarios : MultiInstanceScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new SqliteWorkflowDatabase();

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class PostgresMultiInstanceScenarios(PostgresCluster cluster) : MultiInstanceScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new PostgresWorkflowDatabase(cluster);

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class SqliteSignalScenarios : SignalScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new SqliteWorkflowDatabase();

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class PostgresSignalScenarios(PostgresCluster cluster) : SignalScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new PostgresWorkflowDatabase(cluster);

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class SqliteCallActivityScenarios : CallActivityScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new SqliteWorkflowDatabase();

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}

public sealed class PostgresCallActivityScenarios(PostgresCluster cluster) : CallActivityScenarios, IAsyncLifetime
{
    private readonly WorkflowDatabase _database = new PostgresWorkflowDatabase(cluster);

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override IWorkflowStore CreateStore() => _database.Store;
}
