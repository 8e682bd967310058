using System.Net;
using System.Security.Cryptography;
using System.Text;
using DossierWorkflow.Dossiers.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DossierWorkflow.Web.Hosting;

/// <summary>Who may read <c>/metrics</c> (<c>Telemetry:Prometheus:*</c>).</summary>
public sealed class MetricsEndpointOptions
{
    public const string SectionName = "Telemetry:Prometheus";

    /// <summary>
    /// The networks a scraper may call from (CIDR); none by default — behind a reverse proxy on the same machine every
    /// request would come from it. Name the scraper's network (e.g. <c>127.0.0.1/32</c> when it runs here and nothing
    /// proxies to this port), or give it the token.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>A bearer token that opens the endpoint from anywhere (<c>Authorization: Bearer …</c>); none when empty.</summary>
    public string? Token { get; set; }

    public IReadOnlyList<IPNetwork> Networks() => [.. AllowedNetworks.Select(n => IPNetwork.Parse(n.Trim()))];
}

/// <summary>
/// OpenTelemetry for a host: metrics of ASP.NET Core, the HTTP clients, the runtime, Npgsql and the domain
/// (<see cref="DossierMetrics"/>) for a Prometheus scraper at <c>/metrics</c> — open to the configured networks or to a
/// bearer token, "not found" to anyone else — and, when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, traces (requests,
/// outgoing calls, Npgsql commands) and metrics pushed over OTLP (its protocol and headers from the standard
/// <c>OTEL_EXPORTER_OTLP_*</c> variables).
/// </summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";

    public static void AddTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddOptions<MetricsEndpointOptions>().BindConfiguration(MetricsEndpointOptions.SectionName)
            .Validate(o => Parses(o), "Telemetry:Prometheus:AllowedNetworks must be networks in CIDR notation, e.g. 10.0.0.0/8.")
            .ValidateOnStart();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql", DossierMetrics.MeterName)
                .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments(MetricsPath))
                    .AddHttpClientInstrumentation()
                    .AddSource("Npgsql"))
                .UseOtlpExporter();
        }
    }

    /// <summary>Answers <c>/metrics</c> "not found" to a caller neither on an allowed network nor holding the token. Before routing.</summary>
    public static IApplicationBuilder UseMetricsAccess(this IApplicationBuilder app) =>
        app.UseWhen(
            // Whatever routing would take for it (a trailing slash, another case) is checked too.
            context => context.Request.Path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase),
            branch => branch.Use(async (context, next) =>
            {
                if (Allowed(context, context.RequestServices.GetRequiredService<IOptions<MetricsEndpointOptions>>().Value))
                {
                    await next(context);
                    return;
                }

                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }));

    public static IEndpointConventionBuilder MapMetrics(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath);

    private static bool Allowed(HttpContext context, MetricsEndpointOptions options)
    {
        if (!string.IsNullOrEmpty(options.Token)
            && context.Request.Headers.Authorization.ToString() is var header
            && header.StartsWith("Bearer ", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..]), Encoding.UTF8.GetBytes(options.Token)))
        {
            return true;
        }

        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return false;
        }

        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return options.Networks().Any(network => network.Contains(address));
    }

    private static bool Parses(MetricsEndpointOptions options)
    {
        try
        {
            _ = options.Networks();
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
