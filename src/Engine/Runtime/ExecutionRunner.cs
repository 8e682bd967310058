using System.Text.Json.Nodes;
using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Handlers;
using DossierWorkflow.Engine.Nodes;
using DossierWorkflow.Engine.Persistence;

namespace DossierWorkflow.Engine.Runtime;

/// <summary>
/// Applies the instructions of node behaviours to one instance during one command, until every token waits (workflow-core's
/// runner applying an <c>ExecutionResult</c>). It journals every step and collects the outbox messages of the command; it
/// never touches the store.
/// </summary>
internal sealed class ExecutionRunner(
    ExecutableDefinition definition,
    InstanceState state,
    RunEnvironment environment,
    string? actor,
    CancellationToken cancellationToken)
{
    private readonly Queue<Guid> _agenda = new();
    private readonly List<StoredJournalEntry> _journal = [];
    private readonly List<StoredOutboxMessage> _outbox = [];
    private readonly List<StoredOutboxMessage> _outboxUpdates = [];
    private string? _completionResult;
    private int _steps;

    public DateTimeOffset Now { get; } = environment.Time.GetUtcNow();

    public InstanceState State => state;

    public IReadOnlyList<StoredJournalEntry> Journal => _journal;

    public IReadOnlyList<StoredOutboxMessage> Outbox => _outbox;

    /// <summary>Outbox rows this command changed (a failed delivery given up, or re-queued by retrying its incident).</summary>
    public IReadOnlyList<StoredOutboxMessage> OutboxUpdates => _outboxUpdates;

    public void UpdateOutboxMessage(StoredOutboxMessage message) => _outboxUpdates.Add(message);

    /// <summary>
    /// Writes a message to an external handler into this command's outbox, with the instance's variables as they are now,
    /// and journals it at <paramref name="elementId"/> (a send step, or what queued it from outside the workflow).
    /// </summary>
    public void QueueExternal(string elementId, string handler, IReadOnlyDictionary<string, string> parameters, string? idempotencyKey = null)
    {
        var id = NewId.Next();
        var payload = new JsonObject
        {
            ["parameters"] = new JsonObject(parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
            ["variables"] = state.Variables.DeepClone(),
        };
        _outbox.Add(new StoredOutboxMessage
        {
            Id = id,
            InstanceId = state.Id,
            ElementId = elementId,
            Handler = handler,
            IdempotencyKey = idempotencyKey ?? $"{state.Id:N}:{elementId}:{id:N}",
            PayloadJson = payload.ToJsonString(),
            Status = OutboxStatus.Pending,
            Attempts = 0,
            CreatedAt = Now,
            NextAttemptAt = Now,
        });
        Append(JournalEntryKind.OutboxMessageQueued, elementId, e => e with { Detail = handler });
    }

    /// <summary>Places the first token on the start event and runs to the first wait states.</summary>
    public async Task StartAsync(StartEventNode start)
    {
        Append(JournalEntryKind.InstanceStarted, null, e => e with { Detail = state.BusinessKey });
        var token = new Token(NewId.Next(), start.Id);
        state.Tokens.Add(token);
        _agenda.Enqueue(token.Id);
        await RunAsync();
    }

    /// <summary>Removes a triggered bookmark and resumes its element with the bookmark's token.</summary>
    public async Task ResumeAsync(Bookmark bookmark, ResumeSignal signal)
    {
        state.Bookmarks.Remove(bookmark);
        var token = state.FindToken(bookmark.TokenId)
            ?? throw new InvalidOperationException($"Bookmark {bookmark.Id} of instance {state.Id} points at a token that no longer exists.");
        var node = definition[bookmark.ElementId];
        await ApplyAsync(NodeBehaviors.For(node).Resume(ContextFor(node, token), signal), token);
        await RunAsync();
    }

    /// <summary>
    /// Completes an open task with an outcome (set as the variable <c>outcome</c> too), variables and a comment, and
    /// resumes its token. Whether the outcome is one the task offers is the caller's check.
    /// </summary>
    public async Task CompleteTaskAsync(StoredWorkItem item, string? outcome, JsonObject? variables, string? comment, string? by)
    {
        state.WorkItems[item.Id] = item with
        {
            Status = WorkItemStatus.Completed,
            Outcome = outcome,
            Comment = comment,
            CompletedBy = by,
            CompletedAt = Now,
        };
        MergeVariables(variables);
        if (outcome is not null)
        {
            state.Variables["outcome"] = outcome;
        }

        Append(JournalEntryKind.TaskCompleted, item.ElementId, e => e with
        {
            WorkItemId = item.Id,
            CandidateRole = item.CandidateRole,
            UnitScope = item.UnitScope,
            Assignee = item.Assignee ?? by,
            Outcome = outcome,
            Comment = comment,
            DueAt = item.DueAt,
        });
        await ResumeAsync(state.Bookmarks.Single(b => b.Id == item.Id), new TaskCompletedSignal(outcome));
    }

    /// <summary>A timer the instance waits on is due: its element (a catch event, or a boundary event on an activity) goes on.</summary>
    public async Task FireTimerAsync(Bookmark bookmark)
    {
        Append(JournalEntryKind.TimerFired, bookmark.ElementId, e => e with { DueAt = bookmark.DueAt });
        await ResumeAsync(bookmark, new TimerFiredSignal(bookmark.DueAt!.Value, bookmark.Occurrence));
    }

    /// <summary>The message a subscription waits for has come: its element goes on.</summary>
    public async Task ReceiveMessageAsync(Bookmark bookmark)
    {
        Append(JournalEntryKind.MessageReceived, bookmark.ElementId, e => e with { Detail = $"{bookmark.MessageName}:{bookmark.CorrelationKey}" });
        await ResumeAsync(bookmark, new MessageReceivedSignal(bookmark.MessageName!));
    }

    /// <summary>
    /// Moves tokens to other elements (of this runner's definition, which may be another version than the one they
    /// waited in): each token's waits are cancelled, its open incidents closed, and it enters its target anew, as if it
    /// had just arrived there.
    /// </summary>
    public async Task RelocateAsync(IReadOnlyList<(Token Token, string Target)> moves, string reason, int fromVersion)
    {
        foreach (var (token, target) in moves)
        {
            CancelBookmarks(token);
            foreach (var incident in state.Incidents.Values.Where(i => i.Status == IncidentStatus.Open && i.TokenId == token.Id).ToList())
            {
                ResolveIncident(incident, reason);
            }

            var from = token.ElementId;
            Append(JournalEntryKind.TokenMoved, target, e => e with
            {
                Comment = reason,
                Detail = fromVersion == state.DefinitionVersion ? from : $"{from}@v{fromVersion}",
            });
            token.ElementId = target;
            token.ArrivedViaFlowId = null;
            token.Status = TokenStatus.Active;
            _agenda.Enqueue(token.Id);
        }

        await RunAsync();
    }

    /// <summary>Enters the token's element again (retrying an incident).</summary>
    public async Task ReenterAsync(Token token)
    {
        token.Status = TokenStatus.Active;
        _agenda.Enqueue(token.Id);
        await RunAsync();
    }

    /// <summary>Resumes a failed service task as if its handler had succeeded (an operator did the step by hand).</summary>
    public async Task ContinueAsync(Token token)
    {
        token.Status = TokenStatus.Active;
        var node = definition[token.ElementId];
        await ApplyAsync(NodeBehaviors.For(node).Resume(ContextFor(node, token), ResumeSignal.HandlerSucceeded), token);
        await RunAsync();
    }

    /// <summary>Ends the instance (cancel or terminate): every wait is cancelled, every token removed, open incidents closed.</summary>
    public void EndInstance(InstanceStatus status, string? result, string? reason)
    {
        foreach (var token in state.Tokens.ToList())
        {
            CancelBookmarks(token);
        }

        state.Tokens.Clear();
        _agenda.Clear();
        foreach (var incident in state.Incidents.Values.Where(i => i.Status == IncidentStatus.Open).ToList())
        {
            state.Incidents[incident.Id] = incident with { Status = IncidentStatus.Resolved, ResolvedAt = Now, ResolvedBy = actor, NextRetryAt = null };
        }

        state.Status = status;
        state.Result = result;
        state.EndedAt = Now;
        state.EndedBy = actor;
        state.EndReason = reason;
        var kind = status switch
        {
            InstanceStatus.Completed => JournalEntryKind.InstanceCompleted,
            InstanceStatus.Cancelled => JournalEntryKind.InstanceCancelled,
            _ => JournalEntryKind.InstanceTerminated,
        };
        Append(kind, null, e => e with { Outcome = result, Comment = reason });
    }

    /// <summary>Merges top-level members into the instance variables.</summary>
    public void MergeVariables(JsonObject? variables)
    {
        if (variables is null)
        {
            return;
        }

        foreach (var (name, value) in variables)
        {
            state.Variables[name] = value?.DeepClone();
        }
    }

    public void ResolveIncident(StoredIncident incident, string? comment)
    {
        state.Incidents[incident.Id] = incident with { Status = IncidentStatus.Resolved, ResolvedAt = Now, ResolvedBy = actor, NextRetryAt = null };
        Append(JournalEntryKind.IncidentResolved, incident.ElementId, e => e with { Comment = comment, Detail = incident.Message });
    }

    /// <summary>Appends one journal line with the next sequence number of the instance.</summary>
    public void Append(JournalEntryKind kind, string? elementId, Func<StoredJournalEntry, StoredJournalEntry>? complete = null)
    {
        var entry = new StoredJournalEntry
        {
            InstanceId = state.Id,
            Sequence = ++state.JournalSequence,
            At = Now,
            Kind = kind,
            ElementId = elementId,
            ElementName = elementId is not null && definition.Nodes.TryGetValue(elementId, out var node) ? node.DisplayName : null,
            Actor = actor,
        };
        _journal.Add(complete is null ? entry : complete(entry));
    }

    private async Task RunAsync()
    {
        while (_agenda.TryDequeue(out var tokenId) && state.Status == InstanceStatus.Running)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var token = state.FindToken(tokenId);
            if (token is null || token.Status != TokenStatus.Active)
            {
                continue;
            }

            var node = definition[token.ElementId];
            Append(JournalEntryKind.NodeEntered, node.Id);
            if (++_steps > environment.Options.MaxStepsPerCommand)
            {
                await ApplyAsync([new RaiseIncident(IncidentKind.Unsupported, $"The instance took more than {environment.Options.MaxStepsPerCommand} steps in one command without reaching a wait state; the model probably loops without a task, timer or message.")], token);
                continue;
            }

            await ApplyAsync(NodeBehaviors.For(node).Enter(ContextFor(node, token)), token);
        }

        if (state.Status == InstanceStatus.Running && ReleaseInclusiveJoin())
        {
            await RunAsync();
            return;
        }

        if (state.Status == InstanceStatus.Running && state.Tokens.Count == 0)
        {
            EndInstance(InstanceStatus.Completed, _completionResult, null);
        }
    }

    /// <summary>
    /// Once every token has gone as far as it can, an inclusive join may have become free (a branch ended elsewhere):
    /// re-enter one waiting token there so the gateway merges and continues.
    /// </summary>
    private bool ReleaseInclusiveJoin()
    {
        var views = state.Tokens.Select(View).ToList();
        var ready = state.Tokens.FirstOrDefault(t =>
            t.Status == TokenStatus.Joining
            && definition[t.ElementId] is InclusiveGatewayNode join
            && InclusiveGatewayBehavior.CanJoin(join, views, id => definition[id]));
        if (ready is null)
        {
            return false;
        }

        ready.Status = TokenStatus.Active;
        _agenda.Enqueue(ready.Id);
        return true;
    }

    private async Task ApplyAsync(IReadOnlyList<NodeInstruction> instructions, Token token)
    {
        var current = token;
        foreach (var instruction in instructions)
        {
            if (state.Status != InstanceStatus.Running)
            {
                return;
            }

            switch (instruction)
            {
                case TakeFlows take:
                    Leave(current, take.Flows);
                    break;
                case CreateWorkItem create:
                    await CreateWorkItemAsync(current, create);
                    break;
                case ScheduleTimer timer:
                    current.Status = TokenStatus.Waiting;
                    state.Bookmarks.Add(new Bookmark(NewId.Next(), current.Id, timer.ElementId, BookmarkKind.Timer, Now) { DueAt = timer.DueAt, Occurrence = timer.Occurrence });
                    Append(JournalEntryKind.TimerScheduled, timer.ElementId, e => e with { DueAt = timer.DueAt });
                    break;
                case SubscribeToMessage subscribe:
                    current.Status = TokenStatus.Waiting;
                    state.Bookmarks.Add(new Bookmark(NewId.Next(), current.Id, subscribe.ElementId, BookmarkKind.Message, Now)
                    {
                        MessageName = subscribe.MessageName,
                        CorrelationKey = subscribe.CorrelationKey,
                    });
                    Append(JournalEntryKind.MessageSubscribed, subscribe.ElementId, e => e with { Detail = $"{subscribe.MessageName}:{subscribe.CorrelationKey}" });
                    break;
                case InvokeHandler invoke:
                    await InvokeAsync(invoke.Step, current);
                    break;
                case WaitForJoin:
                    current.Status = TokenStatus.Joining;
                    break;
                case MergeTokens merge:
                    state.Tokens.RemoveAll(t => merge.TokenIds.Contains(t.Id));
                    break;
                case CompleteToken complete:
                    state.Tokens.Remove(current);
                    _completionResult = complete.Result ?? _completionResult;
                    break;
                case TerminateInstance terminate:
                    EndInstance(InstanceStatus.Terminated, terminate.Result, null);
                    break;
                case InterruptActivity interrupt:
                    Append(JournalEntryKind.NodeLeft, current.ElementId, e => e with { Detail = $"interrupted by {interrupt.BoundaryElementId}" });
                    CancelBookmarks(current);
                    current.ElementId = interrupt.BoundaryElementId;
                    current.ArrivedViaFlowId = null;
                    current.Status = TokenStatus.Active;
                    Append(JournalEntryKind.NodeEntered, interrupt.BoundaryElementId);
                    break;
                case TakeEvent taken:
                    Append(JournalEntryKind.NodeLeft, current.ElementId, e => e with { Detail = $"{taken.EventElementId} came first" });
                    CancelBookmarks(current);
                    current.ElementId = taken.EventElementId;
                    current.ArrivedViaFlowId = null;
                    current.Status = TokenStatus.Active;
                    Append(JournalEntryKind.NodeEntered, taken.EventElementId);
                    break;
                case BranchFromActivity branch:
                    current = new Token(NewId.Next(), branch.BoundaryElementId);
                    state.Tokens.Add(current);
                    Append(JournalEntryKind.NodeEntered, branch.BoundaryElementId);
                    break;
                case RaiseIncident raise:
                    RaiseIncident(current, raise);
                    break;
                default:
                    throw new NotSupportedException($"The runner does not know the instruction {instruction.GetType().Name}.");
            }
        }
    }

    private void Leave(Token token, IReadOnlyList<SequenceFlow> flows)
    {
        // A token that gets past an element no longer has a problem there (e.g. a retried gateway).
        if (OpenIncidentOf(token) is { } solved)
        {
            ResolveIncident(solved, null);
        }

        Append(JournalEntryKind.NodeLeft, token.ElementId, e => e with { Detail = string.Join(",", flows.Select(f => f.Id)) });
        CancelBookmarks(token);
        if (flows.Count == 0)
        {
            state.Tokens.Remove(token);
            return;
        }

        for (var i = 0; i < flows.Count; i++)
        {
            var moving = i == 0 ? token : new Token(NewId.Next(), flows[i].TargetId);
            if (i > 0)
            {
                state.Tokens.Add(moving);
            }

            moving.ElementId = flows[i].TargetId;
            moving.ArrivedViaFlowId = flows[i].Id;
            moving.Status = TokenStatus.Active;
            _agenda.Enqueue(moving.Id);
        }
    }

    /// <summary>Removes every wait of a token: open work items are cancelled, timers and subscriptions dropped.</summary>
    private void CancelBookmarks(Token token)
    {
        foreach (var bookmark in state.Bookmarks.Where(b => b.TokenId == token.Id).ToList())
        {
            state.Bookmarks.Remove(bookmark);
            switch (bookmark.Kind)
            {
                case BookmarkKind.WorkItem when state.WorkItems.TryGetValue(bookmark.Id, out var item) && item.Status == WorkItemStatus.Open:
                    state.WorkItems[item.Id] = item with { Status = WorkItemStatus.Cancelled, CompletedAt = Now, CompletedBy = actor };
                    Append(JournalEntryKind.TaskCancelled, item.ElementId, e => e with { WorkItemId = item.Id, Assignee = item.Assignee });
                    break;
                case BookmarkKind.Timer:
                    Append(JournalEntryKind.TimerCancelled, bookmark.ElementId, e => e with { DueAt = bookmark.DueAt });
                    break;
            }
        }
    }

    private async Task CreateWorkItemAsync(Token token, CreateWorkItem create)
    {
        var task = create.Task;
        var candidateUnit = await environment.CandidateUnits.ResolveAsync(
            new CandidateUnitRequest(state.DefinitionKey, task.Id, task.Role, task.UnitScope, state.BusinessKey, state.Variables), cancellationToken);
        var item = new StoredWorkItem
        {
            Id = NewId.Next(),
            InstanceId = state.Id,
            TokenId = token.Id,
            DefinitionKey = state.DefinitionKey,
            DefinitionVersion = state.DefinitionVersion,
            BusinessKey = state.BusinessKey,
            ElementId = task.Id,
            Name = task.DisplayName,
            CandidateRole = task.Role,
            UnitScope = task.UnitScope,
            CandidateUnit = candidateUnit,
            Form = task.Form,
            Outcomes = string.Join(',', task.Outcomes),
            Status = WorkItemStatus.Open,
            CreatedAt = Now,
            DueAt = create.DueAt,
        };
        token.Status = TokenStatus.Waiting;
        state.WorkItems[item.Id] = item;
        state.Bookmarks.Add(new Bookmark(item.Id, token.Id, task.Id, BookmarkKind.WorkItem, Now) { DueAt = create.DueAt });
        Append(JournalEntryKind.TaskCreated, task.Id, e => e with
        {
            WorkItemId = item.Id,
            CandidateRole = item.CandidateRole,
            UnitScope = item.UnitScope,
            DueAt = item.DueAt,
        });
    }

    private async Task InvokeAsync(HandlerStepNode task, Token token)
    {
        var openIncident = OpenIncidentOf(token);
        if (environment.Handlers.FindInTransaction(task.Handler) is { } handler)
        {
            var attempt = (openIncident?.Attempts ?? 0) + 1;
            ServiceTaskResult result;
            try
            {
                var context = new ServiceTaskContext(
                    state.Id, state.BusinessKey, task.Id, task.Handler, task.Parameters, (JsonObject)state.Variables.DeepClone(), Now, attempt);
                result = await handler.ExecuteAsync(context, cancellationToken);
            }
            catch (BusinessErrorException error) when (CatcherOf(task, error.Code) is { } boundary)
            {
                if (openIncident is not null)
                {
                    ResolveIncident(openIncident, null);
                }

                MergeVariables(new JsonObject { ["errorCode"] = error.Code, ["errorMessage"] = error.Message });
                Append(JournalEntryKind.ServiceTaskExecuted, task.Id, e => e with { Detail = $"{task.Handler}: error {error.Code}" });
                await ApplyAsync([new InterruptActivity(boundary.Id), new TakeFlows(boundary.Outgoing)], token);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                RaiseIncident(token, new RaiseIncident(IncidentKind.HandlerFailed, exception is BusinessErrorException business
                    ? $"Handler '{task.Handler}' of '{task.DisplayName}' raised the business error '{business.Code}' ({business.Message}), which no error boundary event on the step catches."
                    : $"Handler '{task.Handler}' of '{task.DisplayName}' failed: {exception.Message}"));
                return;
            }

            MergeVariables(result.Variables);
            Append(JournalEntryKind.ServiceTaskExecuted, task.Id, e => e with { Detail = task.Handler });
        }
        else if (environment.Handlers.FindExternal(task.Handler) is not null)
        {
            QueueExternal(task.Id, task.Handler, task.Parameters);
        }
        else
        {
            RaiseIncident(token, new RaiseIncident(IncidentKind.HandlerMissing, $"No handler is registered under '{task.Handler}' (used by '{task.DisplayName}'). Register it, then retry the incident."));
            return;
        }

        if (openIncident is not null)
        {
            ResolveIncident(openIncident, null);
        }

        await ApplyAsync(NodeBehaviors.For(task).Resume(ContextFor(task, token), ResumeSignal.HandlerSucceeded), token);
    }

    /// <summary>The error boundary event of <paramref name="task"/> that catches <paramref name="code"/>: its own, else one catching any.</summary>
    private static BoundaryEventNode? CatcherOf(HandlerStepNode task, string code) =>
        task.BoundaryEvents.FirstOrDefault(b => b.Trigger is ErrorTrigger { ErrorCode: { } caught } && caught == code)
        ?? task.BoundaryEvents.FirstOrDefault(b => b.Trigger is ErrorTrigger { ErrorCode: null });

    private StoredIncident? OpenIncidentOf(Token token) =>
        state.Incidents.Values.FirstOrDefault(i => i.Status == IncidentStatus.Open && i.TokenId == token.Id && i.ElementId == token.ElementId);

    private void RaiseIncident(Token token, RaiseIncident raise)
    {
        token.Status = TokenStatus.Failed;
        var retryable = raise.Kind == IncidentKind.HandlerFailed;
        var existing = OpenIncidentOf(token);
        var attempts = (existing?.Attempts ?? 0) + 1;
        var incident = existing is null
            ? NewIncident(token.Id, token.ElementId, raise.Kind, raise.Message, attempts)
            : existing with { Kind = raise.Kind, Message = raise.Message, Attempts = attempts };
        incident = incident with
        {
            NextRetryAt = retryable ? environment.NextRetry(Now, attempts, environment.Options.IncidentMaxAutomaticAttempts) : null,
        };
        state.Incidents[incident.Id] = incident;
        Append(JournalEntryKind.IncidentRaised, token.ElementId, e => e with { Detail = raise.Message });
    }

    /// <summary>An external delivery that failed every attempt: the outbox row fails and an incident points at it.</summary>
    public void RaiseDeliveryIncident(StoredOutboxMessage failed, string message)
    {
        var incident = NewIncident(null, failed.ElementId, IncidentKind.ExternalDeliveryFailed, message, failed.Attempts) with { OutboxMessageId = failed.Id };
        state.Incidents[incident.Id] = incident;
        UpdateOutboxMessage(failed with { Status = OutboxStatus.Failed });
        Append(JournalEntryKind.IncidentRaised, failed.ElementId, e => e with { Detail = message });
    }

    private StoredIncident NewIncident(Guid? tokenId, string elementId, IncidentKind kind, string message, int attempts) => new()
    {
        Id = NewId.Next(),
        InstanceId = state.Id,
        TokenId = tokenId,
        ElementId = elementId,
        Kind = kind,
        Message = message,
        Attempts = attempts,
        Status = IncidentStatus.Open,
        CreatedAt = Now,
    };

    private NodeContext ContextFor(ExecutableNode node, Token token) => new(
        node,
        View(token),
        [.. state.Tokens.Select(View)],
        state.Variables,
        state.BusinessKey,
        Now,
        environment.Calendar,
        id => definition[id]);

    private static TokenView View(Token token) => new(token.Id, token.ElementId, token.Status, token.ArrivedViaFlowId);
}
