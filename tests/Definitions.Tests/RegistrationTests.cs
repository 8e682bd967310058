using DossierWorkflow.Definitions.Catalogue;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.Definitions.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public void The_catalogue_is_registered_once_as_a_singleton()
    {
        var services = new ServiceCollection();

        services.AddProcedureCatalogue().AddProcedureCatalogue();

        var descriptor = Assert.Single(services, d => d.ServiceType == typeof(ProcedureCatalogue));
        Assert.Equal(ServiceLifetime.Singleton, descriptor.Lifetime);
        var catalogue = Assert.IsType<ProcedureCatalogue>(descriptor.ImplementationFactory!(new NoServices()));
        Assert.NotEmpty(catalogue.Procedures);
    }

    private sealed class NoServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
