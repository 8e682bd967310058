using System.Text.Json.Nodes;
using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Persistence;
using static DossierWorkflow.Engine.Testing.BpmnText;

namespace DossierWorkflow.Engine.Testing.Scenarios.Scopes;

internal static class Workflows
{
    /// <summary>A review sub-process (one check), then the leader signs.</summary>
    public static ExecutableDefinition Review() => Compile("review-flow", $"""
        <startEvent id="start" />
        <subProcess id="review">
          <startEvent id="review-start" />
          <userTask id="check" dw:role="specialist" />
          <endEvent id="review-end" />
          {Chain("review-start", "check", "review-end")}
        </subProcess>
        <userTask id="sign" dw:role="leader" />
        <endEvent id="end" dw:result="resolved" />
        {Chain("start", "review", "sign", "end")}
        """);

    /// <summary>Two opinions asked at once inside a sub-process with a two-day deadline on the whole of it.</summary>
    public static ExecutableDefinition ConsultWithDeadline() => Compile("consult-deadline", $"""
        <startEvent id="start" />
        <subProcess id="consult">
          <startEvent id="consult-start" />
          <parallelGateway id="fork" />
          <userTask id="ask-land" dw:role="specialist" />
          <userTask id="ask-building" dw:role="specialist" />
          <parallelGateway id="join" />
          <endEvent id="consult-end" />
          {Chain("consult-start", "fork", "ask-land", "join", "consult-end")}
          {Chain("fork", "ask-building", "join")}
        </subProcess>
        <boundaryEvent id="late" attachedToRef="consult"><timerEventDefinition><timeDuration>P2D</timeDuration></timerEventDefinition></boundaryEvent>
        <userTask id="decide" dw:role="leader" />
        <userTask id="chase" dw:role="leader" />
        <endEvent id="end" />
        <endEvent id="end-late" />
        {Chain("start", "consult", "decide", "end")}
        {Chain("late", "chase", "end-late")}
        """);

    /// <summary>
    /// An eligibility check two sub-processes deep whose error end event throws "not-eligible"; the outer sub-process's
    /// error boundary event catches <paramref name="caughtCode"/>.
    /// </summary>
    public static ExecutableDefinition NestedEligibility(string caughtCode) => Compile($"nested-eligibility-{caughtCode}", $"""
        <startEvent id="start" />
        <subProcess id="outer">
          <startEvent id="outer-start" />
          <subProcess id="inner">
            <startEvent id="inner-start" />
            <userTask id="verify" dw:role="specialist" dw:outcomes="eligible,not-eligible" />
            <exclusiveGateway id="eligible" default="eligible_to_inner-end" />
            <endEvent id="inner-end" />
            <endEvent id="refuse"><errorEventDefinition errorRef="NotEligible" /></endEvent>
            {Chain("inner-start", "verify", "eligible", "inner-end")}
            {Flow("eligible", "refuse", "outcome == \"not-eligible\"")}
          </subProcess>
          <endEvent id="outer-end" />
          {Chain("outer-start", "inner", "outer-end")}
        </subProcess>
        <boundaryEvent id="caught" attachedToRef="outer"><errorEventDefinition errorRef="Caught" /></boundaryEvent>
        <userTask id="sign" dw:role="leader" />
        <endEvent id="end" dw:result="resolved" />
        <endEvent id="refused" dw:result="refused" />
        {Chain("start", "outer", "sign", "end")}
        {Flow("caught", "refused")}
        """, """
        <error id="NotEligible" errorCode="not-eligible" />
        <error id="Caught" errorCode="{caughtCode}" />
        """.Replace("{caughtCode}", caughtCode));

    /// <summary>Inside the handling sub-process the specialist tells the leader (escalation) and goes on working.</summary>
    public static ExecutableDefinition TellTheLeader(bool interrupting) => Compile($"tell-leader-{interrupting}", $"""
        <startEvent id="start" />
        <subProcess id="handle">
          <startEvent id="handle-start" />
          <intermediateThrowEvent id="tell"><escalationEventDefinition escalationRef="TellLeader" /></intermediateThrowEvent>
          <userTask id="work" dw:role="specialist" />
          <endEvent id="handle-end" />
          {Chain("handle-start", "tell", "work", "handle-end")}
        </subProcess>
        <boundaryEvent id="told" attachedToRef="handle" cancelActivity="{(interrupting ? "true" : "false")}"><escalationEventDefinition escalationRef="TellLeader" /></boundaryEvent>
        <userTask id="inform" dw:role="leader" />
        <endEvent id="end" />
        <endEvent id="informed" />
        {Chain("start", "handle", "end")}
        {Chain("told", "inform", "informed")}
        """, """<escalation id="TellLeader" escalationCode="tell-leader" />""");

    /// <summary>An escalation nobody catches is only journalled.</summary>
    public static ExecutableDefinition UncaughtEscalation() => Compile("uncaught-escalation", $"""
        <startEvent id="start" />
        <intermediateThrowEvent id="tell"><escalationEventDefinition escalationRef="TellLeader" /></intermediateThrowEvent>
        <userTask id="work" dw:role="specialist" />
        <endEvent id="end" />
        {Chain("start", "tell", "work", "end")}
        """, """<escalation id="TellLeader" escalationCode="tell-leader" />""");

    /// <summary>A terminate end event inside a sub-process ends the sub-process only.</summary>
    public static ExecutableDefinition TerminateInside() => Compile("terminate-inside", $"""
        <startEvent id="start" />
        <subProcess id="attempt">
          <startEvent id="attempt-start" />
          <parallelGateway id="fork" />
          <userTask id="long" dw:role="specialist" />
          <endEvent id="long-end" />
          <endEvent id="stop"><terminateEventDefinition /></endEvent>
          {Chain("attempt-start", "fork", "long", "long-end")}
          {Flow("fork", "stop")}
        </subProcess>
        <userTask id="after" dw:role="leader" />
        <endEvent id="end" />
        {Chain("start", "attempt", "after", "end")}
        """);

    /// <summary>A withdrawal request (a message) interrupts the dossier wherever it is: an interrupting event sub-process.</summary>
    public static ExecutableDefinition Withdrawable() => Compile("withdrawable", $"""
        <startEvent id="start" />
        <userTask id="work" dw:role="specialist" />
        <endEvent id="end" dw:result="resolved" />
        {Chain("start", "work", "end")}
        <subProcess id="on-withdrawal" triggeredByEvent="true">
          <startEvent id="withdrawn"><messageEventDefinition messageRef="Withdraw" /></startEvent>
          <userTask id="close" dw:role="reception" />
          <endEvent id="closed" dw:result="withdrawn" />
          {Chain("withdrawn", "close", "closed")}
        </subProcess>
        """, """<message id="Withdraw" name="withdrawal" />""");

    /// <summary>While the handling sub-process runs, a daily reminder (a non-interrupting cycle event sub-process inside it), at most twice.</summary>
    public static ExecutableDefinition DailyReminders() => Compile("daily-reminders", $"""
        <startEvent id="start" />
        <subProcess id="handle">
          <startEvent id="handle-start" />
          <userTask id="work" dw:role="specialist" />
          <endEvent id="handle-end" />
          {Chain("handle-start", "work", "handle-end")}
          <subProcess id="reminders" triggeredByEvent="true">
            <startEvent id="every-day" isInterrupting="false"><timerEventDefinition><timeCycle>R2/P1D</timeCycle></timerEventDefinition></startEvent>
            <intermediateThrowEvent id="reminded" />
            <endEvent id="reminder-end" />
            {Chain("every-day", "reminded", "reminder-end")}
          </subProcess>
        </subProcess>
        <userTask id="sign" dw:role="leader" />
        <endEvent id="end" />
        {Chain("start", "handle", "sign", "end")}
        """);
}

/// <summary>
/// Embedded sub-processes: their own flow from their start event, boundary events on the whole of them, errors thrown
/// inside and caught around them, escalations, terminate inside them, and event sub-processes in their scope.
/// </summary>
public abstract class SubProcessScenarios : ScenarioTest
{
    [Fact]
    public async Task A_sub_process_runs_its_own_flow_then_goes_on()
    {
        var instanceId = await Host.StartAsync(Workflows.Review());

        var position = await Engine.GetPositionAsync(instanceId);
        Assert.Equal(["check"], position.OpenWorkItems.Select(w => w.ElementId));
        Assert.Equal(["check", "review"], position.ActiveElementIds);

        await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await Host.OpenTaskAsync(instanceId, "check")).Id) { Actor = "cv" });
        Assert.Equal(["sign"], (await Engine.GetPositionAsync(instanceId)).ActiveElementIds);

        var done = await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await Host.OpenTaskAsync(instanceId, "sign")).Id) { Actor = "ld" });
        Assert.Equal((InstanceStatus.Completed, "resolved"), (done.Status, done.Result));
        var journal = await Engine.GetJournalAsync(instanceId);
        Assert.Contains(journal, e => e.Kind == JournalEntryKind.NodeLeft && e.ElementId == "review");
    }

    [Fact]
    public async Task A_deadline_on_the_sub_process_cancels_everything_inside_it()
    {
        var instanceId = await Host.StartAsync(Workflows.ConsultWithDeadline());
        Assert.Equal(["ask-building", "ask-land"], (await Engine.GetPositionAsync(instanceId)).OpenWorkItems.Select(w => w.ElementId).Order());
        await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await Host.OpenTaskAsync(instanceId, "ask-land")).Id) { Actor = "cv" });

        Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await Engine.FireDueTimersAsync());

        var position = await Engine.GetPositionAsync(instanceId);
        Assert.Equal(["chase"], position.ActiveElementIds);
        var cancelled = await Engine.QueryWorkItemsAsync(new WorkItemFilter { InstanceId = instanceId, Status = WorkItemStatus.Cancelled });
        Assert.Equal(["ask-building"], cancelled.Select(w => w.ElementId));
    }

    [Fact]
    public async Task An_error_thrown_two_levels_down_is_caught_around_the_outer_sub_process()
    {
        var instanceId = await Host.StartAsync(Workflows.NestedEligibility("not-eligible"));

        var done = await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await Host.OpenTaskAsync(instanceId, "verify")).Id) { Outcome = "not-eligible", Actor = "cv" });

        Assert.Equal((InstanceStatus.Completed, "refused"), (done.Status, done.Result));
        Assert.Equal("not-eligible", done.Variables["errorCode"]!.GetValue<string>());
        var journal = await Engine.GetJournalAsync(instanceId);
        Assert.Contains(journal, e => e.Kind == JournalEntryKind.EventThrown && e.ElementId == "refuse" && e.Detail == "error:not-eligible caught by caught");
    }

    [Fact]
    public async Task An_error_nothing_catches_stops_at_its_end_event_with_an_incident()
    {
        var instanceId = await Host.StartAsync(Workflows.NestedEligibility("something-else"));

        var position = await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await Host.OpenTaskAsync(instanceId, "verify")).Id) { Outcome = "not-eligible", Actor = "cv" });

        Assert.Equal(InstanceStatus.Running, position.Status);
        var incident = Assert.Single(position.OpenIncidents);
        Assert.Equal((IncidentKind.UncaughtError, "refuse"), (incident.Kind, incident.ElementId));
        Assert.Contains("'not-eligible'", incident.Message);
    }

    [Fact]
    public async Task A_non_interrupting_escalation_tells_the_leader_while_the_work_goes_on()
    {
        var instanceId = await Host.StartAsync(Workflows.TellTheLeader(interrupting: false));

        var position = await Engine.GetPositionAsync(instanceId);
        Assert.Equal(["inform", "work"], position.OpenWorkItems.Select(w => w.ElementId).Order());

        await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await Host.OpenTaskAsync(instanceId, "work")).Id) { Actor = "cv" });
        var done = await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await Host.OpenTaskAsync(instanceId, "inform")).Id) { Actor = "ld" });
        Assert.Equal(InstanceStatus.Completed, done.Status);
    }

    [Fact]
    public async Task An_interrupting_escalation_takes_the_dossier_out_of_the_sub_process_and_an_uncaught_one_is_journalled()
    {
        var interrupted = await Host.StartAsync(Workflows.TellTheLeader(interrupting: true));
        var uncaught = await Host.StartAsync(Workflows.UncaughtEscalation());

        Assert.Equal(["inform"], (await Engine.GetPositionAsync(interrupted)).ActiveElementIds);
        Assert.Equal(["work"], (await Engine.GetPositionAsync(uncaught)).ActiveElementIds);
        var journal = await Engine.GetJournalAsync(uncaught);
        Assert.Contains(journal, e => e.Kind == JournalEntryKind.EventThrown && e.Detail == "escalation:tell-leader");
    }

    [Fact]
    public async Task A_terminate_end_event_inside_a_sub_process_ends_only_the_sub_process()
    {
        var instanceId = await Host.StartAsync(Workflows.TerminateInside());

        var position = await Engine.GetPositionAsync(instanceId);
        Assert.Equal(InstanceStatus.Running, position.Status);
        Assert.Equal(["after"], position.ActiveElementIds);
        var cancelled = await Engine.QueryWorkItemsAsync(new WorkItemFilter { InstanceId = instanceId, Status = WorkItemStatus.Cancelled });
        Assert.Equal(["long"], cancelled.Select(w => w.ElementId));
    }

    [Fact]
    public async Task An_interrupting_event_sub_process_takes_over_when_its_message_comes()
    {
        var instanceId = await Host.StartAsync(Workflows.Withdrawable(), businessKey: "HS-001");
        var other = await Host.StartAsync(Workflows.Withdrawable(), businessKey: "HS-002");

        var delivery = await Engine.DeliverMessageAsync("withdrawal", "HS-001");

        Assert.Equal([instanceId], delivery.InstanceIds);
        Assert.Equal(["close", "on-withdrawal"], (await Engine.GetPositionAsync(instanceId)).ActiveElementIds);
        Assert.Equal(["work"], (await Engine.GetPositionAsync(other)).ActiveElementIds);
        var done = await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await Host.OpenTaskAsync(instanceId, "close")).Id) { Actor = "tn" });
        Assert.Equal((InstanceStatus.Completed, "withdrawn"), (done.Status, done.Result));

        // The other instance ends normally; its wait for a withdrawal ends with it.
        var finished = await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await Host.OpenTaskAsync(other, "work")).Id) { Actor = "cv" });
        Assert.Equal((InstanceStatus.Completed, "resolved"), (finished.Status, finished.Result));
        Assert.False((await Engine.DeliverMessageAsync("withdrawal", "HS-002")).Delivered);
    }

    [Fact]
    public async Task A_non_interrupting_cycle_event_sub_process_reminds_while_its_scope_runs_and_stops_with_it()
    {
        var instanceId = await Host.StartAsync(Workflows.DailyReminders());

        for (var day = 0; day < 3; day++)
        {
            Clock.Advance(TimeSpan.FromDays(1));
            await Engine.FireDueTimersAsync();
        }

        var journal = await Engine.GetJournalAsync(instanceId);
        Assert.Equal(2, journal.Count(e => e.Kind == JournalEntryKind.NodeEntered && e.ElementId == "reminded"));
        Assert.Equal(["work"], (await Engine.GetPositionAsync(instanceId)).OpenWorkItems.Select(w => w.ElementId));

        var instance = await Host.StartAsync(Workflows.DailyReminders());
        await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await Host.OpenTaskAsync(instance, "work")).Id) { Actor = "cv" });
        Clock.Advance(TimeSpan.FromDays(5));
        Assert.Equal(0, await Engine.FireDueTimersAsync());
        Assert.Equal(["sign"], (await Engine.GetPositionAsync(instance)).ActiveElementIds);
    }
}
