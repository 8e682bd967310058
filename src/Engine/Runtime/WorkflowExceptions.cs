namespace DossierWorkflow.Engine;

/// <summary>Base of the engine's expected errors; <see cref="Code"/> is stable for callers and UIs to branch on.</summary>
public abstract class WorkflowException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
}

/// <summary>
/// Another command changed the same instance (or inserted the same definition version) first. Reload and retry, or report
/// the conflict. When <see cref="CallerMustRollBack"/> is false nothing of the command was written; when true the command
/// ran in the caller's transaction, which holds part of its write and must be rolled back whole.
/// </summary>
public sealed class WorkflowConcurrencyException(string message, Exception? inner = null)
    : WorkflowException("concurrency-conflict", message, inner)
{
    /// <summary>
    /// The command's write failed inside the caller's transaction (see <c>IWorkflowStore.BeginAsync</c>): only rolling
    /// that transaction back undoes it, so the engine does not retry it, and the caller's unit of work fails as a whole.
    /// </summary>
    public bool CallerMustRollBack { get; init; }
}

public sealed class DefinitionNotFoundException(string key, int? version)
    : WorkflowException(
        "definition-not-found",
        version is null
            ? $"No workflow definition with key '{key}' is deployed. Deploy it before starting instances."
            : $"Version {version} of workflow definition '{key}' is not deployed.");

public sealed class InstanceNotFoundException(Guid instanceId)
    : WorkflowException("instance-not-found", $"Workflow instance {instanceId} does not exist.")
{
    public Guid InstanceId { get; } = instanceId;
}

/// <summary>The instance has completed, been cancelled or terminated; it accepts no more commands.</summary>
public sealed class InstanceNotRunningException(Guid instanceId, InstanceStatus status)
    : WorkflowException("instance-not-running", $"Workflow instance {instanceId} is {status.ToString().ToLowerInvariant()} and accepts no more commands.")
{
    public Guid InstanceId { get; } = instanceId;
    public InstanceStatus Status { get; } = status;
}

public sealed class WorkItemNotFoundException(Guid workItemId)
    : WorkflowException("work-item-not-found", $"Task {workItemId} does not exist.")
{
    public Guid WorkItemId { get; } = workItemId;
}

/// <summary>The task was already completed or cancelled (its instance cancelled, terminated, or an interrupting event fired).</summary>
public sealed class WorkItemClosedException(Guid workItemId, string name, WorkItemStatus status, string? detail = null)
    : WorkflowException(
        status == WorkItemStatus.Completed ? "work-item-completed" : "work-item-cancelled",
        $"Task '{name}' ({workItemId}) is already {status.ToString().ToLowerInvariant()}{(detail is null ? "" : " " + detail)}; it cannot be changed any more.")
{
    public Guid WorkItemId { get; } = workItemId;
    public WorkItemStatus Status { get; } = status;
}

public sealed class OutcomeNotOfferedException(Guid workItemId, string name, string? outcome, IReadOnlyList<string> offered)
    : WorkflowException(
        "outcome-not-offered",
        $"Task '{name}' ({workItemId}) offers the outcomes {string.Join(", ", offered.Select(o => $"'{o}'"))}; '{outcome}' is not one of them.")
{
    public IReadOnlyList<string> Offered { get; } = offered;
}

public sealed class WorkItemClaimedException(Guid workItemId, string name, string holder)
    : WorkflowException("work-item-claimed", $"Task '{name}' ({workItemId}) is already held by '{holder}'; unclaim or assign it instead.");

public sealed class IncidentNotFoundException(Guid incidentId)
    : WorkflowException("incident-not-found", $"Incident {incidentId} does not exist or is already resolved.");

public sealed class IncidentNotResolvableException(Guid incidentId, string elementId)
    : WorkflowException(
        "incident-not-resolvable",
        $"Incident {incidentId} at '{elementId}' cannot be marked resolved by hand: only a service task step can be declared done. Retry it instead (e.g. after setting variables).");

/// <summary>
/// A relocation (a migration to another version, or a token moved by hand) names no existing target for some of the
/// instance's steps: nothing was moved. <see cref="Elements"/> are the steps without a target.
/// </summary>
public sealed class RelocationRefusedException(Guid instanceId, IReadOnlyList<string> elements)
    : WorkflowException("relocation-refused", $"Instance {instanceId}: no target for {string.Join(", ", elements)} in the definition it would move to.")
{
    public Guid InstanceId { get; } = instanceId;

    public IReadOnlyList<string> Elements { get; } = elements;
}
