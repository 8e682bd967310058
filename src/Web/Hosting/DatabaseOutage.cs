using DossierWorkflow.Dossiers.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.Web.Hosting;

/// <summary>
/// While the database is away (stopped, restarting, unreachable), a request that needed it is answered
/// <c>503 Service Unavailable</c> with <c>Retry-After</c> — a page saying to try again in a moment, or problem details
/// for the API — instead of the error page of a fault. Nothing was written: each request's changes are one transaction.
/// The app needs no restart when the database returns: the connection pool opens new connections.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>What <c>Retry-After</c> suggests, in seconds.</summary>
    public const int RetryAfterSeconds = 10;

    /// <summary>The status an unhandled exception is answered with: 503 when the database could not answer, else 500.</summary>
    public static int StatusCodeOf(Exception exception) =>
        DatabaseFaults.IsUnavailable(exception) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;

    /// <summary>Whether the request re-executed on an error page failed because the database could not answer.</summary>
    public static bool FailedForOutage(this HttpContext context) =>
        context.Features.Get<IExceptionHandlerFeature>()?.Error is { } error && DatabaseFaults.IsUnavailable(error);

    /// <summary>Marks the answer as "try again shortly".</summary>
    public static void AnswerTryAgain(this HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Problem details for the API; a 503 among them carries <c>Retry-After</c>.</summary>
    public static IServiceCollection AddProblemDetailsWithOutage(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (context.ProblemDetails.Status == StatusCodes.Status503ServiceUnavailable)
            {
                context.HttpContext.Response.AnswerTryAgain();
            }
        });

    /// <summary>Unhandled exceptions of the API as problem details, with 503 for an outage.</summary>
    public static IApplicationBuilder UseApiExceptionHandler(this IApplicationBuilder app) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusCodeOf });
}
