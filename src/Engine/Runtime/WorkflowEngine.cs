using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using DossierWorkflow.Engine.Deployment;
using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Handlers;
using DossierWorkflow.Engine.Nodes;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Engine.Timers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.Engine.Runtime;

/// <summary>The engine's commands and queries over the storage port. Scoped: one per unit of work, like the store.</summary>
internal sealed class WorkflowEngine(
    IWorkflowStore store,
    DefinitionCache definitions,
    ServiceTaskHandlers handlers,
    TimeProvider time,
    IWorkingCalendar calendar,
    ICandidateUnitResolver candidateUnits,
    IOptions<WorkflowEngineOptions> options,
    ILogger<WorkflowEngine> logger) : IWorkflowEngine
{
    private readonly RunEnvironment _environment = new(time, calendar, handlers, candidateUnits, options.Value);

    private WorkflowEngineOptions Options => _environment.Options;

    public async Task<DeploymentResult> DeployAsync(ExecutableDefinition definition, string? bpmnSource = null, string? actor = null, CancellationToken cancellationToken = default)
    {
        if (definition.StartNodes.Length != 1)
        {
            throw new ArgumentException($"Definition '{definition.Key}' must have exactly one none start event to be deployed.", nameof(definition));
        }

        await using var transaction = await store.BeginAsync(cancellationToken);
        var latest = await transaction.FindLatestDefinitionAsync(definition.Key, cancellationToken);
        if (latest is not null && latest.ContentHash == definition.ContentHash)
        {
            definitions.Add(definition.Key, latest.Version, definition);
            return new DeploymentResult(definition.Key, latest.Version, latest.ContentHash, Created: false);
        }

        var version = (latest?.Version ?? 0) + 1;
        await transaction.AddDefinitionAsync(
            new StoredDefinition
            {
                Key = definition.Key,
                Version = version,
                Name = definition.Name,
                ContentHash = definition.ContentHash,
                Source = bpmnSource,
                DeployedAt = time.GetUtcNow(),
                DeployedBy = actor,
            },
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        definitions.Set(definition.Key, version, definition);
        logger.LogInformation("Deployed workflow definition {Key} version {Version}", definition.Key, version);
        return new DeploymentResult(definition.Key, version, definition.ContentHash, Created: true);
    }

    public Task<DeploymentResult> DeployBpmnAsync(string bpmnXml, string? actor = null, CancellationToken cancellationToken = default)
    {
        var compiler = definitions.Compiler
            ?? throw new InvalidOperationException("No IDefinitionCompiler is registered; register the definitions pipeline to deploy BPMN XML.");
        return DeployAsync(compiler.Compile(bpmnXml).GetDefinitionOrThrow(), bpmnXml, actor, cancellationToken);
    }

    public async Task<InstancePosition> StartAsync(StartInstance request, CancellationToken cancellationToken = default)
    {
        await using var transaction = await store.BeginAsync(cancellationToken);
        var stored = request.Version is { } version
            ? await transaction.FindDefinitionAsync(request.DefinitionKey, version, cancellationToken)
            : await transaction.FindLatestDefinitionAsync(request.DefinitionKey, cancellationToken);
        if (stored is null)
        {
            throw new DefinitionNotFoundException(request.DefinitionKey, request.Version);
        }

        var definition = await definitions.GetAsync(stored.Key, stored.Version, () => transaction.FindDefinitionAsync(stored.Key, stored.Version, cancellationToken), stored.ContentHash);
        var state = new InstanceState
        {
            Id = NewId.Next(),
            DefinitionKey = stored.Key,
            DefinitionVersion = stored.Version,
            BusinessKey = request.BusinessKey,
            Status = InstanceStatus.Running,
            Variables = (JsonObject?)request.Variables?.DeepClone() ?? [],
            StartedAt = time.GetUtcNow(),
            StartedBy = request.Actor,
        };
        var runner = new ExecutionRunner(definition, state, _environment, request.Actor, cancellationToken);
        await runner.StartAsync(definition.StartNodes.Single());
        await SaveAsync(transaction, null, runner, request.Actor, cancellationToken);
        return InstanceStateMapping.ToPosition(state);
    }

    public async Task<InstancePosition> CompleteWorkItemAsync(CompleteWorkItem request, CancellationToken cancellationToken = default)
    {
        var runner = await RunOnWorkItemAsync(request.WorkItemId, request.Read, request.Actor, async (runner, item) =>
        {
            var offered = InstanceStateMapping.SplitOutcomes(item.Outcomes);
            if (!offered.IsEmpty && (request.Outcome is null || !offered.Contains(request.Outcome, StringComparer.Ordinal)))
            {
                throw new OutcomeNotOfferedException(item.Id, item.Name, request.Outcome, offered);
            }

            await runner.CompleteTaskAsync(item, request.Outcome, request.Variables, request.Comment, request.Actor);
        }, cancellationToken);
        return InstanceStateMapping.ToPosition(runner.State);
    }

    public Task<WorkItem> ClaimWorkItemAsync(Guid workItemId, string officer, CancellationToken cancellationToken = default) =>
        ClaimAsync(workItemId, null, officer, cancellationToken);

    public Task<WorkItem> ClaimWorkItemAsync(WorkItemRead read, string officer, CancellationToken cancellationToken = default) =>
        ClaimAsync(read.Item.Id, read, officer, cancellationToken);

    public Task<WorkItem> UnclaimWorkItemAsync(Guid workItemId, string actor, CancellationToken cancellationToken = default) =>
        ChangeHolderAsync(workItemId, null, actor, JournalEntryKind.TaskUnclaimed, item => item with { Assignee = null }, cancellationToken);

    public Task<WorkItem> UnclaimWorkItemAsync(WorkItemRead read, string actor, CancellationToken cancellationToken = default) =>
        ChangeHolderAsync(read.Item.Id, read, actor, JournalEntryKind.TaskUnclaimed, item => item with { Assignee = null }, cancellationToken);

    public Task<WorkItem> AssignWorkItemAsync(Guid workItemId, string assignee, string actor, CancellationToken cancellationToken = default) =>
        ChangeHolderAsync(workItemId, null, actor, JournalEntryKind.TaskAssigned, item => item with { Assignee = assignee }, cancellationToken);

    public Task<WorkItem> DelegateWorkItemAsync(Guid workItemId, string delegateTo, string actor, CancellationToken cancellationToken = default) =>
        ChangeHolderAsync(workItemId, null, actor, JournalEntryKind.TaskDelegated, item => item with
        {
            Owner = item.Owner ?? item.Assignee ?? actor,
            Assignee = delegateTo,
        }, cancellationToken);

    private Task<WorkItem> ClaimAsync(Guid workItemId, WorkItemRead? read, string officer, CancellationToken cancellationToken) =>
        ChangeHolderAsync(workItemId, read, officer, JournalEntryKind.TaskClaimed, item =>
            item.Assignee is not null && item.Assignee != officer
                ? throw new WorkItemClaimedException(item.Id, item.Name, item.Assignee)
                : item with { Assignee = officer }, cancellationToken);

    public async Task<MessageDelivery> DeliverMessageAsync(string messageName, string correlationKey, JsonObject? variables = null, string? actor = null, CancellationToken cancellationToken = default)
    {
        var subscriptions = await store.FindMessageSubscriptionsAsync(messageName, correlationKey, cancellationToken);
        var reached = ImmutableArray.CreateBuilder<Guid>();
        foreach (var instanceId in subscriptions.Select(s => s.InstanceId).Distinct())
        {
            var delivered = await RetryOnConflictAsync(async () =>
            {
                var changed = false;
                await RunCommandAsync(transaction => LoadAsync(transaction, instanceId, cancellationToken), requireRunning: false, actor, async (runner, _) =>
                {
                    var state = runner.State;
                    var matching = state.Bookmarks
                        .Where(b => b.Kind == BookmarkKind.Message && b.MessageName == messageName && b.CorrelationKey == correlationKey)
                        .ToList();
                    if (state.Status != InstanceStatus.Running || matching.Count == 0)
                    {
                        return false;
                    }

                    runner.MergeVariables(variables);
                    foreach (var bookmark in matching.Where(state.Bookmarks.Contains))
                    {
                        await runner.ReceiveMessageAsync(bookmark);
                    }

                    changed = true;
                    return true;
                }, cancellationToken);
                return changed;
            });
            if (delivered)
            {
                reached.Add(instanceId);
            }
        }

        return new MessageDelivery(messageName, correlationKey, reached.ToImmutable());
    }

    public async Task<SignalBroadcast> BroadcastSignalAsync(string signalName, JsonObject? variables = null, string? actor = null, DateTimeOffset? sentAt = null, CancellationToken cancellationToken = default)
    {
        var upTo = sentAt ?? time.GetUtcNow();
        var attempted = new HashSet<Guid>();
        var reached = ImmutableArray.CreateBuilder<Guid>();
        var batches = 0;
        while (true)
        {
            batches++;
            // Each batch is read after the previous one's waits were consumed; an instance that could not be resumed is
            // not tried again, so the broadcast always ends.
            var batch = await store.FindSignalSubscriptionsAsync(signalName, upTo, Options.BatchSize, cancellationToken);
            var instances = batch.Select(s => s.InstanceId).Distinct().Where(attempted.Add).ToList();
            if (instances.Count == 0)
            {
                break;
            }

            foreach (var instanceId in instances)
            {
                try
                {
                    if (await RetryOnConflictAsync(() => DeliverSignalAsync(instanceId, signalName, upTo, variables, actor, cancellationToken)))
                    {
                        reached.Add(instanceId);
                    }
                }
                catch (WorkflowException exception)
                {
                    logger.LogWarning(exception, "Signal {Signal} could not reach instance {InstanceId}", signalName, instanceId);
                }
            }
        }

        logger.LogInformation("Signal {Signal} reached {Count} instances", signalName, reached.Count);
        return new SignalBroadcast(signalName, reached.ToImmutable(), batches);
    }

    private async Task<bool> DeliverSignalAsync(Guid instanceId, string signalName, DateTimeOffset upTo, JsonObject? variables, string? actor, CancellationToken cancellationToken)
    {
        var delivered = false;
        await RunCommandAsync(transaction => LoadAsync(transaction, instanceId, cancellationToken), requireRunning: false, actor, async (runner, _) =>
        {
            var state = runner.State;
            var waiting = state.Bookmarks.Where(b => b.Kind == BookmarkKind.Signal && b.MessageName == signalName && b.CreatedAt <= upTo).ToList();
            if (state.Status != InstanceStatus.Running || waiting.Count == 0)
            {
                return false;
            }

            runner.MergeVariables(variables);
            foreach (var bookmark in waiting.Where(state.Bookmarks.Contains))
            {
                await runner.ReceiveSignalAsync(bookmark);
            }

            delivered = true;
            return true;
        }, cancellationToken);
        return delivered;
    }

    public async Task<int> FireDueTimersAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var claimed = await store.ClaimDueTimersAsync(now, Options.BatchSize, Options.WorkerId, now + Options.LeaseDuration, cancellationToken);
        var fired = 0;
        foreach (var timer in claimed)
        {
            try
            {
                if (await RetryOnConflictAsync(() => FireTimerAsync(timer, cancellationToken)))
                {
                    fired++;
                }
            }
            catch (WorkflowException exception)
            {
                // The lease expires and another poll tries again.
                logger.LogWarning(exception, "Timer {TimerId} of instance {InstanceId} could not fire", timer.Id, timer.InstanceId);
            }
        }

        return fired;
    }

    private async Task<bool> FireTimerAsync(StoredTimer timer, CancellationToken cancellationToken)
    {
        var fired = false;
        await RunCommandAsync(transaction => LoadAsync(transaction, timer.InstanceId, cancellationToken), requireRunning: false, actor: null, async (runner, _) =>
        {
            var bookmark = runner.State.Bookmarks.FirstOrDefault(b => b.Id == timer.Id && b.Kind == BookmarkKind.Timer);
            if (bookmark is null || runner.State.Status != InstanceStatus.Running)
            {
                return false;
            }

            await runner.FireTimerAsync(bookmark);
            fired = true;
            return true;
        }, cancellationToken);
        return fired;
    }

    public async Task<InstancePosition> RelocateAsync(RelocateInstance request, CancellationToken cancellationToken = default)
    {
        await using var transaction = await store.BeginAsync(cancellationToken);
        var loaded = await LoadAsync(transaction, request.InstanceId, cancellationToken);
        var row = loaded.Instance;
        if (row.Status != InstanceStatus.Running)
        {
            throw new InstanceNotRunningException(row.Id, row.Status);
        }

        var version = request.ToVersion ?? row.DefinitionVersion;
        var stored = await transaction.FindDefinitionAsync(row.DefinitionKey, version, cancellationToken)
            ?? throw new DefinitionNotFoundException(row.DefinitionKey, version);
        var target = await definitions.GetAsync(stored.Key, stored.Version, () => Task.FromResult<StoredDefinition?>(stored), stored.ContentHash);
        var state = InstanceStateMapping.ToRuntime(loaded);
        var planned = state.Tokens
            .Select(token => (Token: token, Target: request.Moves.GetValueOrDefault(token.ElementId) ?? token.ElementId))
            .Where(move => version != row.DefinitionVersion || request.Moves.ContainsKey(move.Token.ElementId))
            .ToList();
        // A token may only move within its scope (the process, or the sub-process it runs in).
        var current = await definitions.GetAsync(row.DefinitionKey, row.DefinitionVersion, () => transaction.FindDefinitionAsync(row.DefinitionKey, row.DefinitionVersion, cancellationToken));
        var missing = planned
            .Where(move => !target.Nodes.TryGetValue(move.Target, out var node) || node.ScopeId != current[move.Token.ElementId].ScopeId)
            .Select(move => move.Token.ElementId).Distinct().ToList();

        // A token waiting at a join for the other branches stays there, unless moved by name: entering the join anew
        // would forget the branch it came by. So does a token that is a scope (a sub-process, a loop's body or instance,
        // with tokens inside it) or waits for a called instance: entering it anew would start what runs inside it again.
        var scopes = state.Tokens.Where(t => t.ScopeId is not null).Select(t => t.ScopeId!.Value).ToHashSet();
        var moves = planned
            .Where(move => (move.Token.Status != TokenStatus.Joining && !scopes.Contains(move.Token.Id) && move.Token.CalledInstanceId is null)
                || request.Moves.ContainsKey(move.Token.ElementId))
            .ToList();
        if (version != row.DefinitionVersion)
        {
            // A token that stays where it is must find the same kind of element there in the target: a sub-process still
            // a sub-process, a loop still a loop — else what runs inside it would not fit. Such a token must be moved by name.
            var moved = moves.Select(m => m.Token.Id).ToHashSet();
            missing.AddRange(state.Tokens
                .Where(t => !moved.Contains(t.Id) && target.Nodes.TryGetValue(t.ElementId, out var there)
                    && (there.GetType() != current[t.ElementId].GetType() || there.Loop is null != current[t.ElementId].Loop is null))
                .Select(t => t.ElementId).Where(id => !missing.Contains(id)).Distinct());
        }

        if (missing.Count > 0)
        {
            throw new RelocationRefusedException(row.Id, missing);
        }

        state.DefinitionVersion = version;
        var runner = new ExecutionRunner(target, state, _environment, request.Actor, cancellationToken);
        await runner.RelocateAsync(moves, request.Reason, current, row.DefinitionVersion);
        await SaveAsync(transaction, loaded, runner, request.Actor, cancellationToken);
        logger.LogInformation("Instance {InstanceId} relocated to version {Version} by {Actor}", row.Id, version, request.Actor);
        return InstanceStateMapping.ToPosition(state);
    }

    public async Task QueueExternalMessageAsync(QueueExternalMessage request, CancellationToken cancellationToken = default)
    {
        if (handlers.FindExternal(request.Handler) is null)
        {
            throw new InvalidOperationException($"No external handler is registered under '{request.Handler}'.");
        }

        await RunCommandAsync(transaction => LoadAsync(transaction, request.InstanceId, cancellationToken), requireRunning: false, request.Actor, (runner, _) =>
        {
            runner.QueueExternal(request.Source, request.Handler, request.Parameters, request.IdempotencyKey);
            return Task.FromResult(true);
        }, cancellationToken);
    }

    public async Task<int> DeliverOutboxAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var claimed = await store.ClaimDueOutboxMessagesAsync(now, Options.BatchSize, Options.WorkerId, now + Options.LeaseDuration, cancellationToken);
        var delivered = 0;
        foreach (var message in claimed)
        {
            var attempt = message.Attempts + 1;
            try
            {
                var payload = InstanceStateMapping.ParseVariables(message.PayloadJson);
                var parameters = (payload["parameters"] as JsonObject ?? [])
                    .ToImmutableDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "", StringComparer.Ordinal);
                if (message.Handler == SignalBroadcasts.HandlerName)
                {
                    // The engine's own message: a signal a workflow threw.
                    var thrownAt = DateTimeOffset.Parse(parameters[SignalBroadcasts.ThrownAtParameter], CultureInfo.InvariantCulture);
                    await BroadcastSignalAsync(parameters[SignalBroadcasts.SignalParameter], null, null, thrownAt, cancellationToken);
                }
                else
                {
                    var handler = handlers.FindExternal(message.Handler)
                        ?? throw new InvalidOperationException($"No external handler is registered under '{message.Handler}'.");
                    var instance = await store.FindInstanceAsync(message.InstanceId, cancellationToken);
                    await handler.DeliverAsync(
                        new ExternalTaskMessage(
                            message.Id, message.IdempotencyKey, message.InstanceId, instance?.BusinessKey, message.ElementId, message.Handler,
                            parameters, payload["variables"] as JsonObject ?? [], attempt),
                        cancellationToken);
                }

                await store.UpdateOutboxMessageAsync(
                    message with { Status = OutboxStatus.Delivered, Attempts = attempt, DeliveredAt = time.GetUtcNow(), LockedBy = null, LockedUntil = null, LastError = null },
                    cancellationToken);
                delivered++;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                await RecordFailedDeliveryAsync(message, attempt, exception, cancellationToken);
            }
        }

        return delivered;
    }

    private async Task RecordFailedDeliveryAsync(StoredOutboxMessage message, int attempt, Exception exception, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var failed = message with { Attempts = attempt, LastError = exception.Message, LockedBy = null, LockedUntil = null };
        var nextAttempt = _environment.NextRetry(now, attempt, Options.OutboxMaxAttempts);
        if (nextAttempt is { } next)
        {
            logger.LogWarning(exception, "Outbox message {MessageId} ({Handler}) failed attempt {Attempt}", message.Id, message.Handler, attempt);
            await store.UpdateOutboxMessageAsync(failed with { NextAttemptAt = next }, cancellationToken);
            return;
        }

        logger.LogError(exception, "Outbox message {MessageId} ({Handler}) failed {Attempt} times; raising an incident", message.Id, message.Handler, attempt);
        await RetryOnConflictAsync(async () =>
        {
            await RunCommandAsync(transaction => LoadAsync(transaction, message.InstanceId, cancellationToken), requireRunning: false, actor: null, (runner, _) =>
            {
                runner.RaiseDeliveryIncident(failed, $"Handler '{message.Handler}' could not be delivered after {attempt} attempts: {exception.Message}");
                return Task.FromResult(true);
            }, cancellationToken);
            return true;
        });
    }

    public async Task<int> RetryDueIncidentsAsync(CancellationToken cancellationToken = default)
    {
        var due = await store.FindRetryableIncidentsAsync(time.GetUtcNow(), Options.BatchSize, cancellationToken);
        var retried = 0;
        foreach (var incident in due)
        {
            try
            {
                await RetryIncidentAsync(incident.Id, null, null, cancellationToken);
                retried++;
            }
            catch (WorkflowException exception)
            {
                logger.LogWarning(exception, "Automatic retry of incident {IncidentId} failed", incident.Id);
            }
        }

        return retried;
    }

    public async Task<InstancePosition> CancelInstanceAsync(Guid instanceId, string reason, string? actor = null, CancellationToken cancellationToken = default)
    {
        var runner = await RunCommandAsync(transaction => LoadAsync(transaction, instanceId, cancellationToken), requireRunning: true, actor, (runner, _) =>
        {
            runner.EndInstance(InstanceStatus.Cancelled, null, reason);
            return Task.FromResult(true);
        }, cancellationToken);
        return InstanceStateMapping.ToPosition(runner.State);
    }

    public async Task<InstancePosition> RetryIncidentAsync(Guid incidentId, JsonObject? variables = null, string? actor = null, CancellationToken cancellationToken = default)
    {
        var runner = await RunOnIncidentAsync(incidentId, actor, async (runner, incident, transaction) =>
        {
            runner.Append(JournalEntryKind.IncidentRetried, incident.ElementId, e => e with { Detail = incident.Message });
            runner.MergeVariables(variables);
            if (incident.Kind == IncidentKind.ExternalDeliveryFailed)
            {
                var message = await transaction.FindOutboxMessageAsync(incident.OutboxMessageId!.Value, cancellationToken);
                if (message is not null)
                {
                    runner.UpdateOutboxMessage(message with { Status = OutboxStatus.Pending, Attempts = 0, NextAttemptAt = runner.Now, LastError = null });
                }

                runner.ResolveIncident(incident, "queued for redelivery");
                return;
            }

            // Failing again counts another attempt on the same incident; leaving the element resolves it, and so does
            // waiting there normally (e.g. a message wait whose correlation variable is now set).
            var token = FailedTokenOf(runner, incident);
            await runner.ReenterAsync(token);
            var stillStuck = runner.State.FindToken(token.Id) is { Status: TokenStatus.Failed } t && t.ElementId == incident.ElementId;
            if (runner.State.Incidents[incident.Id] is { Status: IncidentStatus.Open } open && !stillStuck)
            {
                runner.ResolveIncident(open, null);
            }
        }, cancellationToken);
        return InstanceStateMapping.ToPosition(runner.State);
    }

    public async Task<InstancePosition> ResolveIncidentAsync(Guid incidentId, string? comment = null, string? actor = null, CancellationToken cancellationToken = default)
    {
        var runner = await RunOnIncidentAsync(incidentId, actor, async (runner, incident, _) =>
        {
            if (incident.Kind == IncidentKind.ExternalDeliveryFailed)
            {
                runner.ResolveIncident(incident, comment);
                return;
            }

            if (incident.Kind is not (IncidentKind.HandlerFailed or IncidentKind.HandlerMissing))
            {
                throw new IncidentNotResolvableException(incident.Id, incident.ElementId);
            }

            var token = FailedTokenOf(runner, incident);
            runner.ResolveIncident(incident, comment);
            await runner.ContinueAsync(token);
        }, cancellationToken);
        return InstanceStateMapping.ToPosition(runner.State);
    }

    public async Task<InstancePosition> GetPositionAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        await using var transaction = await store.BeginAsync(cancellationToken);
        return InstanceStateMapping.ToPosition(InstanceStateMapping.ToRuntime(await LoadAsync(transaction, instanceId, cancellationToken)));
    }

    public async Task<ExecutableDefinition?> GetLatestDefinitionAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var transaction = await store.BeginAsync(cancellationToken);
        return await transaction.FindLatestDefinitionAsync(key, cancellationToken) is { } stored
            ? await definitions.GetAsync(stored.Key, stored.Version, () => transaction.FindDefinitionAsync(stored.Key, stored.Version, cancellationToken), stored.ContentHash)
            : null;
    }

    // The store is read only on a cache miss.
    public Task<ExecutableDefinition> GetDefinitionAsync(string key, int version, CancellationToken cancellationToken = default) =>
        definitions.GetAsync(key, version, async () =>
        {
            await using var transaction = await store.BeginAsync(cancellationToken);
            return await transaction.FindDefinitionAsync(key, version, cancellationToken);
        });

    public async Task<IReadOnlyList<JournalEntry>> GetJournalAsync(Guid instanceId, CancellationToken cancellationToken = default) =>
        [.. (await store.GetJournalAsync(instanceId, 0, cancellationToken)).Select(InstanceStateMapping.ToModel)];

    public async Task<IReadOnlyList<CalledInstance>> GetCalledInstancesAsync(Guid instanceId, CancellationToken cancellationToken = default) =>
        [.. (await store.FindCalledInstancesAsync(instanceId, cancellationToken))
            .Select(i => new CalledInstance(i.Id, i.DefinitionKey, i.DefinitionVersion, i.Status, i.Result, i.StartedAt, i.EndedAt))];

    public async Task<WorkItem> GetWorkItemAsync(Guid workItemId, CancellationToken cancellationToken = default) =>
        InstanceStateMapping.ToModel(await store.FindWorkItemAsync(workItemId, cancellationToken) ?? throw new WorkItemNotFoundException(workItemId));

    public async Task<IReadOnlyList<WorkItem>> QueryWorkItemsAsync(WorkItemFilter filter, CancellationToken cancellationToken = default) =>
        [.. (await store.QueryWorkItemsAsync(filter, cancellationToken)).Select(InstanceStateMapping.ToModel)];

    public async Task<IReadOnlyList<Incident>> QueryIncidentsAsync(IncidentFilter filter, CancellationToken cancellationToken = default) =>
        [.. (await store.QueryIncidentsAsync(filter, cancellationToken)).Select(InstanceStateMapping.ToModel)];

    public async Task<WorkItemRead> ReadWorkItemAsync(Guid workItemId, CancellationToken cancellationToken = default)
    {
        await using var transaction = await store.BeginAsync(cancellationToken);
        var loaded = await transaction.LoadInstanceOfWorkItemAsync(workItemId, cancellationToken) ?? throw new WorkItemNotFoundException(workItemId);
        return new WorkItemRead(InstanceStateMapping.ToModel(loaded.WorkItem), loaded);
    }

    private async Task<WorkItem> ChangeHolderAsync(Guid workItemId, WorkItemRead? read, string actor, JournalEntryKind kind, Func<StoredWorkItem, StoredWorkItem> change, CancellationToken cancellationToken)
    {
        StoredWorkItem? changed = null;
        await RunOnWorkItemAsync(workItemId, read, actor, (runner, item) =>
        {
            changed = change(item);
            runner.State.WorkItems[item.Id] = changed;
            runner.Append(kind, item.ElementId, e => e with
            {
                WorkItemId = item.Id,
                CandidateRole = item.CandidateRole,
                UnitScope = item.UnitScope,
                Assignee = changed.Assignee,
                PreviousAssignee = item.Assignee,
                Detail = kind == JournalEntryKind.TaskDelegated ? $"owner:{changed.Owner}" : null,
            });
            return Task.CompletedTask;
        }, cancellationToken);
        return InstanceStateMapping.ToModel(changed!);
    }

    /// <summary>
    /// A command on one open work item, loaded by the command or taken from the caller's <paramref name="read"/> of it:
    /// errors name the task when it is unknown, completed or cancelled.
    /// </summary>
    private Task<ExecutionRunner> RunOnWorkItemAsync(Guid workItemId, WorkItemRead? read, string? actor, Func<ExecutionRunner, StoredWorkItem, Task> body, CancellationToken cancellationToken) =>
        RunCommandAsync(
            async transaction =>
            {
                var loaded = read?.Stored.WorkItem.Id == workItemId
                    ? read.Stored
                    : await transaction.LoadInstanceOfWorkItemAsync(workItemId, cancellationToken) ?? throw new WorkItemNotFoundException(workItemId);
                return loaded.WorkItem.Status != WorkItemStatus.Open
                    ? throw Closed(loaded.WorkItem, null)
                    : loaded.Instance ?? throw new InstanceNotFoundException(loaded.WorkItem.InstanceId);
            },
            requireRunning: false,
            actor,
            async (runner, _) =>
            {
                if (!runner.State.WorkItems.TryGetValue(workItemId, out var item) || item.Status != WorkItemStatus.Open)
                {
                    // Only a store that reads the item apart from its instance can get here: a concurrent command closed it
                    // between the two reads.
                    throw new WorkflowConcurrencyException($"Task {workItemId} was changed by another command; reload it.");
                }

                if (runner.State.Status != InstanceStatus.Running)
                {
                    throw Closed(item with { Status = WorkItemStatus.Cancelled }, $"(its instance is {runner.State.Status.ToString().ToLowerInvariant()})");
                }

                await body(runner, item);
                return true;
            },
            cancellationToken);

    private static WorkItemClosedException Closed(StoredWorkItem item, string? detail) =>
        new(item.Id, item.Name, item.Status, detail ?? (item.CompletedBy is null ? null : $"(by {item.CompletedBy} at {item.CompletedAt:u})"));

    private Task<ExecutionRunner> RunOnIncidentAsync(Guid incidentId, string? actor, Func<ExecutionRunner, StoredIncident, IWorkflowStoreTransaction, Task> body, CancellationToken cancellationToken) =>
        RunCommandAsync(
            async transaction =>
            {
                var row = await transaction.FindIncidentAsync(incidentId, cancellationToken);
                return row is { Status: IncidentStatus.Open }
                    ? await LoadAsync(transaction, row.InstanceId, cancellationToken)
                    : throw new IncidentNotFoundException(incidentId);
            },
            requireRunning: false,
            actor,
            async (runner, transaction) =>
            {
                if (!runner.State.Incidents.TryGetValue(incidentId, out var incident) || incident.Status != IncidentStatus.Open)
                {
                    throw new IncidentNotFoundException(incidentId);
                }

                if (incident.Kind != IncidentKind.ExternalDeliveryFailed && runner.State.Status != InstanceStatus.Running)
                {
                    throw new InstanceNotRunningException(runner.State.Id, runner.State.Status);
                }

                await body(runner, incident, transaction);
                return true;
            },
            cancellationToken);

    private static Token FailedTokenOf(ExecutionRunner runner, StoredIncident incident) =>
        runner.State.FindToken(incident.TokenId ?? Guid.Empty) is { Status: TokenStatus.Failed } token && token.ElementId == incident.ElementId
            ? token
            : throw new InvalidOperationException($"Incident {incident.Id} has no stopped token at '{incident.ElementId}'.");

    private static async Task<StoredInstanceState> LoadAsync(IWorkflowStoreTransaction transaction, Guid instanceId, CancellationToken cancellationToken) =>
        await transaction.LoadInstanceAsync(instanceId, cancellationToken) ?? throw new InstanceNotFoundException(instanceId);

    /// <summary>
    /// The shape of every instance command: begin (or join) a transaction, load one instance with its concurrency token
    /// (<paramref name="load"/> finds it and throws when it is missing), let <paramref name="body"/> drive the runner, save
    /// the change set and commit. <paramref name="body"/> returns false when there is nothing to write (the transaction is
    /// then rolled back).
    /// </summary>
    private async Task<ExecutionRunner> RunCommandAsync(
        Func<IWorkflowStoreTransaction, Task<StoredInstanceState>> load,
        bool requireRunning,
        string? actor,
        Func<ExecutionRunner, IWorkflowStoreTransaction, Task<bool>> body,
        CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginAsync(cancellationToken);
        var loaded = await load(transaction);
        if (requireRunning && loaded.Instance.Status != InstanceStatus.Running)
        {
            throw new InstanceNotRunningException(loaded.Instance.Id, loaded.Instance.Status);
        }

        var row = loaded.Instance;
        var definition = await definitions.GetAsync(row.DefinitionKey, row.DefinitionVersion, () => transaction.FindDefinitionAsync(row.DefinitionKey, row.DefinitionVersion, cancellationToken));
        var runner = new ExecutionRunner(definition, InstanceStateMapping.ToRuntime(loaded), _environment, actor, cancellationToken);
        if (await body(runner, transaction))
        {
            await SaveAsync(transaction, loaded, runner, actor, cancellationToken);
        }

        return runner;
    }

    /// <summary>Saves what the command changed — with the instances its call activities reached — and commits.</summary>
    private Task SaveAsync(IWorkflowStoreTransaction transaction, StoredInstanceState? loaded, ExecutionRunner runner, string? actor, CancellationToken cancellationToken)
    {
        var session = new CommandSession(transaction, definitions, _environment, actor, cancellationToken);
        session.Add(loaded, runner);
        return session.CompleteAsync();
    }

    private async Task<T> RetryOnConflictAsync<T>(Func<Task<T>> command)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await command();
            }
            catch (WorkflowConcurrencyException conflict) when (attempt < Options.ConflictRetries && !conflict.CallerMustRollBack)
            {
                logger.LogDebug("Concurrency conflict, retrying (attempt {Attempt})", attempt);
            }
        }
    }
}
