using DossierWorkflow.Engine.Handlers;
using DossierWorkflow.Engine.Timers;

namespace DossierWorkflow.Engine.Runtime;

/// <summary>The process-wide services a command's runner uses.</summary>
internal sealed record RunEnvironment(
    TimeProvider Time,
    IWorkingCalendar Calendar,
    ServiceTaskHandlers Handlers,
    ICandidateUnitResolver CandidateUnits,
    WorkflowEngineOptions Options)
{
    /// <summary>Exponential backoff: base × 2^(attempt−1), capped; null once the automatic retries are used up.</summary>
    public DateTimeOffset? NextRetry(DateTimeOffset now, int attempts, int maxAttempts)
    {
        if (attempts >= maxAttempts)
        {
            return null;
        }

        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(Options.RetryBaseDelay.Ticks * factor, Options.RetryMaxDelay.Ticks));
        return now + delay;
    }
}
