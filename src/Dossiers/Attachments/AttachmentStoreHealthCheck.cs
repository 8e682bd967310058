using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DossierWorkflow.Dossiers.Attachments;

/// <summary>
/// Whether the attachment store answers: a read of a file nobody stored, which a reachable store answers "none" and an
/// unreachable one (the object storage down, the folder gone) answers with an error.
/// </summary>
public sealed class AttachmentStoreHealthCheck(IAttachmentStore store) : IHealthCheck
{
    private static readonly string Nothing = new('0', 64);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var content = await store.OpenAsync(Nothing, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The attachment store does not answer: {exception.GetBaseException().Message}");
        }
    }
}
