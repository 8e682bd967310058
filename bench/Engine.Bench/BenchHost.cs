using DossierWorkflow.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine.Definitions;
using DossierWorkflow.Engine.Definitions.Compilation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace DossierWorkflow.Engine.Bench;

/// <summary>
/// The application's registrations as the officer UI makes them (<c>AddDossiers</c> + <c>AddWorkflowEngine</c>), in a
/// bare service collection: no host, so the timer and outbox workers never start, and no logging provider (EF's command
/// logging alone would cost more than the engine).
/// </summary>
internal static class BenchHost
{
    public static async Task<ServiceProvider> StartAsync(BenchProvider provider, string connectionString, SqlCounter counter, CommandRecorder? recorder = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider.ToString(),
                ["Database:ConnectionString"] = connectionString,
            })
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment
        {
            ApplicationName = "Engine.Bench",
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
            ContentRootFileProvider = new NullFileProvider(),
        });
        services.AddLogging();
        services.AddDossiers();
        services.AddWorkflowEngine(o => o.RunWorkers = false);
        services.TryAddSingleton<IDefinitionCompiler>(new BpmnDefinitionCompiler([]));
        services.ConfigureDbContext<DossiersDbContext>(builder => builder.AddInterceptors(recorder is null ? [counter] : [counter, recorder]));

        var serviceProvider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await using var scope = serviceProvider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        if (provider == BenchProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL");
        }

        await db.Database.MigrateAsync();
        return serviceProvider;
    }
}
