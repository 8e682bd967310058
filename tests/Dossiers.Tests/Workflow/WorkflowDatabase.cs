using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Dossiers.Workflow;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DossierWorkflow.Dossiers.Tests.Workflow;

/// <summary>
/// A fresh, migrated database for one test, and the engine's EF store over it wired as the host wires it: each command and
/// each query resolves the store from its own DI scope (its own <see cref="DossiersDbContext"/>), as each request and each
/// worker run does.
/// </summary>
public abstract class WorkflowDatabase : IAsyncDisposable
{
    private ServiceProvider? _services;

    public DbContextOptions<DossiersDbContext> Options { get; private set; } = null!;

    /// <summary>The store as the engine sees it across requests and workers: one scope per command.</summary>
    public IWorkflowStore Store { get; private set; } = null!;

    public abstract bool IsPostgres { get; }

    /// <summary>A context of the caller's own (a page handler's unit of work).</summary>
    public DossiersDbContext CreateContext() => new(Options);

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        await ConfigureAsync(services);
        services.AddWorkflowStore();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        Options = _services.GetRequiredService<DbContextOptions<DossiersDbContext>>();
        await using (var db = CreateContext())
        {
            await db.Database.MigrateAsync();
            await PrepareAsync(db);
        }

        Store = new ScopePerCommandStore(_services.GetRequiredService<IServiceScopeFactory>());
    }

    /// <summary>Registers the context on this provider's fresh database.</summary>
    protected abstract Task ConfigureAsync(IServiceCollection services);

    protected virtual Task PrepareAsync(DossiersDbContext db) => Task.CompletedTask;

    public virtual async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteWorkflowDatabase : WorkflowDatabase
{
    private readonly SqliteFile _file = new("workflow");

    public override bool IsPostgres => false;

    protected override Task ConfigureAsync(IServiceCollection services)
    {
        services.AddDbContext<DossiersDbContext>(
            o => o.UseConfiguredDatabase(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = _file.ConnectionString }, ""),
            optionsLifetime: ServiceLifetime.Singleton);
        return Task.CompletedTask;
    }

    // As the host does at start-up: readers never wait for the writer.
    protected override Task PrepareAsync(DossiersDbContext db) => db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _file.Dispose();
    }
}

public sealed class PostgresWorkflowDatabase(PostgresCluster cluster) : WorkflowDatabase
{
    private string? _connectionString;

    public override bool IsPostgres => true;

    protected override async Task ConfigureAsync(IServiceCollection services)
    {
        _connectionString = await cluster.CreateDatabaseAsync("workflow");
        services.AddDbContext<DossiersDbContext>(
            o => o.UseConfiguredDatabase(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = _connectionString }, ""),
            optionsLifetime: ServiceLifetime.Singleton);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_connectionString is not null)
        {
            // Each test has its own database: drop it, which also ends the connections its pools keep (EF Core's data
            // source outlives the test's services), so that a long run never holds more than its tests use at once.
            await cluster.DropDatabaseAsync(_connectionString);
        }
    }
}
