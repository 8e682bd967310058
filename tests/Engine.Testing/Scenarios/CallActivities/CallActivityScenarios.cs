using System.Text.Json.Nodes;
using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Persistence;
using static DossierWorkflow.Engine.Testing.BpmnText;

namespace DossierWorkflow.Engine.Testing.Scenarios.CallActivities;

internal static class Workflows
{
    /// <summary>The residence registration another agency runs: it registers the child, or refuses with an error.</summary>
    public static ExecutableDefinition Residence(string registerName = "Đăng ký thường trú") => Compile("residence-registration", $"""
        <startEvent id="start" />
        <userTask id="register" name="{registerName}" dw:role="specialist" dw:outcomes="registered,refused" />
        <exclusiveGateway id="registered" default="registered_to_end" />
        <endEvent id="end" dw:result="registered" />
        <endEvent id="refuse"><errorEventDefinition errorRef="NoResidence" /></endEvent>
        {Chain("start", "register", "registered", "end")}
        {Flow("registered", "refuse", "outcome == \"refused\"")}
        """, """<error id="NoResidence" errorCode="no-residence" />""");

    /// <summary>
    /// Birth registration linked with residence registration: the birth is registered, the residence workflow is called
    /// for the newborn (the caller's <c>newborn</c> passed as its <c>child</c>; its <c>residenceNumber</c> comes back), then
    /// the result is returned; a refusal of residence is caught on the call.
    /// </summary>
    public static ExecutableDefinition BirthWithResidence(int? pinned = null) => Compile($"birth-with-residence-{pinned}", $"""
        <startEvent id="start" />
        <userTask id="register-birth" dw:role="specialist" />
        <callActivity id="residence" calledElement="residence-registration" dw:inputs="child=newborn, receivingUnit" dw:outputs="residenceNumber"
            {(pinned is { } version ? $"dw:version=\"{version}\"" : "")} />
        <boundaryEvent id="no-residence" attachedToRef="residence"><errorEventDefinition errorRef="NoResidence" /></boundaryEvent>
        <userTask id="return" dw:role="reception" />
        <userTask id="explain" dw:role="reception" />
        <endEvent id="end" dw:result="resolved" />
        <endEvent id="end-partly" dw:result="partly-resolved" />
        {Chain("start", "register-birth", "residence", "return", "end")}
        {Chain("no-residence", "explain", "end-partly")}
        """, """<error id="NoResidence" errorCode="no-residence" />""");

    /// <summary>The residence of each child of a list registered at once (a multi-instance call activity).</summary>
    public static ExecutableDefinition SiblingsResidence() => Compile("siblings-residence", $"""
        <startEvent id="start" />
        <callActivity id="residence" calledElement="residence-registration" dw:inputs="child" dw:outputs="residenceNumber">
          <multiInstanceLoopCharacteristics dw:collection="children" dw:elementVariable="child" dw:outputElement="residenceNumber" dw:outputCollection="residenceNumbers" />
        </callActivity>
        <endEvent id="end" />
        {Chain("start", "residence", "end")}
        """);
}

/// <summary>
/// Call activities: another definition started in the same transaction as part of the same dossier (its business key),
/// variables passed in and out, the latest or a pinned version, cancelling with the caller, an error coming back to the
/// call, an undeployed definition, a called instance cancelled on its own, and one call per element of a list.
/// </summary>
public abstract class CallActivityScenarios : ScenarioTest
{
    private async Task<WorkItem> TaskOfDossierAsync(string businessKey, string elementId) =>
        (await Engine.QueryWorkItemsAsync(new WorkItemFilter { BusinessKey = businessKey, ElementId = elementId })).Single();

    private async Task<Guid> StartBirthAsync(string code, ExecutableDefinition? birth = null)
    {
        var instanceId = await Host.StartAsync(birth ?? Workflows.BirthWithResidence(), code, new JsonObject
        {
            ["newborn"] = new JsonObject { ["name"] = "Nguyễn Văn An" },
            ["receivingUnit"] = "HN.HOANKIEM",
            ["applicantPhone"] = "0912345678",
        });
        await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await Host.OpenTaskAsync(instanceId, "register-birth")).Id) { Actor = "cv" });
        return instanceId;
    }

    [Fact]
    public async Task The_called_workflow_runs_as_part_of_the_dossier_with_the_variables_passed_in_and_out()
    {
        await Engine.DeployAsync(Workflows.Residence());
        var instanceId = await StartBirthAsync("HS-001");

        var called = Assert.Single(await Engine.GetCalledInstancesAsync(instanceId));
        Assert.Equal(("residence-registration", InstanceStatus.Running), (called.DefinitionKey, called.Status));
        var register = await TaskOfDossierAsync("HS-001", "register");
        Assert.Equal(called.InstanceId, register.InstanceId);
        var child = await Engine.GetPositionAsync(called.InstanceId);
        Assert.Equal("Nguyễn Văn An", child.Variables["child"]!["name"]!.GetValue<string>());
        Assert.Equal("HN.HOANKIEM", child.Variables["receivingUnit"]!.GetValue<string>());
        Assert.False(child.Variables.ContainsKey("applicantPhone"));
        Assert.Equal(["residence"], (await Engine.GetPositionAsync(instanceId)).ActiveElementIds);

        await Engine.CompleteWorkItemAsync(new CompleteWorkItem(register.Id) { Outcome = "registered", Variables = new JsonObject { ["residenceNumber"] = "TT-2026-001" }, Actor = "ca" });

        var position = await Engine.GetPositionAsync(instanceId);
        Assert.Equal(["return"], position.ActiveElementIds);
        Assert.Equal("TT-2026-001", position.Variables["residenceNumber"]!.GetValue<string>());
        Assert.False(position.Variables.ContainsKey("outcome"));
        Assert.Equal((InstanceStatus.Completed, "registered"), ((await Engine.GetPositionAsync(called.InstanceId)).Status, (await Engine.GetPositionAsync(called.InstanceId)).Result));
        var journal = await Engine.GetJournalAsync(instanceId);
        Assert.Contains(journal, e => e.Kind == JournalEntryKind.CallStarted && e.Detail == $"residence-registration:{called.InstanceId}");
        Assert.Contains(journal, e => e.Kind == JournalEntryKind.CallEnded && e.ElementId == "residence");
    }

    [Fact]
    public async Task Cancelling_the_dossier_cancels_the_called_workflow_and_its_open_task()
    {
        await Engine.DeployAsync(Workflows.Residence());
        var instanceId = await StartBirthAsync("HS-002");
        var called = Assert.Single(await Engine.GetCalledInstancesAsync(instanceId));

        await Engine.CancelInstanceAsync(instanceId, "withdrawn", "tn");

        Assert.Equal(InstanceStatus.Cancelled, (await Engine.GetPositionAsync(called.InstanceId)).Status);
        Assert.Empty(await Engine.QueryWorkItemsAsync(new WorkItemFilter { BusinessKey = "HS-002" }));
        var cancelled = await Engine.QueryWorkItemsAsync(new WorkItemFilter { BusinessKey = "HS-002", Status = WorkItemStatus.Cancelled });
        Assert.Equal(["register"], cancelled.Select(w => w.ElementId));
    }

    [Fact]
    public async Task An_error_the_called_workflow_throws_is_caught_on_the_call_activity()
    {
        await Engine.DeployAsync(Workflows.Residence());
        var instanceId = await StartBirthAsync("HS-003");
        var called = Assert.Single(await Engine.GetCalledInstancesAsync(instanceId));

        await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await TaskOfDossierAsync("HS-003", "register")).Id) { Outcome = "refused", Actor = "ca" });

        var position = await Engine.GetPositionAsync(instanceId);
        Assert.Equal(["explain"], position.ActiveElementIds);
        Assert.Equal("no-residence", position.Variables["errorCode"]!.GetValue<string>());
        Assert.Equal(InstanceStatus.Terminated, (await Engine.GetPositionAsync(called.InstanceId)).Status);
    }

    [Fact]
    public async Task The_latest_version_is_called_unless_one_is_pinned()
    {
        await Engine.DeployAsync(Workflows.Residence("Đăng ký thường trú (cũ)"));
        await Engine.DeployAsync(Workflows.Residence("Đăng ký thường trú"));

        var latest = await StartBirthAsync("HS-004");
        var pinned = await StartBirthAsync("HS-005", Workflows.BirthWithResidence(pinned: 1));

        Assert.Equal(2, Assert.Single(await Engine.GetCalledInstancesAsync(latest)).DefinitionVersion);
        Assert.Equal(1, Assert.Single(await Engine.GetCalledInstancesAsync(pinned)).DefinitionVersion);
        Assert.Equal("Đăng ký thường trú (cũ)", (await TaskOfDossierAsync("HS-005", "register")).Name);
    }

    [Fact]
    public async Task A_workflow_not_deployed_is_an_incident_that_a_retry_gets_past_once_it_is()
    {
        var instanceId = await StartBirthAsync("HS-006");

        var incident = Assert.Single((await Engine.GetPositionAsync(instanceId)).OpenIncidents);
        Assert.Equal((IncidentKind.CallFailed, "residence"), (incident.Kind, incident.ElementId));
        Assert.Contains("'residence-registration'", incident.Message);
        Assert.Empty(await Engine.GetCalledInstancesAsync(instanceId));

        await Engine.DeployAsync(Workflows.Residence());
        var retried = await Engine.RetryIncidentAsync(incident.Id, actor: "admin");

        Assert.Empty(retried.OpenIncidents);
        Assert.Single(await Engine.GetCalledInstancesAsync(instanceId));
        Assert.Equal("register", (await TaskOfDossierAsync("HS-006", "register")).ElementId);
    }

    [Fact]
    public async Task A_called_workflow_cancelled_on_its_own_leaves_the_call_an_incident_whose_retry_calls_again()
    {
        await Engine.DeployAsync(Workflows.Residence());
        var instanceId = await StartBirthAsync("HS-007");
        var first = Assert.Single(await Engine.GetCalledInstancesAsync(instanceId));

        await Engine.CancelInstanceAsync(first.InstanceId, "entered by mistake", "admin");

        var incident = Assert.Single((await Engine.GetPositionAsync(instanceId)).OpenIncidents);
        Assert.Equal(IncidentKind.CallFailed, incident.Kind);
        await Engine.RetryIncidentAsync(incident.Id, actor: "admin");
        var calls = await Engine.GetCalledInstancesAsync(instanceId);
        Assert.Equal(2, calls.Count);
        Assert.Equal(InstanceStatus.Cancelled, calls.Single(c => c.InstanceId == first.InstanceId).Status);
        Assert.Equal(InstanceStatus.Running, calls.Single(c => c.InstanceId != first.InstanceId).Status);
    }

    [Fact]
    public async Task A_multi_instance_call_activity_calls_once_per_element_and_collects_the_outputs()
    {
        await Engine.DeployAsync(Workflows.Residence());
        var instanceId = await Host.StartAsync(Workflows.SiblingsResidence(), "HS-008", new JsonObject
        {
            ["children"] = new JsonArray(new JsonObject { ["name"] = "An" }, new JsonObject { ["name"] = "Bình" }),
        });

        var calls = await Engine.GetCalledInstancesAsync(instanceId);
        Assert.Equal(2, calls.Count);
        foreach (var call in calls)
        {
            var child = await Engine.GetPositionAsync(call.InstanceId);
            var name = child.Variables["child"]!["name"]!.GetValue<string>();
            await Engine.CompleteWorkItemAsync(new CompleteWorkItem(child.OpenWorkItems.Single().Id)
            {
                Outcome = "registered",
                Variables = new JsonObject { ["residenceNumber"] = $"TT-{name}" },
                Actor = "ca",
            });
        }

        var done = await Engine.GetPositionAsync(instanceId);
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Equal("""["TT-An","TT-Bình"]""", done.Variables["residenceNumbers"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }
}
