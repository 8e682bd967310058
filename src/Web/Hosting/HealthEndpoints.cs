using DossierWorkflow.Dossiers.Attachments;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.Web.Hosting;

/// <summary>
/// The probes both hosts answer: <c>/health/live</c> (the process serves requests; no dependency asked),
/// <c>/health/ready</c> (the database and the attachment store answer: send it traffic), and <c>/health</c> (the same
/// as ready, kept for the Docker health check and older monitors). Each answers 200 <c>Healthy</c> or 503
/// <c>Unhealthy</c>.
/// </summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IServiceCollection AddReadinessChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<DossiersDbContext>("database", tags: [Ready])
            .AddCheck<AttachmentStoreHealthCheck>("attachments", tags: [Ready]);
        return services;
    }

    public static RouteGroupBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var health = endpoints.MapGroup("/health");
        health.MapHealthChecks("/live", new HealthCheckOptions { Predicate = _ => false });
        health.MapHealthChecks("/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        health.MapHealthChecks("", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        return health;
    }
}
