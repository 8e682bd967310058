using DossierWorkflow.Definitions.Catalogue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DossierWorkflow.Definitions;

public static class ProcedureCatalogueServiceCollectionExtensions
{
    /// <summary>Registers the embedded <see cref="ProcedureCatalogue"/> as a singleton, loaded on first use.</summary>
    public static IServiceCollection AddProcedureCatalogue(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => ProcedureCatalogue.LoadEmbedded());
        return services;
    }
}
