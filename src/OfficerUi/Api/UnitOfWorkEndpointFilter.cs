using DossierWorkflow.Dossiers.Persistence;

namespace DossierWorkflow.OfficerUi.Api;

/// <summary>
/// Commit at the edge, for the API: the endpoint runs in the request's <see cref="UnitOfWork"/>, committed when it answers
/// with a success status, rolled back when it answers with an error or throws. (The pages' twin is
/// <c>UnitOfWorkPageFilter</c>.)
/// </summary>
internal sealed class UnitOfWorkEndpointFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var unitOfWork = context.HttpContext.RequestServices.GetRequiredService<UnitOfWork>();
        return await unitOfWork.RunAsync(
            () => next(context).AsTask(),
            result => (result is INestedHttpResult nested ? nested.Result : result) is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 },
            context.HttpContext.RequestAborted);
    }
}
