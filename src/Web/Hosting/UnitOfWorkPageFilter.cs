using DossierWorkflow.Dossiers.Persistence;
using Microsoft.AspNetCore.Mvc.Filters;

using Microsoft.AspNetCore.Http;

namespace DossierWorkflow.Web.Hosting;

/// <summary>
/// Commit at the edge: every page handler that may change state (any method but GET and HEAD) runs in one
/// <see cref="UnitOfWork"/>, which commits when the handler returns without an exception, with a valid model state and
/// without having rolled back; otherwise everything the action wrote — the dossier's rows and the engine's — is undone.
/// A page that must keep what it wrote when its action fails (a failed sign-in counts towards the lockout) says so with
/// <see cref="OwnTransactionsAttribute"/>.
/// </summary>
public sealed class UnitOfWorkPageFilter(UnitOfWork unitOfWork) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var method = context.HttpContext.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method)
            || context.ActionDescriptor.EndpointMetadata.OfType<OwnTransactionsAttribute>().Any()
            || IsErrorPage(context.HttpContext))
        {
            await next();
            return;
        }

        await unitOfWork.RunAsync(
            () => next(),
            executed => executed.Exception is null && executed.ModelState.IsValid,
            context.HttpContext.RequestAborted);
    }

    /// <summary>
    /// The error page rendered again for a request that failed (a POST answered "not found", an exception): that request's
    /// unit of work has already run and ended, and the error page writes nothing.
    /// </summary>
    private static bool IsErrorPage(HttpContext context) =>
        context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
        || context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null;
}

/// <summary>
/// The page's handlers save their own changes and keep them when the action fails, instead of running in the action's
/// <see cref="UnitOfWork"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OwnTransactionsAttribute : Attribute;
