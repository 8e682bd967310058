using System.Globalization;
using System.Text.Json.Nodes;
using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Handlers;
using DossierWorkflow.Engine.Nodes;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Engine.Timers;

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
    private readonly Queue<CallEffect> _calls = new();
    private string? _completionResult;
    private bool _callerNotified;
    private int _steps;

    public DateTimeOffset Now { get; } = environment.Time.GetUtcNow();

    public InstanceState State => state;

    public IReadOnlyList<StoredJournalEntry> Journal => _journal;

    public IReadOnlyList<StoredOutboxMessage> Outbox => _outbox;

    /// <summary>Outbox rows this command changed (a failed delivery given up, or re-queued by retrying its incident).</summary>
    public IReadOnlyList<StoredOutboxMessage> OutboxUpdates => _outboxUpdates;

    public void UpdateOutboxMessage(StoredOutboxMessage message) => _outboxUpdates.Add(message);

    /// <summary>The next thing this command asks of another instance through a call activity (<see cref="CommandSession"/> applies it).</summary>
    public bool TryTakeCallEffect(out CallEffect effect) => _calls.TryDequeue(out effect!);

    /// <summary>
    /// Writes a message to an external handler into this command's outbox, with the instance's variables as they are now,
    /// and journals it at <paramref name="elementId"/> (a send step, or what queued it from outside the workflow).
    /// </summary>
    public void QueueExternal(string elementId, string handler, IReadOnlyDictionary<string, string> parameters, string? idempotencyKey = null, Token? token = null)
    {
        var id = NewId.Next();
        var payload = new JsonObject
        {
            ["parameters"] = new JsonObject(parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
            ["variables"] = (token is null ? state.Variables : VariablesFor(token)).DeepClone(),
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
        ArmEventSubProcesses(null);
        await RunAsync();
    }

    /// <summary>Removes a triggered bookmark and resumes its element with the bookmark's token.</summary>
    public async Task ResumeAsync(Bookmark bookmark, ResumeSignal signal)
    {
        state.Bookmarks.Remove(bookmark);
        var node = definition[bookmark.ElementId];
        if (node is StartEventNode { Trigger: not null } start)
        {
            await StartEventSubProcessAsync(start, bookmark, signal);
            await RunAsync();
            return;
        }

        var token = state.FindToken(bookmark.TokenId)
            ?? throw new InvalidOperationException($"Bookmark {bookmark.Id} of instance {state.Id} points at a token that no longer exists.");
        await ApplyAsync(BehaviorFor(node, token).Resume(ContextFor(node, token), signal), token);
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
        var token = state.FindToken(item.TokenId);
        MergeVariables(variables, token);
        if (outcome is not null)
        {
            WriteTarget(token)["outcome"] = outcome;
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

    /// <summary>A signal the instance waits for was broadcast: its element goes on.</summary>
    public async Task ReceiveSignalAsync(Bookmark bookmark)
    {
        Append(JournalEntryKind.SignalReceived, bookmark.ElementId, e => e with { Detail = bookmark.MessageName });
        await ResumeAsync(bookmark, new SignalReceivedSignal(bookmark.MessageName!));
    }

    /// <summary>The message a subscription waits for has come: its element goes on.</summary>
    public async Task ReceiveMessageAsync(Bookmark bookmark)
    {
        Append(JournalEntryKind.MessageReceived, bookmark.ElementId, e => e with { Detail = $"{bookmark.MessageName}:{bookmark.CorrelationKey}" });
        await ResumeAsync(bookmark, new MessageReceivedSignal(bookmark.MessageName!));
    }

    /// <summary>
    /// Moves tokens to other elements (of this runner's definition, which may be another version than the one they
    /// waited in, <paramref name="from"/> of <paramref name="fromVersion"/>): each token's waits are cancelled, its open
    /// incidents closed, and it enters its target anew, as if it had just arrived there. Onto another version, what the
    /// instance and the tokens not moved wait for becomes the target's (<see cref="TakeOverWaits"/>).
    /// </summary>
    public async Task RelocateAsync(IReadOnlyList<(Token Token, string Target)> moves, string reason, ExecutableDefinition from, int fromVersion)
    {
        foreach (var (token, target) in moves)
        {
            ClearWaits(token);
            foreach (var incident in state.Incidents.Values.Where(i => i.Status == IncidentStatus.Open && i.TokenId == token.Id).ToList())
            {
                ResolveIncident(incident, reason);
            }

            var left = token.ElementId;
            Append(JournalEntryKind.TokenMoved, target, e => e with
            {
                Comment = reason,
                Detail = fromVersion == state.DefinitionVersion ? left : $"{left}@v{fromVersion}",
            });
            // An instance of a multi-instance activity keeps its element and counter (its locals) to enter its activity anew.
            var locals = token.LoopIndex is not null && target == left ? token.Locals : null;
            MoveTo(token, target, null);
            token.Locals = locals;
            _agenda.Enqueue(token.Id);
        }

        if (fromVersion != state.DefinitionVersion)
        {
            var moved = moves.Select(m => m.Token.Id).ToHashSet();
            TakeOverWaits(from, null);
            foreach (var staying in state.Tokens.Where(t => !moved.Contains(t.Id)).ToList())
            {
                TakeOverWaits(from, staying);
            }
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
        await ApplyAsync(BehaviorFor(node, token).Resume(ContextFor(node, token), ResumeSignal.HandlerSucceeded), token);
        await RunAsync();
    }

    /// <summary>Ends the instance (cancel or terminate): every wait is cancelled, every token removed, open incidents closed.</summary>
    public void EndInstance(InstanceStatus status, string? result, string? reason)
    {
        foreach (var token in state.Tokens.ToList())
        {
            CancelBookmarks(token.Id);
            CancelCall(token);
        }

        CancelBookmarks(state.Id);
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
        if (state.ParentInstanceId is { } caller && !_callerNotified)
        {
            // A completed or terminated called instance returns to its caller; a cancelled one leaves it an incident.
            _callerNotified = true;
            _calls.Enqueue(new CallEnd(caller, state.ParentTokenId!.Value, state.Id, (JsonObject)state.Variables.DeepClone(),
                status == InstanceStatus.Cancelled ? $"cancelled: {reason}" : null));
        }
    }

    /// <summary>
    /// The instance a call activity started has ended (<paramref name="end"/>): its outputs come back and the call activity
    /// leaves, or — when it did not complete — the call activity stops with an incident whose retry starts it again. False
    /// when the call activity no longer waits for that instance (it was cancelled meanwhile).
    /// </summary>
    public async Task<bool> EndCallAsync(CallEnd end)
    {
        if (CallingToken(end.ParentTokenId, end.ChildId) is not { } token)
        {
            return false;
        }

        var node = (CallActivityNode)definition[token.ElementId];
        token.CalledInstanceId = null;
        Append(JournalEntryKind.CallEnded, node.Id, e => e with { Detail = $"{node.Called.Key}:{end.ChildId}", Comment = end.Failure });
        if (end.Failure is not null)
        {
            RaiseIncident(token, new RaiseIncident(IncidentKind.CallFailed, $"The instance of '{node.Called.Key}' that '{node.DisplayName}' started ended without completing ({end.Failure}); retry to start it again."));
            return true;
        }

        MergeVariables(Map(node.Called.Outputs, end.Variables), token);
        await ApplyAsync(BehaviorFor(node, token).Resume(ContextFor(node, token), CallCompletedSignal.Instance), token);
        await RunAsync();
        return true;
    }

    /// <summary>The instance a call activity was to start could not be (e.g. its definition is not deployed): an incident.</summary>
    public bool RefuseCall(Guid tokenId, Guid childId, string message)
    {
        if (CallingToken(tokenId, childId) is not { } token)
        {
            return false;
        }

        token.CalledInstanceId = null;
        RaiseIncident(token, new RaiseIncident(IncidentKind.CallFailed, message));
        return true;
    }

    /// <summary>An error the called instance threw and did not catch, thrown again at the call activity.</summary>
    public async Task<bool> ThrowFromCallAsync(CallError error)
    {
        if (CallingToken(error.ParentTokenId, error.ChildId) is not { } token)
        {
            return false;
        }

        token.CalledInstanceId = null;
        Append(JournalEntryKind.CallEnded, token.ElementId, e => e with { Detail = $"error:{error.ErrorCode}" });
        await ThrowErrorAsync(token, error.ErrorCode, null);
        await RunAsync();
        return true;
    }

    /// <summary>An escalation the called instance threw and did not catch, thrown again at the call activity.</summary>
    public async Task<bool> EscalateFromCallAsync(CallEscalation escalation)
    {
        if (CallingToken(escalation.ParentTokenId, escalation.ChildId) is not { } token)
        {
            return false;
        }

        await ThrowEscalationAsync(token, escalation.EscalationCode, fromActivity: true);
        await RunAsync();
        return true;
    }

    private Token? CallingToken(Guid tokenId, Guid childId) =>
        state.Status == InstanceStatus.Running && state.FindToken(tokenId) is { } token && token.CalledInstanceId == childId ? token : null;

    /// <summary>Cancels the instance a token at a call activity waits for.</summary>
    private void CancelCall(Token token)
    {
        if (token.CalledInstanceId is { } called)
        {
            _calls.Enqueue(new CallCancel(called));
            token.CalledInstanceId = null;
        }
    }

    /// <summary>The variables a mapping picks from <paramref name="from"/>, under their target names.</summary>
    private static JsonObject Map(IEnumerable<VariableMapping> mappings, JsonObject from) =>
        new(mappings.Select(m => KeyValuePair.Create(m.Target, VariablePath.Read(from, m.Source)?.DeepClone())));

    /// <summary>
    /// Merges top-level members into the variables <paramref name="token"/> writes to: those of the instance of a
    /// multi-instance activity it runs in, else the instance's (also when no token is given).
    /// </summary>
    public void MergeVariables(JsonObject? variables, Token? token = null)
    {
        if (variables is null)
        {
            return;
        }

        var target = WriteTarget(token);
        foreach (var (name, value) in variables)
        {
            target[name] = value?.DeepClone();
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

            await ApplyAsync(BehaviorFor(node, token).Enter(ContextFor(node, token)), token);
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
        var ready = state.Tokens.FirstOrDefault(t =>
            t.Status == TokenStatus.Joining
            && definition[t.ElementId] is InclusiveGatewayNode join
            && InclusiveGatewayBehavior.CanJoin(join, TokensInScope(t.ScopeId).Select(View).ToList(), id => definition[id]));
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
            // A throw may have ended the instance, or cancelled the scope the token was in.
            if (state.Status != InstanceStatus.Running || !state.Tokens.Contains(current))
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
                case ScheduleTimer or SubscribeToMessage or SubscribeToSignal:
                    current.Status = TokenStatus.Waiting;
                    AddBookmark(current.Id, instruction);
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
                    _completionResult = complete.Result ?? _completionResult;

                    await EndTokenAsync(current);
                    break;
                case TerminateInstance terminate when current.ScopeId is null:
                    EndInstance(InstanceStatus.Terminated, terminate.Result, null);
                    break;
                case TerminateInstance:
                    // A terminate end event inside a sub-process ends the sub-process: everything else in it is cancelled.
                    foreach (var other in TokensInScope(current.ScopeId).Where(t => t != current).ToList())
                    {
                        RemoveWithWaits(other);
                    }

                    await EndTokenAsync(current);
                    break;
                case InterruptActivity interrupt:
                    Append(JournalEntryKind.NodeLeft, current.ElementId, e => e with { Detail = $"interrupted by {interrupt.BoundaryElementId}" });
                    ClearWaits(current);
                    MoveTo(current, interrupt.BoundaryElementId, null);
                    Append(JournalEntryKind.NodeEntered, interrupt.BoundaryElementId);
                    break;
                case TakeEvent taken:
                    Append(JournalEntryKind.NodeLeft, current.ElementId, e => e with { Detail = $"{taken.EventElementId} came first" });
                    ClearWaits(current);
                    MoveTo(current, taken.EventElementId, null);
                    Append(JournalEntryKind.NodeEntered, taken.EventElementId);
                    break;
                case BranchFromActivity branch:
                    current = new Token(NewId.Next(), branch.BoundaryElementId, current.ScopeId);
                    state.Tokens.Add(current);
                    Append(JournalEntryKind.NodeEntered, branch.BoundaryElementId);
                    break;
                case OpenScope open:
                    current.Status = TokenStatus.Waiting;
                    var first = new Token(NewId.Next(), open.StartId, current.Id);
                    state.Tokens.Add(first);
                    _agenda.Enqueue(first.Id);
                    ArmEventSubProcesses(current);
                    break;
                case StartCall call:
                    current.Status = TokenStatus.Waiting;
                    current.CalledInstanceId = NewId.Next();
                    var called = call.Node.Called;
                    var view = VariablesFor(current);
                    _calls.Enqueue(new CallStart(current.Id, current.CalledInstanceId.Value, called.Key, called.Version,
                        called.Inputs is { } inputs ? Map(inputs, view) : (JsonObject)view.DeepClone()));
                    var childId = current.CalledInstanceId.Value;
                    Append(JournalEntryKind.CallStarted, call.Node.Id, e => e with { Detail = $"{called.Key}:{childId}" });
                    break;
                case StartLoop loop:
                    await StartLoopAsync(current, loop.Items);
                    break;
                case CompleteLoopInstance:
                    await CompleteLoopInstanceAsync(current);
                    break;
                case Throw { Thrown: ErrorThrow error }:
                    await ThrowErrorAsync(current, error.ErrorCode, null);
                    break;
                case Throw { Thrown: EscalationThrow escalation }:
                    await ThrowEscalationAsync(current, escalation.EscalationCode);
                    break;
                case Throw { Thrown: SignalThrow signal }:
                    Append(JournalEntryKind.EventThrown, current.ElementId, e => e with { Detail = $"signal:{signal.SignalName}" });
                    QueueExternal(current.ElementId, SignalBroadcasts.HandlerName, new Dictionary<string, string>
                    {
                        [SignalBroadcasts.SignalParameter] = signal.SignalName,
                        [SignalBroadcasts.ThrownAtParameter] = Now.ToString("O", CultureInfo.InvariantCulture),
                    }, token: current);
                    break;
                case RaiseIncident raise:
                    RaiseIncident(current, raise);
                    break;
                default:
                    throw new NotSupportedException($"The runner does not know the instruction {instruction.GetType().Name}.");
            }
        }
    }

    /// <summary>A bookmark of <paramref name="holderId"/> (a token, or the instance for the process's own scope) for a wait instruction.</summary>
    private void AddBookmark(Guid holderId, NodeInstruction wait)
    {
        switch (wait)
        {
            case ScheduleTimer timer:
                state.Bookmarks.Add(new Bookmark(NewId.Next(), holderId, timer.ElementId, BookmarkKind.Timer, Now) { DueAt = timer.DueAt, Occurrence = timer.Occurrence });
                Append(JournalEntryKind.TimerScheduled, timer.ElementId, e => e with { DueAt = timer.DueAt });
                break;
            case SubscribeToMessage subscribe:
                state.Bookmarks.Add(new Bookmark(NewId.Next(), holderId, subscribe.ElementId, BookmarkKind.Message, Now)
                {
                    MessageName = subscribe.MessageName,
                    CorrelationKey = subscribe.CorrelationKey,
                });
                Append(JournalEntryKind.MessageSubscribed, subscribe.ElementId, e => e with { Detail = $"{subscribe.MessageName}:{subscribe.CorrelationKey}" });
                break;
            case SubscribeToSignal signal:
                state.Bookmarks.Add(new Bookmark(NewId.Next(), holderId, signal.ElementId, BookmarkKind.Signal, Now) { MessageName = signal.SignalName, CorrelationKey = "" });
                Append(JournalEntryKind.MessageSubscribed, signal.ElementId, e => e with { Detail = $"signal:{signal.SignalName}" });
                break;
            default:
                throw new InvalidOperationException($"{wait.GetType().Name} is not a wait.");
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
        ClearWaits(token);
        if (flows.Count == 0)
        {
            state.Tokens.Remove(token);
            return;
        }

        for (var i = 0; i < flows.Count; i++)
        {
            var moving = i == 0 ? token : new Token(NewId.Next(), flows[i].TargetId, token.ScopeId);
            if (i > 0)
            {
                state.Tokens.Add(moving);
            }

            MoveTo(moving, flows[i].TargetId, flows[i].Id);
            _agenda.Enqueue(moving.Id);
        }
    }

    /// <summary>Puts a token at another element of its scope, active, without the variables of the element it leaves.</summary>
    private static void MoveTo(Token token, string elementId, string? viaFlowId)
    {
        token.ElementId = elementId;
        token.ArrivedViaFlowId = viaFlowId;
        token.Status = TokenStatus.Active;
        token.Locals = null;
    }

    /// <summary>Removes every wait of a token, and everything running inside it when it is a scope (a sub-process, a loop).</summary>
    private void ClearWaits(Token token)
    {
        foreach (var inside in state.Tokens.Where(t => t.ScopeId == token.Id).ToList())
        {
            RemoveWithWaits(inside);
        }

        CancelBookmarks(token.Id);
        CancelCall(token);
    }

    /// <summary>Cancels a token with its waits and what runs inside it; its open incidents are closed.</summary>
    private void RemoveWithWaits(Token token)
    {
        ClearWaits(token);
        foreach (var incident in state.Incidents.Values.Where(i => i.Status == IncidentStatus.Open && i.TokenId == token.Id).ToList())
        {
            ResolveIncident(incident, "cancelled");
        }

        state.Tokens.Remove(token);
    }

    /// <summary>Removes every wait of a holder (a token, or the instance): open work items are cancelled, timers and subscriptions dropped.</summary>
    private void CancelBookmarks(Guid holderId)
    {
        foreach (var bookmark in state.Bookmarks.Where(b => b.TokenId == holderId).ToList())
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

    /// <summary>The tokens running directly in a scope: the process's (null) or a sub-process's or loop body's token.</summary>
    private IEnumerable<Token> TokensInScope(Guid? scopeId) => state.Tokens.Where(t => t.ScopeId == scopeId);

    /// <summary>
    /// A token has ended (an end event, or the end of an event sub-process): when it was the last in its sub-process, the
    /// sub-process is complete and goes on.
    /// </summary>
    private async Task EndTokenAsync(Token token)
    {
        state.Tokens.Remove(token);
        if (token.ScopeId is { } scopeId && !TokensInScope(scopeId).Any() && state.FindToken(scopeId) is { } scope)
        {
            var node = definition[scope.ElementId];
            await ApplyAsync(BehaviorFor(node, scope).Resume(ContextFor(node, scope), ScopeCompletedSignal.Instance), scope);
        }
    }

    /// <summary>
    /// After a migration from <paramref name="from"/>, what a holder that stays where it is waits for (the instance, or a
    /// token not moved: a sub-process running, a loop's body, a branch waiting at a join, a call waiting for its instance)
    /// becomes the target's (<see cref="ListenedEvents"/>): an event both versions listen for there with the same trigger
    /// keeps its wait as it was — a timer its due time, a one-off that already fired stays fired; any other wait is
    /// dropped; an event only the target listens for (or whose trigger changed) is armed — an event sub-process only
    /// while no interrupting one runs in the scope, which disarmed the others.
    /// </summary>
    private void TakeOverWaits(ExecutableDefinition from, Token? holder)
    {
        var holderId = holder?.Id ?? state.Id;
        var before = ListenedEvents(from, holder);
        var after = ListenedEvents(definition, holder);
        bool Kept(string elementId) => before.TryGetValue(elementId, out var was) && after.TryGetValue(elementId, out var now) && was == now;
        foreach (var gone in state.Bookmarks.Where(b => b.TokenId == holderId && !Kept(b.ElementId)).ToList())
        {
            state.Bookmarks.Remove(gone);
            Append(gone.Kind == BookmarkKind.Timer ? JournalEntryKind.TimerCancelled : JournalEntryKind.SubscriptionCancelled, gone.ElementId, e => e with
            {
                ElementName = from.Nodes.GetValueOrDefault(gone.ElementId)?.DisplayName,
                DueAt = gone.DueAt,
                Detail = $"not in version {state.DefinitionVersion}",
            });
        }

        var interrupted = TokensInScope(holder?.Id).Any(t => from.Nodes.GetValueOrDefault(t.ElementId) is EventSubProcessNode running
            && ((StartEventNode)from[running.StartId]).IsInterrupting);
        foreach (var (elementId, trigger) in after.Where(listened => !Kept(listened.Key)))
        {
            if (definition[elementId] is StartEventNode && interrupted)
            {
                continue;
            }

            var wait = ActivityExits.WaitFor(elementId, trigger, ScopeContext(definition[elementId], holder));
            if (wait is RaiseIncident problem)
            {
                // As when a scope starts: what runs goes on, and the journal says why this event cannot be waited for.
                Append(JournalEntryKind.MessageSubscribed, elementId, e => e with { Detail = $"not subscribed: {problem.Message}" });
                continue;
            }

            AddBookmark(holderId, wait);
        }
    }

    /// <summary>
    /// The events a holder waits for in <paramref name="in"/>, by element id: for the instance, the event sub-processes of
    /// the process; for a token, the event sub-processes of the sub-process it opened (an instance's, for a multi-instance
    /// one) and the boundary events of its activity (a loop's body's, not its instances').
    /// </summary>
    private static Dictionary<string, EventTrigger> ListenedEvents(ExecutableDefinition @in, Token? holder)
    {
        var node = holder is null ? null : @in[holder.ElementId];
        var loopBody = holder is { LoopIndex: null } && node!.Loop is not null;
        var events = new Dictionary<string, EventTrigger>(StringComparer.Ordinal);
        foreach (var eventSubProcess in loopBody ? [] : @in.EventSubProcessesIn(holder?.ElementId))
        {
            events[eventSubProcess.StartId] = ((StartEventNode)@in[eventSubProcess.StartId]).Trigger!;
        }

        foreach (var boundary in node is null ? [] : ActivityExits.WaitingBoundaryEvents(node, holder!.LoopIndex is not null))
        {
            events[boundary.Id] = boundary.Trigger;
        }

        return events;
    }

    /// <summary>
    /// Arms the start events of the event sub-processes of a scope (the process when <paramref name="scope"/> is null): each
    /// waits on the scope's token, or on the instance for the process.
    /// </summary>
    private void ArmEventSubProcesses(Token? scope)
    {
        foreach (var eventSubProcess in definition.EventSubProcessesIn(scope?.ElementId))
        {
            var start = (StartEventNode)definition[eventSubProcess.StartId];
            var wait = ActivityExits.WaitFor(start.Id, start.Trigger!, ScopeContext(start, scope));
            if (wait is RaiseIncident problem)
            {
                // The scope cannot listen for it (e.g. its correlation variable is missing): what runs in the scope goes on,
                // and the journal says why this event sub-process cannot start.
                Append(JournalEntryKind.MessageSubscribed, start.Id, e => e with { Detail = $"not subscribed: {problem.Message}" });
                continue;
            }

            AddBookmark(scope?.Id ?? state.Id, wait);
        }
    }

    /// <summary>
    /// The trigger of an event sub-process's start event came: an interrupting one first cancels everything else in the
    /// scope (and the scope's other event sub-processes); a non-interrupting one waits again for its next occurrence. The
    /// event sub-process then runs in the scope from its start event.
    /// </summary>
    private async Task StartEventSubProcessAsync(StartEventNode start, Bookmark bookmark, ResumeSignal signal)
    {
        var scope = bookmark.TokenId == state.Id ? null : state.FindToken(bookmark.TokenId);
        var holder = scope?.Id ?? state.Id;
        if (start.IsInterrupting)
        {
            foreach (var running in TokensInScope(scope?.Id).ToList())
            {
                Append(JournalEntryKind.NodeLeft, running.ElementId, e => e with { Detail = $"interrupted by {start.Id}" });
                RemoveWithWaits(running);
            }

            var eventStarts = definition.EventSubProcessesIn(scope?.ElementId).Select(e => e.StartId).ToHashSet(StringComparer.Ordinal);
            foreach (var other in state.Bookmarks.Where(b => b.TokenId == holder && eventStarts.Contains(b.ElementId)).ToList())
            {
                state.Bookmarks.Remove(other);
            }
        }
        else if (signal is TimerFiredSignal fired && start.Trigger is TimerTrigger { Kind: TimerKind.Cycle } cycle)
        {
            if (TimerSchedule.Next(cycle, fired.DueAt, fired.Occurrence + 1, environment.Calendar) is { } next)
            {
                AddBookmark(holder, new ScheduleTimer(start.Id, next, fired.Occurrence + 1));
            }
        }
        else if (start.Trigger is MessageTrigger)
        {
            AddBookmark(holder, ActivityExits.WaitFor(start.Id, start.Trigger, ScopeContext(start, scope)));
        }

        var eventSubProcess = definition[start.ScopeId!];
        var body = new Token(NewId.Next(), eventSubProcess.Id, scope?.Id) { Status = TokenStatus.Waiting };
        state.Tokens.Add(body);
        Append(JournalEntryKind.NodeEntered, eventSubProcess.Id);
        var first = new Token(NewId.Next(), start.Id, body.Id);
        state.Tokens.Add(first);
        _agenda.Enqueue(first.Id);
    }

    /// <summary>
    /// Starts the instances of a multi-instance activity under its body token: all of them, or the first when the loop is
    /// sequential. With no element the activity is done at once.
    /// </summary>
    private async Task StartLoopAsync(Token body, IReadOnlyList<JsonNode?> items)
    {
        var loop = definition[body.ElementId].Loop!;
        body.Status = TokenStatus.Waiting;
        body.Locals = new JsonObject
        {
            [MultiInstanceLoop.NrOfInstances] = items.Count,
            [MultiInstanceLoop.NrOfCompletedInstances] = 0,
            [MultiInstanceLoop.NrOfActiveInstances] = 0,
        };
        if (loop.OutputCollection is { } outputs)
        {
            body.Locals[outputs] = new JsonArray([.. items.Select(_ => (JsonNode?)null)]);
        }

        if (items.Count == 0)
        {
            await CompleteLoopAsync(body);
            return;
        }

        for (var index = 0; index < (loop.IsSequential ? 1 : items.Count); index++)
        {
            StartLoopInstance(body, loop, index, items[index]);
        }
    }

    private void StartLoopInstance(Token body, MultiInstanceLoop loop, int index, JsonNode? item)
    {
        var instance = new Token(NewId.Next(), body.ElementId, body.Id)
        {
            LoopIndex = index,
            Locals = new JsonObject { [MultiInstanceLoop.LoopCounter] = index },
        };
        if (loop.ElementVariable is { } name)
        {
            instance.Locals[name] = item?.DeepClone();
        }

        body.Locals![MultiInstanceLoop.NrOfActiveInstances] = Count(body, MultiInstanceLoop.NrOfActiveInstances) + 1;
        state.Tokens.Add(instance);
        _agenda.Enqueue(instance.Id);
    }

    /// <summary>
    /// One instance of a multi-instance activity ended: its output is collected at its index, then the loop is done when
    /// every instance has ended or the completion condition holds (the others are cancelled); a sequential loop otherwise
    /// starts its next instance.
    /// </summary>
    private async Task CompleteLoopInstanceAsync(Token instance)
    {
        var body = state.FindToken(instance.ScopeId!.Value)!;
        var loop = definition[body.ElementId].Loop!;
        var view = VariablesFor(instance);
        if (loop.OutputCollection is { } outputs && body.Locals![outputs] is JsonArray collected && instance.LoopIndex < collected.Count)
        {
            collected[instance.LoopIndex.Value] = VariablePath.Read(view, loop.OutputElement!)?.DeepClone();
        }

        var completed = Count(body, MultiInstanceLoop.NrOfCompletedInstances) + 1;
        var total = Count(body, MultiInstanceLoop.NrOfInstances);
        body.Locals![MultiInstanceLoop.NrOfCompletedInstances] = completed;
        body.Locals[MultiInstanceLoop.NrOfActiveInstances] = Count(body, MultiInstanceLoop.NrOfActiveInstances) - 1;
        Append(JournalEntryKind.NodeLeft, instance.ElementId, e => e with { Detail = $"instance {instance.LoopIndex} ({completed}/{total})" });
        ClearWaits(instance);
        state.Tokens.Remove(instance);

        var done = completed >= total;
        if (!done && loop.CompletionCondition is { } condition)
        {
            // The condition sees the counters as they are now and what the ended instance wrote.
            foreach (var counter in new[] { MultiInstanceLoop.NrOfCompletedInstances, MultiInstanceLoop.NrOfActiveInstances })
            {
                view[counter] = body.Locals[counter]!.DeepClone();
            }

            try
            {
                done = condition.Evaluate(view);
            }
            catch (Exception exception)
            {
                RaiseIncident(body, new RaiseIncident(IncidentKind.EvaluationFailed, $"The completion condition '{condition}' of '{definition[body.ElementId].DisplayName}' could not be evaluated: {exception.Message}"));
                return;
            }
        }

        if (done)
        {
            foreach (var running in TokensInScope(body.Id).ToList())
            {
                RemoveWithWaits(running);
            }

            await CompleteLoopAsync(body);
        }
        else if (loop.IsSequential)
        {
            MultiInstanceBodyBehavior.TryReadItems(loop, VariablesFor(body), out var items, out _);
            StartLoopInstance(body, loop, completed, completed < items.Length ? items[completed] : null);
        }
    }

    /// <summary>The loop is done: its collected outputs become a variable where the activity runs, and the body leaves.</summary>
    private async Task CompleteLoopAsync(Token body)
    {
        var node = definition[body.ElementId];
        if (node.Loop!.OutputCollection is { } outputs)
        {
            WriteTarget(body)[outputs] = body.Locals![outputs]!.DeepClone();
        }

        await ApplyAsync(BehaviorFor(node, body).Resume(ContextFor(node, body), ScopeCompletedSignal.Instance), body);
    }

    private static int Count(Token body, string counter) => body.Locals![counter]!.GetValue<int>();

    /// <summary>
    /// Throws a business error from <paramref name="from"/> (an error end event's token, or a service task's): the nearest
    /// activity around it with an error boundary event for the code (or for any code) is interrupted — with everything
    /// inside it — and its token takes the boundary event's flow, with <c>errorCode</c> and <c>errorMessage</c> set. False
    /// when nothing catches it: an error end event's token then stops with an incident.
    /// </summary>
    private async Task<bool> ThrowErrorAsync(Token from, string code, string? message)
    {
        if (CatcherAround(from, code, ErrorCodeOf) is var (holder, catcher))
        {
            Append(JournalEntryKind.EventThrown, from.ElementId, e => e with { Detail = $"error:{code} caught by {catcher.Id}" });
            MergeVariables(new JsonObject { ["errorCode"] = code, ["errorMessage"] = message }, holder);
            await ApplyAsync([new InterruptActivity(catcher.Id), new TakeFlows(catcher.Outgoing)], holder);
            return true;
        }

        if (definition[from.ElementId] is ThrowEventNode or CallActivityNode)
        {
            if (state.ParentInstanceId is { } caller)
            {
                // Uncaught here, the error goes up to the call activity that started this instance.
                _callerNotified = true;
                _calls.Enqueue(new CallError(caller, state.ParentTokenId!.Value, state.Id, code));
                Append(JournalEntryKind.EventThrown, from.ElementId, e => e with { Detail = $"error:{code} to the calling workflow" });
                EndInstance(InstanceStatus.Terminated, null, $"error {code} thrown to the calling workflow");
                return true;
            }

            RaiseIncident(from, new RaiseIncident(IncidentKind.UncaughtError, $"'{definition[from.ElementId].DisplayName}' threw the error '{code}', which no error boundary event around it catches."));
        }

        return false;
    }

    /// <summary>
    /// Throws an escalation from a token: the nearest sub-process around it with an escalation boundary event for the code
    /// (or for any) catches it — an interrupting one cancels the sub-process, a non-interrupting one starts a branch beside
    /// it. Uncaught, it is only journalled.
    /// </summary>
    private async Task ThrowEscalationAsync(Token from, string code, bool fromActivity = false)
    {
        if (CatcherAround(fromActivity ? from : ScopeTokenOf(from), code, EscalationCodeOf) is var (holder, catcher))
        {
            Append(JournalEntryKind.EventThrown, from.ElementId, e => e with { Detail = $"escalation:{code} caught by {catcher.Id}" });
            await ApplyAsync(
                catcher.CancelActivity
                    ? [new InterruptActivity(catcher.Id), new TakeFlows(catcher.Outgoing)]
                    : [new BranchFromActivity(catcher.Id), new TakeFlows(catcher.Outgoing)],
                holder);
            return;
        }

        if (state.ParentInstanceId is { } caller)
        {
            _calls.Enqueue(new CallEscalation(caller, state.ParentTokenId!.Value, state.Id, code));
            Append(JournalEntryKind.EventThrown, from.ElementId, e => e with { Detail = $"escalation:{code} to the calling workflow" });
            return;
        }

        Append(JournalEntryKind.EventThrown, from.ElementId, e => e with { Detail = $"escalation:{code}" });
    }

    /// <summary>
    /// The nearest boundary event that catches <paramref name="code"/>, on the activity of <paramref name="start"/> or on one
    /// around it (a loop's body stands for its instances): one for the code, else one for any code of that kind; with the
    /// token it is armed on. <paramref name="codeOf"/> says whether a trigger is of the kind, and which code it catches.
    /// </summary>
    private (Token Holder, BoundaryEventNode Boundary)? CatcherAround(Token? start, string code, Func<EventTrigger, (bool IsKind, string? Code)> codeOf)
    {
        for (var at = start; at is not null; at = ScopeTokenOf(ActivityTokenOf(at)))
        {
            var holder = ActivityTokenOf(at);
            var boundaries = definition[holder.ElementId].BoundaryEvents;
            if ((boundaries.FirstOrDefault(b => codeOf(b.Trigger) == (true, code)) ?? boundaries.FirstOrDefault(b => codeOf(b.Trigger) == (true, null))) is { } catcher)
            {
                return (holder, catcher);
            }
        }

        return null;
    }

    private static (bool, string?) ErrorCodeOf(EventTrigger trigger) => trigger is ErrorTrigger error ? (true, error.ErrorCode) : (false, null);

    private static (bool, string?) EscalationCodeOf(EventTrigger trigger) => trigger is EscalationTrigger escalation ? (true, escalation.EscalationCode) : (false, null);

    /// <summary>The token whose activity boundary events are armed on: an instance's loop body, else the token itself.</summary>
    private Token ActivityTokenOf(Token token) =>
        token.LoopIndex is not null && token.ScopeId is { } body ? state.FindToken(body) ?? token : token;

    private Token? ScopeTokenOf(Token token) => token.ScopeId is { } scope ? state.FindToken(scope) : null;

    /// <summary>
    /// The variables a token sees: the instance's, with the variables of the scopes it runs in over them (outermost first,
    /// so an instance of a multi-instance activity sees its element over its body's counters). The instance's own object
    /// when no scope has any.
    /// </summary>
    private JsonObject VariablesFor(Token token)
    {
        List<JsonObject>? scopes = null;
        for (Token? at = token; at is not null; at = ScopeTokenOf(at))
        {
            if (at.Locals is { } locals)
            {
                (scopes ??= []).Add(locals);
            }
        }

        if (scopes is null)
        {
            return state.Variables;
        }

        var view = (JsonObject)state.Variables.DeepClone();
        for (var i = scopes.Count - 1; i >= 0; i--)
        {
            foreach (var (name, value) in scopes[i])
            {
                view[name] = value?.DeepClone();
            }
        }

        return view;
    }

    /// <summary>
    /// Where a token's writes go: the variables of the instance of a multi-instance activity it runs in (so that parallel
    /// instances do not overwrite each other's), else the instance's variables.
    /// </summary>
    private JsonObject WriteTarget(Token? token)
    {
        for (var at = token; at is not null; at = ScopeTokenOf(at))
        {
            if (at.LoopIndex is not null)
            {
                return at.Locals ??= [];
            }
        }

        return state.Variables;
    }

    private INodeBehavior BehaviorFor(ExecutableNode node, Token token) => NodeBehaviors.For(node, View(token));

    private async Task CreateWorkItemAsync(Token token, CreateWorkItem create)
    {
        var task = create.Task;
        var variables = VariablesFor(token);
        var unitScope = UnitScopeTemplate.Fill(task.UnitScope, variables);
        var candidateUnit = await environment.CandidateUnits.ResolveAsync(
            new CandidateUnitRequest(state.DefinitionKey, task.Id, task.Role, unitScope, state.BusinessKey, variables), cancellationToken);
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
            UnitScope = unitScope,
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
                    state.Id, state.BusinessKey, task.Id, task.Handler, task.Parameters, (JsonObject)VariablesFor(token).DeepClone(), Now, attempt);
                result = await handler.ExecuteAsync(context, cancellationToken);
            }
            catch (BusinessErrorException error) when (CatcherAround(token, error.Code, ErrorCodeOf) is not null)
            {
                if (openIncident is not null)
                {
                    ResolveIncident(openIncident, null);
                }

                Append(JournalEntryKind.ServiceTaskExecuted, task.Id, e => e with { Detail = $"{task.Handler}: error {error.Code}" });
                await ThrowErrorAsync(token, error.Code, error.Message);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                RaiseIncident(token, new RaiseIncident(IncidentKind.HandlerFailed, exception is BusinessErrorException business
                    ? $"Handler '{task.Handler}' of '{task.DisplayName}' raised the business error '{business.Code}' ({business.Message}), which no error boundary event around the step catches."
                    : $"Handler '{task.Handler}' of '{task.DisplayName}' failed: {exception.Message}"));
                return;
            }

            MergeVariables(result.Variables, token);
            Append(JournalEntryKind.ServiceTaskExecuted, task.Id, e => e with { Detail = task.Handler });
        }
        else if (environment.Handlers.FindExternal(task.Handler) is not null)
        {
            QueueExternal(task.Id, task.Handler, task.Parameters, token: token);
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

        await ApplyAsync(BehaviorFor(task, token).Resume(ContextFor(task, token), ResumeSignal.HandlerSucceeded), token);
    }

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
        [.. TokensInScope(token.ScopeId).Select(View)],
        VariablesFor(token),
        state.BusinessKey,
        Now,
        environment.Calendar,
        id => definition[id]);

    /// <summary>The context of a scope's own wait (an event sub-process's start): the scope's token, or the process's variables.</summary>
    private NodeContext ScopeContext(ExecutableNode node, Token? scope) => scope is not null
        ? ContextFor(node, scope)
        : new(node, new TokenView(state.Id, "", TokenStatus.Waiting, null), [], state.Variables, state.BusinessKey, Now, environment.Calendar, id => definition[id]);

    private static TokenView View(Token token) => new(token.Id, token.ElementId, token.Status, token.ArrivedViaFlowId, token.LoopIndex);
}
