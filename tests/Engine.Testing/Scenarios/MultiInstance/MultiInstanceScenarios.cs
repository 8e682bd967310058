using System.Text.Json.Nodes;
using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Persistence;
using static DossierWorkflow.Engine.Testing.BpmnText;

namespace DossierWorkflow.Engine.Testing.Scenarios.MultiInstance;

internal static class Workflows
{
    /// <summary>Each instance's task goes to the department it is about (a placeholder filled per instance).</summary>
    private const string DepartmentScope = "department:{department}";

    /// <summary>
    /// The departments chosen at reception each give an opinion (agree or disagree) at once, each in its own department's
    /// queue; the opinions are collected in the order of the list, then the leader decides.
    /// </summary>
    public static ExecutableDefinition Consultation(bool sequential = false, string? completion = null, string? deadline = null) =>
        Compile($"consultation-{sequential}-{completion?.Length ?? 0}-{deadline ?? "none"}", $"""
        <startEvent id="start" />
        <userTask id="opinion" dw:role="specialist" dw:unitScope="{DepartmentScope}" dw:outcomes="agree,disagree">
          <multiInstanceLoopCharacteristics isSequential="{(sequential ? "true" : "false")}" dw:collection="departments" dw:elementVariable="department"
              dw:outputElement="outcome" dw:outputCollection="opinions">
            {(completion is null ? "" : $"<completionCondition>{System.Security.SecurityElement.Escape(completion)}</completionCondition>")}
          </multiInstanceLoopCharacteristics>
        </userTask>
        {(deadline is null ? "" : $"""
            <boundaryEvent id="late" attachedToRef="opinion"><timerEventDefinition><timeDuration>{deadline}</timeDuration></timerEventDefinition></boundaryEvent>
            <userTask id="decide-without" dw:role="leader" />
            <endEvent id="end-late" />
            {Chain("late", "decide-without", "end-late")}
            """)}
        <userTask id="decide" dw:role="leader" />
        <endEvent id="end" />
        {Chain("start", "opinion", "decide", "end")}
        """);

    /// <summary>One sub-process per department (ask, then record the answer), its opinion collected.</summary>
    public static ExecutableDefinition ConsultationRounds() => Compile("consultation-rounds", $"""
        <startEvent id="start" />
        <subProcess id="round">
          <multiInstanceLoopCharacteristics dw:collection="departments" dw:elementVariable="department" dw:outputElement="opinion" dw:outputCollection="opinions" />
          <startEvent id="round-start" />
          <userTask id="ask" dw:role="specialist" dw:unitScope="{DepartmentScope}" />
          <exclusiveGateway id="answered" default="answered_to_round-end" />
          <userTask id="remind" dw:role="specialist" />
          <endEvent id="round-end" />
          {Chain("round-start", "ask", "answered", "round-end")}
          {Flow("answered", "remind", "opinion == null")}
          {Flow("remind", "round-end")}
        </subProcess>
        <userTask id="decide" dw:role="leader" />
        <endEvent id="end" />
        {Chain("start", "round", "decide", "end")}
        """);
}

/// <summary>
/// Multi-instance user tasks and sub-processes over a list variable: parallel and sequential, each instance with its
/// element, its own unit and its own variables; outputs collected by index; a completion condition; a boundary timer on
/// the whole loop; an empty list; a variable that is not a list.
/// </summary>
public abstract class MultiInstanceScenarios : ScenarioTest
{
    private static JsonObject Departments(params string[] codes) => new() { ["departments"] = new JsonArray([.. codes.Select(c => (JsonNode?)c)]) };

    private async Task<WorkItem> OpinionOfAsync(Guid instanceId, string department) =>
        (await Engine.GetPositionAsync(instanceId)).OpenWorkItems.Single(w => w.UnitScope == $"department:{department}");

    [Fact]
    public async Task Every_department_gives_its_opinion_at_once_and_the_opinions_are_collected_in_list_order()
    {
        var instanceId = await Host.StartAsync(Workflows.Consultation(), variables: Departments("TNMT", "XD", "TC"));

        var position = await Engine.GetPositionAsync(instanceId);
        Assert.Equal(["department:TC", "department:TNMT", "department:XD"], position.OpenWorkItems.Select(w => w.UnitScope).Order());

        await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await OpinionOfAsync(instanceId, "XD")).Id) { Outcome = "disagree", Actor = "xd" });
        await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await OpinionOfAsync(instanceId, "TNMT")).Id) { Outcome = "agree", Actor = "tnmt" });
        Assert.Equal(["opinion"], (await Engine.GetPositionAsync(instanceId)).ActiveElementIds);
        var done = await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await OpinionOfAsync(instanceId, "TC")).Id) { Outcome = "agree", Actor = "tc" });

        Assert.Equal(["decide"], done.ActiveElementIds);
        Assert.Equal("""["agree","disagree","agree"]""", done.Variables["opinions"]!.ToJsonString());
        // What each instance wrote stayed its own.
        Assert.False(done.Variables.ContainsKey("outcome"));
        Assert.False(done.Variables.ContainsKey("department"));
    }

    [Fact]
    public async Task The_loop_ends_as_soon_as_its_completion_condition_holds_here_a_majority()
    {
        var instanceId = await Host.StartAsync(Workflows.Consultation(completion: "nrOfCompletedInstances * 2 > nrOfInstances"), variables: Departments("TNMT", "XD", "TC"));

        await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await OpinionOfAsync(instanceId, "TC")).Id) { Outcome = "agree", Actor = "tc" });
        var done = await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await OpinionOfAsync(instanceId, "TNMT")).Id) { Outcome = "agree", Actor = "tnmt" });

        Assert.Equal(["decide"], done.ActiveElementIds);
        Assert.Equal("""["agree",null,"agree"]""", done.Variables["opinions"]!.ToJsonString());
        var cancelled = await Engine.QueryWorkItemsAsync(new WorkItemFilter { InstanceId = instanceId, Status = WorkItemStatus.Cancelled });
        Assert.Equal(["department:XD"], cancelled.Select(w => w.UnitScope));
    }

    [Fact]
    public async Task A_sequential_loop_asks_one_department_after_the_other()
    {
        var instanceId = await Host.StartAsync(Workflows.Consultation(sequential: true), variables: Departments("TNMT", "XD"));

        Assert.Equal(["department:TNMT"], (await Engine.GetPositionAsync(instanceId)).OpenWorkItems.Select(w => w.UnitScope));
        await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await OpinionOfAsync(instanceId, "TNMT")).Id) { Outcome = "disagree", Actor = "tnmt" });
        Assert.Equal(["department:XD"], (await Engine.GetPositionAsync(instanceId)).OpenWorkItems.Select(w => w.UnitScope));
        var done = await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await OpinionOfAsync(instanceId, "XD")).Id) { Outcome = "agree", Actor = "xd" });

        Assert.Equal("""["disagree","agree"]""", done.Variables["opinions"]!.ToJsonString());
        Assert.Equal(["decide"], done.ActiveElementIds);
    }

    [Fact]
    public async Task With_no_department_chosen_the_consultation_is_passed_at_once()
    {
        var instanceId = await Host.StartAsync(Workflows.Consultation(), variables: Departments());

        var position = await Engine.GetPositionAsync(instanceId);
        Assert.Equal(["decide"], position.ActiveElementIds);
        Assert.Equal("[]", position.Variables["opinions"]!.ToJsonString());
    }

    [Fact]
    public async Task A_deadline_on_the_loop_cancels_every_opinion_still_open()
    {
        var instanceId = await Host.StartAsync(Workflows.Consultation(deadline: "P5D"), variables: Departments("TNMT", "XD", "TC"));
        await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await OpinionOfAsync(instanceId, "XD")).Id) { Outcome = "agree", Actor = "xd" });

        Clock.Advance(TimeSpan.FromDays(5));
        Assert.Equal(1, await Engine.FireDueTimersAsync());

        Assert.Equal(["decide-without"], (await Engine.GetPositionAsync(instanceId)).ActiveElementIds);
        var cancelled = await Engine.QueryWorkItemsAsync(new WorkItemFilter { InstanceId = instanceId, Status = WorkItemStatus.Cancelled });
        Assert.Equal(["department:TC", "department:TNMT"], cancelled.Select(w => w.UnitScope).Order());
    }

    [Fact]
    public async Task Each_round_of_a_multi_instance_sub_process_runs_apart_with_its_own_variables()
    {
        var instanceId = await Host.StartAsync(Workflows.ConsultationRounds(), variables: Departments("TNMT", "XD"));

        await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await OpinionOfAsync(instanceId, "XD")).Id) { Variables = new JsonObject { ["opinion"] = "no objection" }, Actor = "xd" });
        // TNMT answers without an opinion: its own round goes on to a reminder, the other round is not affected.
        await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await OpinionOfAsync(instanceId, "TNMT")).Id) { Actor = "tnmt" });
        var position = await Engine.GetPositionAsync(instanceId);
        Assert.Equal(["remind", "round"], position.ActiveElementIds);
        var done = await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await Host.OpenTaskAsync(instanceId, "remind")).Id) { Variables = new JsonObject { ["opinion"] = "agree with conditions" }, Actor = "tnmt" });

        Assert.Equal(["decide"], done.ActiveElementIds);
        Assert.Equal("""["agree with conditions","no objection"]""", done.Variables["opinions"]!.ToJsonString());
    }

    [Fact]
    public async Task A_variable_that_is_not_a_list_is_an_incident_a_retry_with_the_list_gets_past()
    {
        var instanceId = await Host.StartAsync(Workflows.Consultation(), variables: new JsonObject { ["departments"] = "TNMT" });

        var incident = Assert.Single((await Engine.GetPositionAsync(instanceId)).OpenIncidents);
        Assert.Equal((IncidentKind.EvaluationFailed, "opinion"), (incident.Kind, incident.ElementId));
        Assert.Contains("'departments'", incident.Message);

        var retried = await Engine.RetryIncidentAsync(incident.Id, Departments("TNMT"), actor: "admin");
        Assert.Empty(retried.OpenIncidents);
        Assert.Equal(["department:TNMT"], retried.OpenWorkItems.Select(w => w.UnitScope));
    }
}
