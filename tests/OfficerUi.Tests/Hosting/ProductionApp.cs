using DossierWorkflow.Testing.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Hosting;

/// <summary>The host as deployed (Production environment, plus the demo officers), with two routes that fail on purpose, behind the app's pipeline.</summary>
public sealed class ProductionApp : SqliteApp
{
    /// <summary>Over HTTPS, as deployed: the cookies are secure-only outside development.</summary>
    public ProductionApp() => ClientOptions.BaseAddress = new Uri("https://localhost");

    protected override string EnvironmentName => "Production";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);

        // Demo officers, so the tests can sign in as one; everything else is as deployed.
        builder.UseSetting("Seeding:DemoData", "true");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, FailingRoutes>());
    }

    private sealed class FailingRoutes : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/broken-page", branch => branch.Run(_ => throw new InvalidOperationException("Secret internal detail")));
            app.Map("/api/broken", branch => branch.Run(_ => throw new InvalidOperationException("Secret internal detail")));
        };
    }
}
