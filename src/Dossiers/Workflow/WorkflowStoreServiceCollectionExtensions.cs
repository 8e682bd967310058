using DossierWorkflow.Engine.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DossierWorkflow.Dossiers.Workflow;

internal static class WorkflowStoreServiceCollectionExtensions
{
    /// <summary>
    /// The engine's storage port on the domain's scoped <c>DossiersDbContext</c>: an engine command run inside a page
    /// handler's transaction joins it.
    /// </summary>
    public static IServiceCollection AddWorkflowStore(this IServiceCollection services)
    {
        services.TryAddScoped<IWorkflowStore, EfWorkflowStore>();
        return services;
    }
}
