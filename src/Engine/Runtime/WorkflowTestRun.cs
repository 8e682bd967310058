using System.Collections.Immutable;
using System.Text.Json.Nodes;
using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Handlers;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Engine.Timers;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.Engine.Runtime;

/// <summary>
/// What a test run is asked: when the dossier arrives, its variables, and the outcome to take at each step — by step id,
/// one per visit in order; a step not named (or visited more often) takes the first outcome it offers, the usual path.
/// </summary>
public sealed record TestRunRequest(DateTimeOffset ReceivedAt)
{
    public JsonObject Variables { get; init; } = [];

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Outcomes { get; init; } = ImmutableDictionary<string, IReadOnlyList<string>>.Empty;

    /// <summary>The most steps (tasks completed, timers fired, messages received) before the run is stopped as a loop.</summary>
    public int MaxSteps { get; init; } = 200;
}

/// <summary>One human step of a test run: when it began, when it was due and when it was done (at its due time), and its outcome.</summary>
public sealed record TestRunStep(string ElementId, string? Name, string? Role, DateTimeOffset CreatedAt, DateTimeOffset? DueAt, DateTimeOffset CompletedAt, string? Outcome);

/// <summary>
/// The path a test run took: the human steps in order, every element entered and every flow taken (for the diagram), how
/// it ended and when — or why it stopped (<see cref="StoppedBecause"/>: <c>loop</c>, <c>incident</c>, <c>waiting</c>).
/// </summary>
public sealed record TestRunResult(
    IReadOnlyList<TestRunStep> Steps,
    ImmutableArray<string> Elements,
    ImmutableArray<string> Flows,
    InstanceStatus Status,
    string? Result,
    DateTimeOffset? EndedAt,
    string? StoppedBecause);

/// <summary>
/// Runs a definition the way the engine would, without a store and without touching a dossier: the same runner, node
/// behaviours and working calendar, on a clock of its own. Each human step takes its whole time budget (it is completed
/// at its due time; a step of 0 days, or without a budget, at once) with the outcome asked for; timers fire when due; a
/// message the instance waits for (a supplement) arrives at once; in-transaction service steps succeed without running
/// their handler, and external ones queue their message as usual (nothing is delivered). The predicted path and dates of a changed
/// procedure, before anyone is affected.
/// </summary>
public sealed class WorkflowTestRun
{
    private readonly ServiceTaskHandlers handlers;
    private readonly IWorkingCalendar calendar;
    private readonly IOptions<WorkflowEngineOptions> options;

    internal WorkflowTestRun(ServiceTaskHandlers handlers, IWorkingCalendar calendar, IOptions<WorkflowEngineOptions> options)
    {
        this.handlers = handlers;
        this.calendar = calendar;
        this.options = options;
    }

    public async Task<TestRunResult> RunAsync(ExecutableDefinition definition, TestRunRequest request, CancellationToken cancellationToken = default)
    {
        var clock = new SteppedClock(request.ReceivedAt);
        var environment = new RunEnvironment(clock, calendar, handlers.ForTestRun(), new NoCandidateUnits(), options.Value);
        var state = new InstanceState
        {
            Id = NewId.Next(),
            DefinitionKey = definition.Key,
            DefinitionVersion = 0,
            BusinessKey = "test-run",
            Status = InstanceStatus.Running,
            Variables = (JsonObject)request.Variables.DeepClone(),
            StartedAt = request.ReceivedAt,
            StartedBy = "test-run",
        };
        List<StoredJournalEntry> journal = [];
        List<TestRunStep> steps = [];
        var visits = new Dictionary<string, int>(StringComparer.Ordinal);
        ExecutionRunner Runner() => new(definition, state, environment, "test-run", cancellationToken);

        var runner = Runner();
        await runner.StartAsync(definition.StartNodes.Single());
        await PassCallsAsync(runner, state);
        journal.AddRange(runner.Journal);
        string? stopped = null;
        for (var step = 0; state.Status == InstanceStatus.Running; step++)
        {
            if (step >= request.MaxSteps)
            {
                stopped = "loop";
                break;
            }

            if (state.Incidents.Values.Any(i => i.Status == IncidentStatus.Open))
            {
                stopped = "incident";
                break;
            }

            // The next thing to happen: a task done when its budget is spent, or a timer; tasks first on a tie.
            DateTimeOffset DoneAt(StoredWorkItem item) => Budget(definition, item) > 0 && item.DueAt is { } due ? due : clock.Now;
            var task = state.WorkItems.Values.Where(w => w.Status == WorkItemStatus.Open)
                .OrderBy(DoneAt).ThenBy(w => w.CreatedAt).FirstOrDefault();
            var timer = state.Bookmarks.Where(b => b.Kind == BookmarkKind.Timer).OrderBy(b => b.DueAt).FirstOrDefault();
            var message = state.Bookmarks.FirstOrDefault(b => b.Kind is BookmarkKind.Message or BookmarkKind.Signal);
            if (task is not null && (timer is null || DoneAt(task) <= timer.DueAt))
            {
                clock.MoveTo(DoneAt(task));
                var outcome = ChooseOutcome(task, request, visits);
                runner = Runner();
                await runner.CompleteTaskAsync(task, outcome, null, null, "test-run");
                steps.Add(new TestRunStep(task.ElementId, task.Name, task.CandidateRole, task.CreatedAt, task.DueAt, clock.Now, outcome));
            }
            else if (timer is not null)
            {
                clock.MoveTo(timer.DueAt ?? clock.Now);
                runner = Runner();
                await runner.FireTimerAsync(timer);
            }
            else if (message is not null)
            {
                runner = Runner();
                await (message.Kind == BookmarkKind.Signal ? runner.ReceiveSignalAsync(message) : runner.ReceiveMessageAsync(message));
            }
            else
            {
                stopped = "waiting";
                break;
            }

            await PassCallsAsync(runner, state);
            journal.AddRange(runner.Journal);
        }

        return new TestRunResult(
            steps,
            [.. journal.Where(e => e.Kind == JournalEntryKind.NodeEntered && e.ElementId is not null).Select(e => e.ElementId!).Distinct()],
            [.. journal.Where(e => e.Kind == JournalEntryKind.NodeLeft && !string.IsNullOrEmpty(e.Detail) && !e.Detail.StartsWith("interrupted", StringComparison.Ordinal))
                .SelectMany(e => e.Detail!.Split(',', StringSplitOptions.RemoveEmptyEntries)).Distinct()],
            state.Status,
            state.Result,
            state.EndedAt,
            stopped);
    }

    /// <summary>
    /// A test run does not run the workflows its call activities start (they may not be deployed yet): each call is passed
    /// at once, as if the called workflow had ended without returning anything.
    /// </summary>
    private static async Task PassCallsAsync(ExecutionRunner runner, InstanceState state)
    {
        while (runner.TryTakeCallEffect(out var effect))
        {
            if (effect is CallStart start)
            {
                await runner.EndCallAsync(new CallEnd(state.Id, start.ParentTokenId, start.ChildId, [], null));
            }
        }
    }

    /// <summary>The step's budget in working days: a step without one, or of 0 days, is done at once.</summary>
    private static int Budget(ExecutableDefinition definition, StoredWorkItem item) =>
        definition.Nodes.TryGetValue(item.ElementId, out var node) && node is UserTaskNode { DurationDays: { } days } ? days : 0;

    private static string? ChooseOutcome(StoredWorkItem task, TestRunRequest request, Dictionary<string, int> visits)
    {
        var offered = InstanceStateMapping.SplitOutcomes(task.Outcomes);
        var visit = visits[task.ElementId] = visits.GetValueOrDefault(task.ElementId) + 1;
        return request.Outcomes.TryGetValue(task.ElementId, out var chosen) && chosen.Count >= visit && offered.Contains(chosen[visit - 1], StringComparer.Ordinal)
            ? chosen[visit - 1]
            : offered.FirstOrDefault();
    }

    /// <summary>The test run's time: it stands still while the instance runs, and moves on to each next event.</summary>
    private sealed class SteppedClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; private set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;

        public void MoveTo(DateTimeOffset instant)
        {
            if (instant > Now)
            {
                Now = instant;
            }
        }
    }
}
