using DossierWorkflow.Engine.Deployment;
using DossierWorkflow.Engine.Handlers;
using DossierWorkflow.Engine.Runtime;
using DossierWorkflow.Engine.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.Engine;

public static class WorkflowEngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the engine: the scoped <see cref="IWorkflowEngine"/>, the definition cache, the timer and outbox workers,
    /// <see cref="TimeProvider.System"/> and the <see cref="WeekendOnlyCalendar"/> unless already registered (register your
    /// own <see cref="IWorkingCalendar"/> or <see cref="TimeProvider"/> to replace them), and the options, validated at
    /// start-up. The host binds settings in <paramref name="configure"/> (e.g. <c>o =&gt; section.Bind(o)</c>). The caller
    /// registers the storage port (<c>IWorkflowStore</c>, scoped, sharing the domain's DbContext) and, to deploy BPMN XML,
    /// an <c>IDefinitionCompiler</c>; and, to route user tasks to units of its organisation, an <see cref="ICandidateUnitResolver"/>
    /// (scoped; by default no task is routed).
    /// </summary>
    public static IServiceCollection AddWorkflowEngine(this IServiceCollection services, Action<WorkflowEngineOptions>? configure = null)
    {
        services.AddOptions<WorkflowEngineOptions>().Configure(o => configure?.Invoke(o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkflowEngineOptions>, WorkflowEngineOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWorkingCalendar>(_ => new WeekendOnlyCalendar());
        services.TryAddSingleton<DefinitionCache>();
        services.TryAddSingleton<ServiceTaskHandlers>();
        services.TryAddScoped<ICandidateUnitResolver, NoCandidateUnits>();
        services.TryAddScoped<IWorkflowEngine, WorkflowEngine>();
        services.TryAddScoped(provider => new WorkflowTestRun(
            provider.GetRequiredService<ServiceTaskHandlers>(), provider.GetRequiredService<IWorkingCalendar>(), provider.GetRequiredService<IOptions<WorkflowEngineOptions>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, TimerWorker>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, OutboxWorker>());
        return services;
    }

    /// <summary>Registers an in-transaction service-task handler (served under its <see cref="IServiceTaskHandler.Name"/>).</summary>
    public static IServiceCollection AddServiceTaskHandler<THandler>(this IServiceCollection services)
        where THandler : class, IServiceTaskHandler
    {
        services.AddSingleton<IServiceTaskHandler, THandler>();
        return services;
    }

    /// <summary>Registers an external handler, delivered through the transactional outbox.</summary>
    public static IServiceCollection AddExternalTaskHandler<THandler>(this IServiceCollection services)
        where THandler : class, IExternalTaskHandler
    {
        services.AddSingleton<IExternalTaskHandler, THandler>();
        return services;
    }
}
