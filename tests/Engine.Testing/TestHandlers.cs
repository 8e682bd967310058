using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DossierWorkflow.Engine.Handlers;

namespace DossierWorkflow.Engine.Testing;

/// <summary>An in-transaction handler that fails its first <see cref="FailuresLeft"/> calls, then sets a variable.</summary>
public sealed class ScriptedHandler(string name, int failures = 0) : IServiceTaskHandler
{
    public string Name { get; } = name;

    public int FailuresLeft { get; set; } = failures;

    public int Calls { get; private set; }

    public ValueTask<ServiceTaskResult> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
    {
        Calls++;
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new InvalidOperationException("the form service is down");
        }

        return ValueTask.FromResult(new ServiceTaskResult(new JsonObject { [$"{Name}Done"] = true, ["attempt"] = context.Attempt }));
    }
}

/// <summary>A handler that raises the business error <see cref="Raise"/> when set (a verification that failed), else succeeds.</summary>
public sealed class VerifyingHandler(string name) : IServiceTaskHandler
{
    public string Name { get; } = name;

    public string? Raise { get; set; }

    public ValueTask<ServiceTaskResult> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken) =>
        Raise is { } code
            ? throw new BusinessErrorException(code, $"verification failed: {code}")
            : ValueTask.FromResult(new ServiceTaskResult(new JsonObject { ["verified"] = true }));
}

/// <summary>An external handler that records deliveries by idempotency key and fails its first calls.</summary>
public sealed class RecordingExternalHandler(string name, int failures = 0) : IExternalTaskHandler
{
    public string Name { get; } = name;

    public int FailuresLeft { get; set; } = failures;

    /// <summary>Successful deliveries.</summary>
    public ConcurrentQueue<ExternalTaskMessage> Deliveries { get; } = new();

    /// <summary>Every call, failed or not.</summary>
    public ConcurrentQueue<ExternalTaskMessage> Attempts { get; } = new();

    public Task DeliverAsync(ExternalTaskMessage message, CancellationToken cancellationToken)
    {
        Attempts.Enqueue(message);
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new InvalidOperationException("the SMS gateway timed out");
        }

        Deliveries.Enqueue(message);
        return Task.CompletedTask;
    }
}
