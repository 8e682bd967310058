using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace DossierWorkflow.Engine.Handlers;

/// <summary>
/// A service-task handler that runs <b>inside</b> the command's transaction (e.g. compute a fee, issue a form number).
/// It must not have effects outside the database transaction: those belong to an <see cref="IExternalTaskHandler"/>.
/// Throwing raises an incident: the token stays at the task, the command still commits, and the incident can be retried.
/// </summary>
public interface IServiceTaskHandler
{
    /// <summary>The <c>dw:handler</c> name this handler serves.</summary>
    string Name { get; }

    ValueTask<ServiceTaskResult> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken);
}

/// <summary>
/// A handler with external effects (SMS, e-mail, national portal sync). The command only writes an outbox message in its
/// transaction and the instance continues at once (fire-and-forget); the <c>OutboxWorker</c> delivers the message
/// afterwards, at least once, retrying with exponential backoff. Receivers must deduplicate by
/// <see cref="ExternalTaskMessage.IdempotencyKey"/>. When every attempt fails an incident is raised on the instance.
/// </summary>
public interface IExternalTaskHandler
{
    string Name { get; }

    Task DeliverAsync(ExternalTaskMessage message, CancellationToken cancellationToken);
}

/// <summary>What an in-transaction handler sees. <see cref="Variables"/> is a copy: return changes in the result.</summary>
public sealed record ServiceTaskContext(
    Guid InstanceId,
    string? BusinessKey,
    string ElementId,
    string Handler,
    ImmutableDictionary<string, string> Parameters,
    JsonObject Variables,
    DateTimeOffset Now,
    int Attempt);

/// <summary>Variables to merge into the instance (top-level members replace existing ones).</summary>
public sealed record ServiceTaskResult(JsonObject? Variables = null)
{
    public static ServiceTaskResult Done { get; } = new();
}

/// <summary>One delivery of an outbox message to an external handler.</summary>
public sealed record ExternalTaskMessage(
    Guid MessageId,
    string IdempotencyKey,
    Guid InstanceId,
    string? BusinessKey,
    string ElementId,
    string Handler,
    ImmutableDictionary<string, string> Parameters,
    JsonObject Variables,
    int Attempt);
