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
        var cancellationToken = context.HttpContext.RequestAborted;
        await unitOfWork.BeginAsync(cancellationToken);
        var committed = false;
        try
        {
            var result = await next(context);
            var answer = result is INestedHttpResult nested ? nested.Result : result;
            if (answer is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } && !unitOfWork.RolledBack)
            {
                await unitOfWork.CommitAsync(cancellationToken);
                committed = true;
            }

            return result;
        }
        finally
        {
            if (!committed && !unitOfWork.RolledBack)
            {
                await unitOfWork.RollBackAsync();
            }
        }
    }
}
