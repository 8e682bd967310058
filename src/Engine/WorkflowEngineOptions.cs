using Microsoft.Extensions.Options;

namespace DossierWorkflow.Engine;

/// <summary>Settings of the engine (section <c>WorkflowEngine</c> by convention).</summary>
public sealed class WorkflowEngineOptions
{
    /// <summary>Identifies this process when it leases timers and outbox messages; unique per process by default.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>Whether this process runs the <c>TimerWorker</c> and <c>OutboxWorker</c> background services.</summary>
    public bool RunWorkers { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many due timers or outbox messages one poll claims.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>How long a claimed timer or outbox message stays leased to the claiming worker.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>First delay of the exponential backoff for incidents and outbox redelivery.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts of a failing in-transaction handler before its incident waits for an operator.</summary>
    public int IncidentMaxAutomaticAttempts { get; set; } = 4;

    /// <summary>Delivery attempts of an outbox message before it fails with an incident.</summary>
    public int OutboxMaxAttempts { get; set; } = 8;

    /// <summary>How often a system command (timer, message, retry) is retried after a concurrency conflict.</summary>
    public int ConflictRetries { get; set; } = 3;

    /// <summary>Guard against models that loop without a wait state.</summary>
    public int MaxStepsPerCommand { get; set; } = 10_000;
}

internal sealed class WorkflowEngineOptionsValidator : IValidateOptions<WorkflowEngineOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkflowEngineOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.WorkerId))
        {
            problems.Add("WorkflowEngine:WorkerId must not be empty.");
        }

        if (options.PollInterval <= TimeSpan.Zero)
        {
            problems.Add("WorkflowEngine:PollInterval must be positive.");
        }

        if (options.BatchSize is < 1 or > 10_000)
        {
            problems.Add("WorkflowEngine:BatchSize must be between 1 and 10000.");
        }

        if (options.LeaseDuration <= TimeSpan.Zero)
        {
            problems.Add("WorkflowEngine:LeaseDuration must be positive.");
        }

        if (options.RetryBaseDelay <= TimeSpan.Zero || options.RetryMaxDelay < options.RetryBaseDelay)
        {
            problems.Add("WorkflowEngine:RetryBaseDelay must be positive and not above RetryMaxDelay.");
        }

        if (options.IncidentMaxAutomaticAttempts < 1 || options.OutboxMaxAttempts < 1 || options.ConflictRetries < 1)
        {
            problems.Add("WorkflowEngine:IncidentMaxAutomaticAttempts, OutboxMaxAttempts and ConflictRetries must be at least 1.");
        }

        if (options.MaxStepsPerCommand < 10)
        {
            problems.Add("WorkflowEngine:MaxStepsPerCommand must be at least 10.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
