using DossierWorkflow.Engine.Definitions.Compilation;
using DossierWorkflow.Engine.Handlers;
using DossierWorkflow.Engine.Tests.Definitions;
using DossierWorkflow.Engine.Runtime;
using DossierWorkflow.Engine.Timers;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.Engine.Tests.Runtime;

/// <summary>
/// A test run of a definition: the path the usual outcomes take and the one chosen outcomes take, each step's due date
/// on the working calendar, timers that fire on the way, supplements that loop back, and a loop stopped.
/// </summary>
public sealed class WorkflowTestRunTests
{
    private static readonly TimeZoneInfo Vietnam = TimeZoneInfo.CreateCustomTimeZone("ICT", TimeSpan.FromHours(7), "ICT", "ICT");

    // Monday 7 December 2026, 09:00 in Hà Nội.
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    private readonly Graph.ExecutableDefinition _definition = new BpmnDefinitionCompiler(DefinitionFolder.RegisteredHandlers)
        .Compile(DefinitionFolder.Read("Valid", "bpmn-js-reception-approval.bpmn")).GetDefinitionOrThrow();

    private readonly WorkflowTestRun _testRun = new(
        new ServiceTaskHandlers([new FailingHandler()], [new NotDelivered()]),
        new WeekendOnlyCalendar(Vietnam),
        Options.Create(new WorkflowEngineOptions()));

    [Fact]
    public async Task The_usual_path_takes_each_step_s_first_outcome_and_its_whole_budget_on_working_days()
    {
        var result = await _testRun.RunAsync(_definition, new TestRunRequest(Monday) { Variables = new() { ["fee"] = 0 } }, TestContext.Current.CancellationToken);

        Assert.Equal(InstanceStatus.Completed, result.Status);
        Assert.Equal("resolved", result.Result);
        Assert.Null(result.StoppedBecause);
        Assert.Equal(
            [("Activity_Check", "accept"), ("Activity_Process", "propose-approve"), ("Activity_Approve", "approve")],
            result.Steps.Select(s => (s.ElementId, s.Outcome)));

        // 1 + 5 + 2 working days from Monday: Tuesday, then Tuesday of the next week, then Thursday.
        Assert.Equal([new DateOnly(2026, 12, 8), new DateOnly(2026, 12, 15), new DateOnly(2026, 12, 17)], result.Steps.Select(s => Local(s.DueAt!.Value)));
        Assert.Equal(new DateOnly(2026, 12, 17), Local(result.EndedAt!.Value));

        // The leader's reminder (a working day into the approval) fired on the way: its path is on the diagram.
        Assert.Contains("Event_Reminder", result.Elements);
        Assert.Contains("Activity_RemindLeader", result.Elements);
        Assert.Contains("Flow_0approved", result.Flows);
        Assert.DoesNotContain("Flow_0refuse", result.Flows);
    }

    [Fact]
    public async Task A_call_activity_is_passed_at_once_and_the_consultation_asks_every_department()
    {
        var definition = Testing.BpmnText.Compile("linked-consultation", $"""
            <startEvent id="start" />
            <userTask id="consult" dw:role="specialist" dw:durationDays="2" dw:unitScope="department:{"{department}"}">
              <multiInstanceLoopCharacteristics dw:collection="departments" dw:elementVariable="department" />
            </userTask>
            <callActivity id="residence" calledElement="residence-registration" />
            <endEvent id="end" dw:result="resolved" />
            {Testing.BpmnText.Chain("start", "consult", "residence", "end")}
            """);
        var variables = new System.Text.Json.Nodes.JsonObject { ["departments"] = new System.Text.Json.Nodes.JsonArray("SXD", "CA") };

        var result = await _testRun.RunAsync(definition, new TestRunRequest(Monday) { Variables = variables }, TestContext.Current.CancellationToken);

        Assert.Equal((InstanceStatus.Completed, "resolved"), (result.Status, result.Result));
        Assert.Equal(["consult", "consult"], result.Steps.Select(s => s.ElementId));
        Assert.Contains("residence", result.Elements);
    }

    [Fact]
    public async Task Chosen_outcomes_are_taken_visit_by_visit_and_a_supplement_comes_back_at_once()
    {
        var outcomes = new Dictionary<string, IReadOnlyList<string>> { ["Activity_Check"] = ["supplement", "accept"], ["Activity_Approve"] = ["reject"] };

        var result = await _testRun.RunAsync(_definition, new TestRunRequest(Monday) { Outcomes = outcomes, Variables = Dossier }, TestContext.Current.CancellationToken);

        Assert.Equal(
            ["Activity_Check:supplement", "Activity_Check:accept", "Activity_Process:propose-approve", "Activity_Approve:reject"],
            result.Steps.Select(s => $"{s.ElementId}:{s.Outcome}"));
        Assert.Equal("refused", result.Result);
        Assert.Contains("Event_SupplementReceived", result.Elements);
    }

    [Fact]
    public async Task A_path_that_never_ends_is_stopped_as_a_loop()
    {
        var outcomes = new Dictionary<string, IReadOnlyList<string>> { ["Activity_Check"] = [.. Enumerable.Repeat("supplement", 500)] };

        var result = await _testRun.RunAsync(_definition, new TestRunRequest(Monday) { Outcomes = outcomes, MaxSteps = 30, Variables = Dossier }, TestContext.Current.CancellationToken);

        Assert.Equal("loop", result.StoppedBecause);
        Assert.Equal(InstanceStatus.Running, result.Status);
    }

    /// <summary>The variables the definition reads: the supplement's message is correlated by the dossier's code.</summary>
    private static System.Text.Json.Nodes.JsonObject Dossier => new() { ["dossierCode"] = "TEST-RUN", ["fee"] = 0 };

    private static DateOnly Local(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Vietnam).DateTime);

    /// <summary>The notification handler: a test run only queues its messages, never delivers them.</summary>
    private sealed class NotDelivered : IExternalTaskHandler
    {
        public string Name => "notify";

        public Task DeliverAsync(ExternalTaskMessage message, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("A test run delivered a message.");
    }

    /// <summary>The form handler the definition names: a test run must never run it.</summary>
    private sealed class FailingHandler : IServiceTaskHandler
    {
        public string Name => "issue-form";

        public ValueTask<ServiceTaskResult> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("A test run ran a handler.");
    }
}
