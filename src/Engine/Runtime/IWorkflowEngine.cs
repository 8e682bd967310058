using System.Text.Json.Nodes;
using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Persistence;

namespace DossierWorkflow.Engine;

/// <summary>
/// The engine's façade. Every command is one store transaction over one instance (see <see cref="IWorkflowStore"/>):
/// it loads the instance with its concurrency token, runs to the next wait states and commits instance, tasks, timers,
/// subscriptions, journal, outbox and incidents together. When the caller has an ambient transaction open on the store,
/// the command joins it and the caller commits. A conflicting concurrent command fails with
/// <see cref="WorkflowConcurrencyException"/>; expected errors are <see cref="WorkflowException"/>s with a stable code.
/// Register it with <c>services.AddWorkflowEngine(...)</c>; it is scoped, like the store it uses.
/// </summary>
public interface IWorkflowEngine
{
    /// <summary>
    /// Deploys a compiled definition. The same content hash as the latest version of its key is a no-op returning that
    /// version; otherwise it becomes version n+1. <paramref name="bpmnSource"/> lets other processes recompile it.
    /// </summary>
    Task<DeploymentResult> DeployAsync(ExecutableDefinition definition, string? bpmnSource = null, string? actor = null, CancellationToken cancellationToken = default);

    /// <summary>Compiles BPMN XML with the registered <c>IDefinitionCompiler</c> and deploys it (throws <c>InvalidDefinitionException</c> listing every problem).</summary>
    Task<DeploymentResult> DeployBpmnAsync(string bpmnXml, string? actor = null, CancellationToken cancellationToken = default);

    /// <summary>Starts an instance and runs it to its first wait states.</summary>
    Task<InstancePosition> StartAsync(StartInstance request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes an open task with an outcome (required, and one of those offered, when the task offers any), variables
    /// (merged into the instance; the outcome is also set as the variable <c>outcome</c>) and a comment. Throws
    /// <see cref="WorkItemNotFoundException"/>, <see cref="WorkItemClosedException"/> (already completed, or cancelled with its
    /// instance) or <see cref="OutcomeNotOfferedException"/>, never a second transition. Authorisation is the caller's.
    /// </summary>
    Task<InstancePosition> CompleteWorkItemAsync(CompleteWorkItem request, CancellationToken cancellationToken = default);

    /// <summary>Takes an unheld task (<see cref="WorkItemClaimedException"/> when someone else holds it).</summary>
    Task<WorkItem> ClaimWorkItemAsync(Guid workItemId, string officer, CancellationToken cancellationToken = default);

    /// <summary>Takes the task just read, without loading it again (see <see cref="CompleteWorkItem.Read"/>).</summary>
    Task<WorkItem> ClaimWorkItemAsync(WorkItemRead read, string officer, CancellationToken cancellationToken = default);

    /// <summary>Puts a held task back in its shared queue.</summary>
    Task<WorkItem> UnclaimWorkItemAsync(Guid workItemId, string actor, CancellationToken cancellationToken = default);

    /// <summary>Puts the task just read back in its shared queue, without loading it again.</summary>
    Task<WorkItem> UnclaimWorkItemAsync(WorkItemRead read, string actor, CancellationToken cancellationToken = default);

    /// <summary>Gives a task to an officer (e.g. a leader distributing work), whoever held it.</summary>
    Task<WorkItem> AssignWorkItemAsync(Guid workItemId, string assignee, string actor, CancellationToken cancellationToken = default);

    /// <summary>Hands a task to another officer; the original owner is recorded in <see cref="WorkItem.Owner"/>.</summary>
    Task<WorkItem> DelegateWorkItemAsync(Guid workItemId, string delegateTo, string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Delivers a message to every subscription with this name and correlation key (one transaction per instance), merging
    /// <paramref name="variables"/> into each. The result lists the instances reached; empty when none waited.
    /// </summary>
    Task<MessageDelivery> DeliverMessageAsync(string messageName, string correlationKey, JsonObject? variables = null, string? actor = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Broadcasts a signal: every instance waiting for <paramref name="signalName"/> since <paramref name="sentAt"/> or
    /// before (now when null) goes on, with <paramref name="variables"/> merged first. Instances are read in batches of the
    /// engine's batch size and each is resumed in its own command, so a signal reaching thousands of instances never
    /// holds one long transaction; waits that begin during the broadcast are not reached.
    /// </summary>
    Task<SignalBroadcast> BroadcastSignalAsync(string signalName, JsonObject? variables = null, string? actor = null, DateTimeOffset? sentAt = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues a message to an external handler on behalf of an instance, from outside its workflow (the domain telling the
    /// applicant their appointment moved): one command on the instance — it joins the caller's transaction when one is
    /// open, so the message commits with the change it tells of — journalled as queued at
    /// <see cref="QueueExternalMessage.Source"/>, then delivered like a send step's message: at least once, with the key
    /// given, retried with backoff and then an incident. The instance may have ended. Throws
    /// <see cref="InvalidOperationException"/> when no external handler has that name.
    /// </summary>
    Task QueueExternalMessageAsync(QueueExternalMessage request, CancellationToken cancellationToken = default);

    /// <summary>Claims one batch of due timers (leased to this worker) and fires each in its own transaction; returns how many fired.</summary>
    Task<int> FireDueTimersAsync(CancellationToken cancellationToken = default);

    /// <summary>Claims one batch of due outbox messages and delivers each to its external handler; returns how many were delivered.</summary>
    Task<int> DeliverOutboxAsync(CancellationToken cancellationToken = default);

    /// <summary>Retries the open incidents whose backoff has elapsed; returns how many were retried.</summary>
    Task<int> RetryDueIncidentsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the waiting tokens of a running instance, by an administrator and with a reason: onto another version of its
    /// definition (a migration: every token to the element of the same id, unless <see cref="RelocateInstance.Moves"/>
    /// names another), or to other steps of its own version (a token moved by hand: repeat a step, skip one). Each moved
    /// token's task, timers and subscriptions are cancelled and it enters its target anew. Throws
    /// <see cref="RelocationRefusedException"/>, nothing moved, when a step has no target in the definition.
    /// </summary>
    Task<InstancePosition> RelocateAsync(RelocateInstance request, CancellationToken cancellationToken = default);

    /// <summary>Cancels a running instance: its open tasks are cancelled, its timers and subscriptions removed.</summary>
    Task<InstancePosition> CancelInstanceAsync(Guid instanceId, string reason, string? actor = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Re-runs the step of an open incident (after merging <paramref name="variables"/>); for a failed external delivery
    /// the message is queued again. The incident is resolved when the step gets past it, otherwise its attempts grow.
    /// </summary>
    Task<InstancePosition> RetryIncidentAsync(Guid incidentId, JsonObject? variables = null, string? actor = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Declares an incident resolved by hand: a failed service task counts as done and its token continues; a failed
    /// external delivery is abandoned. Other incidents must be retried (<see cref="IncidentNotResolvableException"/>).
    /// </summary>
    Task<InstancePosition> ResolveIncidentAsync(Guid incidentId, string? comment = null, string? actor = null, CancellationToken cancellationToken = default);

    Task<InstancePosition> GetPositionAsync(Guid instanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The latest deployed version of a definition, as compiled (compiled once per process and version, like every
    /// command's); null when none is deployed. For reading its elements (e.g. the user tasks a queue can be filtered by).
    /// </summary>
    Task<ExecutableDefinition?> GetLatestDefinitionAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// A deployed version of a definition, as compiled (from the same per-process cache), e.g. for the names of the steps
    /// an instance of that version went through; <see cref="DefinitionNotFoundException"/> when there is no such version.
    /// </summary>
    Task<ExecutableDefinition> GetDefinitionAsync(string key, int version, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<JournalEntry>> GetJournalAsync(Guid instanceId, CancellationToken cancellationToken = default);

    /// <summary>The instances the call activities of <paramref name="instanceId"/> started (running or ended), oldest first.</summary>
    Task<IReadOnlyList<CalledInstance>> GetCalledInstancesAsync(Guid instanceId, CancellationToken cancellationToken = default);

    Task<WorkItem> GetWorkItemAsync(Guid workItemId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads a task (whatever its status) with its instance's active rows in one round trip, for a command the caller runs
    /// on it next and hands the read to; <see cref="WorkItemNotFoundException"/> when there is no such task.
    /// </summary>
    Task<WorkItemRead> ReadWorkItemAsync(Guid workItemId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<WorkItem>> QueryWorkItemsAsync(WorkItemFilter filter, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Incident>> QueryIncidentsAsync(IncidentFilter filter, CancellationToken cancellationToken = default);
}
