using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DossierWorkflow.Testing.Web;

/// <summary>
/// The officers' host over a real database of its own, one per test class (use as a class fixture). Scenario tests are
/// written once against this base and run on each provider through <see cref="SqliteApp"/> and <see cref="PostgresApp"/>.
/// The host is built lazily by the first request, inside the test, so a missing PostgreSQL skips (or, when required,
/// fails) that test rather than the whole class.
/// </summary>
public abstract class OfficerUiApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public abstract DatabaseProvider Provider { get; }

    /// <summary>The database of this fixture; null until <see cref="InitializeAsync"/> ran (or when the provider is not installed).</summary>
    public string? ConnectionString { get; private set; }

    /// <summary>The ASP.NET Core environment the host runs in (Development by default, like <c>dotnet run</c>).</summary>
    protected virtual string EnvironmentName => "Development";

    public virtual async ValueTask InitializeAsync() => ConnectionString = await CreateDatabaseAsync();

    /// <summary>Creates this fixture's empty database, or returns null when the provider is not available here.</summary>
    protected abstract Task<string?> CreateDatabaseAsync();

    /// <summary>Skips or fails the current test when the provider is missing (see <see cref="TestRequirements"/>).</summary>
    protected abstract void RequireProvider();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        RequireProvider();
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("Database:ConnectionString", ConnectionString);

        // Tests make the dossiers they need; the demo office of the development run would only be in their way.
        builder.UseSetting("Seeding:DemoDossiers", DemoDossiers.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private PortalHost? _portal;

    /// <summary>
    /// The citizens' portal on this fixture's database, started (after the officers' host, which prepares the database)
    /// by its first request.
    /// </summary>
    public PortalHost Portal
    {
        get
        {
            if (_portal is null)
            {
                _ = Services;
                _portal = new PortalHost(this);
            }

            return _portal;
        }
    }

    /// <summary>How many demo dossiers the host seeds (none, but for the test of the demo office itself).</summary>
    protected virtual int DemoDossiers => 0;

    public override async ValueTask DisposeAsync()
    {
        if (_portal is not null)
        {
            await _portal.DisposeAsync();
        }

        await base.DisposeAsync();
        await DropDatabaseAsync();
        GC.SuppressFinalize(this);
    }

    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;
}

/// <summary>The host on a fresh SQLite file.</summary>
public class SqliteApp : OfficerUiApp
{
    private readonly SqliteFile _file = new("app");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string?> CreateDatabaseAsync() => Task.FromResult<string?>(_file.ConnectionString);

    protected override void RequireProvider()
    {
    }

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _file.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The host on a fresh database in the run's private PostgreSQL cluster.</summary>
public class PostgresApp(PostgresCluster cluster) : OfficerUiApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override async Task<string?> CreateDatabaseAsync() =>
        PostgresCluster.MissingReason is null ? await cluster.CreateDatabaseAsync(GetType().Name) : null;

    protected override void RequireProvider() => TestRequirements.Require(PostgresCluster.RequireVariable, PostgresCluster.MissingReason);

    protected override Task DropDatabaseAsync() => ConnectionString is null ? Task.CompletedTask : cluster.DropDatabaseAsync(ConnectionString);
}

/// <summary>
/// The host as a province deploys it: PostgreSQL, and the dossiers' files in a bucket of the run's private S3 server
/// (under a key prefix of this fixture's own) instead of the data directory.
/// </summary>
public class PostgresS3App(PostgresCluster cluster, S3Server s3) : PostgresApp(cluster)
{
    /// <summary>Where this fixture's objects are in <see cref="S3Server.Bucket"/>.</summary>
    public string KeyPrefix { get; } = $"{Guid.NewGuid():N}/";

    private string? _serviceUrl;

    protected override async Task<string?> CreateDatabaseAsync()
    {
        if (S3Server.MissingReason is null)
        {
            _serviceUrl = await s3.ServiceUrlAsync();
        }

        return await base.CreateDatabaseAsync();
    }

    protected override void RequireProvider()
    {
        base.RequireProvider();
        TestRequirements.Require(S3Server.RequireVariableName, S3Server.MissingReason);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Attachments:Store", "S3");
        builder.UseSetting("Attachments:S3:ServiceUrl", _serviceUrl);
        builder.UseSetting("Attachments:S3:Bucket", S3Server.Bucket);
        builder.UseSetting("Attachments:S3:KeyPrefix", KeyPrefix);
        builder.UseSetting("Attachments:S3:AccessKey", S3Server.AccessKey);
        builder.UseSetting("Attachments:S3:SecretKey", S3Server.SecretKey);
    }
}
