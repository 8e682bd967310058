using DossierWorkflow.Engine.Definitions;
using DossierWorkflow.Engine.Deployment;
using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Engine.Testing;
using DossierWorkflow.Engine.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using static DossierWorkflow.Engine.Testing.ProcessBuilder;

namespace DossierWorkflow.Engine.Tests.Registration;

public sealed class AddWorkflowEngineTests
{
    [Fact]
    public void The_engine_is_scoped_with_the_system_clock_the_weekend_calendar_and_both_workers_by_default()
    {
        var services = new ServiceCollection().AddWorkflowEngine();

        Assert.Equal(ServiceLifetime.Scoped, services.Single(s => s.ServiceType == typeof(IWorkflowEngine)).Lifetime);
        Assert.Same(TimeProvider.System, services.Single(s => s.ServiceType == typeof(TimeProvider)).ImplementationInstance);
        Assert.Single(services, s => s.ServiceType == typeof(IWorkingCalendar));
        Assert.Equal(2, services.Count(s => s.ServiceType == typeof(IHostedService)));
    }

    [Fact]
    public void A_calendar_registered_by_the_domain_replaces_the_default()
    {
        var domainCalendar = new WeekendOnlyCalendar(TimeZoneInfo.Utc);
        var services = new ServiceCollection().AddSingleton<IWorkingCalendar>(domainCalendar).AddWorkflowEngine();

        Assert.Same(domainCalendar, Assert.Single(services, s => s.ServiceType == typeof(IWorkingCalendar)).ImplementationInstance);
    }

    [Fact]
    public void Invalid_options_are_reported_with_every_problem()
    {
        var result = new WorkflowEngineOptionsValidator().Validate(null, new WorkflowEngineOptions { BatchSize = 0, WorkerId = " ", PollInterval = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Equal(3, result.Failures!.Count());
        Assert.True(new WorkflowEngineOptionsValidator().Validate(null, new WorkflowEngineOptions()).Succeeded);
    }

    [Fact]
    public async Task A_definition_deployed_by_another_process_is_compiled_once_from_its_stored_source()
    {
        var compiler = new CountingCompiler(Process("from-xml").Start().UserTask("t").End().Build("xml-hash"));
        var cache = new DefinitionCache(compiler);
        var stored = new StoredDefinition { Key = "from-xml", Version = 1, ContentHash = "xml-hash", Source = "<definitions/>", DeployedAt = DateTimeOffset.UnixEpoch };

        var first = await cache.GetAsync("from-xml", 1, () => Task.FromResult<StoredDefinition?>(stored));
        var second = await cache.GetAsync("from-xml", 1, () => Task.FromResult<StoredDefinition?>(stored));

        Assert.Same(first, second);
        Assert.Equal(1, compiler.Compilations);
    }

    private sealed class CountingCompiler(ExecutableDefinition definition) : IDefinitionCompiler
    {
        public int Compilations { get; private set; }

        public DefinitionCompilation Compile(string bpmnXml)
        {
            Compilations++;
            return new DefinitionCompilation(definition, []);
        }
    }
}
