using DossierWorkflow.Engine.Definitions.Compilation;
using DossierWorkflow.Engine.Graph;
using System.Text.Json.Nodes;

namespace DossierWorkflow.Engine.Tests.Definitions;

public sealed class ValidDefinitionTests
{
    private readonly BpmnDefinitionCompiler _compiler = new(DefinitionFolder.RegisteredHandlers);

    public static TheoryData<string> ValidFiles => DefinitionFolder.FileNames("Valid");

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void A_valid_file_compiles_without_problems(string fileName)
    {
        var compilation = _compiler.Compile(DefinitionFolder.Read("Valid", fileName));

        Assert.Empty(compilation.Problems);
        Assert.True(compilation.IsValid);
        Assert.Single(compilation.Definition!.StartNodes);
        Assert.Matches("^[0-9a-f]{64}$", compilation.Definition.ContentHash);
    }

    [Fact]
    public void A_bpmn_js_file_gives_the_graph_as_drawn()
    {
        var definition = Compile("bpmn-js-reception-approval.bpmn");

        Assert.Equal("Process_ReceptionApproval", definition.Key);
        Assert.Equal("Tiếp nhận và phê duyệt", definition.Name);
        Assert.Equal(15, definition.Nodes.Count);
        Assert.Equal(14, definition.Nodes.Values.Sum(n => n.Outgoing.Length));
        Assert.Equal("StartEvent_1", definition.StartNodes.Single().Id);

        var check = Assert.IsType<UserTaskNode>(definition["Activity_Check"]);
        Assert.Equal(("reception", "receiving-unit", 1, "reception-check"), (check.Role, check.UnitScope, check.DurationDays, check.Form));
        Assert.Equal(["accept", "supplement", "refuse"], check.Outcomes);
        Assert.Equal(["Flow_0start", "Flow_0resubmitted"], check.Incoming.Select(f => f.Id));

        var gateway = Assert.IsType<ExclusiveGatewayNode>(definition["Gateway_Check"]);
        Assert.Equal("Flow_0accept", gateway.DefaultFlowId);
        Assert.Equal(["Flow_0accept", "Flow_0supplement", "Flow_0refuse"], gateway.Outgoing.Select(f => f.Id));
        Assert.Null(gateway.Outgoing[0].Condition);
        Assert.Equal("Đầy đủ", gateway.Outgoing[0].Name);
        Assert.Equal("outcome == \"supplement\"", gateway.Outgoing[1].Condition!.Source);
        Assert.True(gateway.Outgoing[2].Condition!.Evaluate(new JsonObject { ["outcome"] = "refuse" }));
        Assert.Equal(["outcome"], gateway.Outgoing[2].Condition!.Variables);

        var notify = Assert.IsType<ServiceTaskNode>(definition["Activity_NotifySupplement"]);
        Assert.True(notify.IsSendTask);
        Assert.Equal("notify", notify.Handler);
        Assert.Equal(new Dictionary<string, string> { ["template"] = "supplement-request", ["channel"] = "sms" }, notify.Parameters);
        Assert.Equal(
            new Dictionary<string, string> { ["Activity_Check"] = "Check the dossier", ["Activity_NotifySupplement"] = "Send the supplement request" },
            definition.EnglishNames);

        var wait = Assert.IsType<IntermediateCatchEventNode>(definition["Event_SupplementReceived"]);
        Assert.Equal(new MessageTrigger("supplement-received", "dossierCode"), wait.Trigger);

        var approve = Assert.IsType<UserTaskNode>(definition["Activity_Approve"]);
        var reminder = Assert.Single(approve.BoundaryEvents);
        Assert.Equal(("Event_Reminder", "Activity_Approve", false), (reminder.Id, reminder.AttachedToId, reminder.CancelActivity));
        var timer = Assert.IsType<TimerTrigger>(reminder.Trigger);
        Assert.Equal((TimerKind.Duration, "P1D", true), (timer.Kind, timer.Expression, timer.WorkingDays));
        Assert.Equal(new IsoDuration(1, TimeSpan.Zero), timer.Duration);

        var decision = definition["Gateway_Decision"].Outgoing.Single(f => f.Id == "Flow_0approved").Condition!;
        Assert.True(decision.Evaluate(new JsonObject { ["outcome"] = "approve", ["fee"] = 0 }));
        Assert.False(decision.Evaluate(new JsonObject { ["outcome"] = "approve" }));

        var rejected = Assert.IsType<EndEventNode>(definition["Event_Rejected"]);
        Assert.Equal((true, "refused"), (rejected.Terminate, rejected.Result));
        var resolved = Assert.IsType<EndEventNode>(definition["Event_Resolved"]);
        Assert.Equal((false, "resolved"), (resolved.Terminate, resolved.Result));
        Assert.Equal(new Dictionary<string, string> { ["form"] = "01" }, Assert.IsType<ServiceTaskNode>(definition["Activity_IssueResult"]).Parameters);
    }

    [Fact]
    public void A_bpmn_js_collaboration_compiles_its_one_process()
    {
        var definition = Compile("bpmn-js-permit-collaboration.bpmn");

        Assert.Equal(("Process_Permit", "Cấp giấy phép xây dựng"), (definition.Key, definition.Name));
        Assert.IsType<ParallelGatewayNode>(definition["Gateway_Fork"]);
        Assert.Equal(2, definition["Gateway_Join"].Incoming.Length);

        var visit = Assert.IsType<UserTaskNode>(definition["Activity_SiteVisit"]);
        Assert.Equal((0, "department:construction"), (visit.DurationDays, visit.UnitScope));
        Assert.Empty(visit.Outcomes);
        var withdrawn = Assert.Single(visit.BoundaryEvents);
        Assert.True(withdrawn.CancelActivity);
        Assert.Equal(new MessageTrigger("withdrawal-requested", null), withdrawn.Trigger);

        var fee = Assert.IsType<ReceiveTaskNode>(definition["Activity_CollectFee"]);
        Assert.Equal(new MessageTrigger("fee-paid", "dossier.code"), fee.Message);
        var timeout = Assert.IsType<TimerTrigger>(Assert.Single(fee.BoundaryEvents).Trigger);
        Assert.True(timeout.WorkingDays);
        Assert.Equal(new IsoDuration(7, TimeSpan.Zero), timeout.Duration);

        var cooling = Assert.IsType<TimerTrigger>(Assert.IsType<IntermediateCatchEventNode>(definition["Event_Cooling"]).Trigger);
        Assert.Equal(new IsoDuration(0, new TimeSpan(4, 30, 0)), cooling.Duration);
        Assert.False(cooling.WorkingDays);

        var deliver = Assert.IsType<InclusiveGatewayNode>(definition["Gateway_Deliver"]);
        Assert.Equal("Flow_1counter", deliver.DefaultFlowId);
        var post = deliver.Outgoing.Single(f => f.Id == "Flow_1post").Condition!;
        Assert.True(post.Evaluate(new JsonObject { ["deliveryMethod"] = "post-express" }));
        var sms = deliver.Outgoing.Single(f => f.Id == "Flow_1sms").Condition!;
        Assert.True(sms.Evaluate(JsonNode.Parse("""{ "applicant": { "phone": "0912345678" } }""")!.AsObject()));
        Assert.False(sms.Evaluate(JsonNode.Parse("""{ "applicant": { "phone": "0912345678", "optOut": true } }""")!.AsObject()));
        Assert.IsType<InclusiveGatewayNode>(definition["Gateway_Merge"]);
        Assert.False(definition.Nodes.ContainsKey("Lane_Specialist"));
    }

    [Fact]
    public void A_camunda_modeler_file_compiles_and_its_camunda_attributes_are_ignored()
    {
        var definition = Compile("camunda-modeler-household-registration.bpmn");

        Assert.Equal(("Process_HouseholdRegistration", "Đăng ký thường trú"), (definition.Key, definition.Name));
        Assert.Equal(9, definition.Nodes.Count);
        var deadline = Assert.IsType<TimerTrigger>(Assert.IsType<BoundaryEventNode>(definition["Event_Deadline"]).Trigger);
        Assert.Equal(TimerKind.Date, deadline.Kind);
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.FromHours(7)), deadline.Date);
        var yes = definition["Gateway_Result"].Outgoing.Single(f => f.Id == "Flow_Yes").Condition!;
        Assert.Equal("#{outcome == \"confirmed\"}", yes.Source);
        Assert.True(yes.Evaluate(new JsonObject { ["outcome"] = "confirmed" }));
        var register = Assert.IsType<ServiceTaskNode>(definition["Task_Register"]);
        Assert.Equal(new Dictionary<string, string> { ["form"] = "residence" }, register.Parameters);
        Assert.Equal("04", definition.UserTasks.Single(t => t.Id == "Task_Apology").Form);
    }

    [Fact]
    public void A_definition_without_prefixes_and_a_non_executable_single_process_compiles()
    {
        const string xml = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:dw="urn:dossierworkflow:bpmn:1" id="D">
              <process id="Minimal">
                <startEvent id="Start" />
                <sequenceFlow id="F1" sourceRef="Start" targetRef="Task" />
                <userTask id="Task" dw:role="reception" />
                <sequenceFlow id="F2" sourceRef="Task" targetRef="End" />
                <endEvent id="End" />
              </process>
            </definitions>
            """;

        var definition = _compiler.Compile(xml).GetDefinitionOrThrow();

        Assert.Equal(["End", "Start", "Task"], definition.Nodes.Keys.Order(StringComparer.Ordinal));
        Assert.Null(definition.Name);
    }

    [Fact]
    public void Compiling_the_same_xml_twice_gives_equal_graphs_and_hashes()
    {
        var xml = DefinitionFolder.Read("Valid", "bpmn-js-reception-approval.bpmn");

        var first = _compiler.Compile(xml).Definition!;
        var second = _compiler.Compile(xml).Definition!;

        Assert.NotSame(first, second);
        Assert.Equal(first.ContentHash, second.ContentHash);
        Assert.Equal(first.Nodes.Keys.Order(StringComparer.Ordinal), second.Nodes.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Message_throw_and_end_events_compile_to_send_steps_and_a_none_throw_event_to_a_milestone()
    {
        var definition = Compile("message-throw-events.bpmn");

        Assert.IsType<NoneThrowEventNode>(definition["Milestone"]);
        var transfer = Assert.IsType<MessageThrowEventNode>(definition["Transfer"]);
        Assert.Equal(("notify", false, null), (transfer.Handler, transfer.IsEnd, transfer.Result));
        Assert.Equal(new Dictionary<string, string> { ["event"] = "Transferred" }, transfer.Parameters);
        var told = Assert.IsType<MessageThrowEventNode>(definition["Told"]);
        Assert.Equal(("notify", true, "resolved"), (told.Handler, told.IsEnd, told.Result));
        Assert.Empty(told.Parameters);
    }

    [Fact]
    public void Error_boundary_events_compile_to_the_codes_they_catch()
    {
        var definition = Compile("error-boundary-events.bpmn");

        var verify = definition["Verify"];
        Assert.Equal(
            [("NotResident", (string?)"not-resident"), ("AnyError", null)],
            verify.BoundaryEvents.Select(b => (b.Id, ((ErrorTrigger)b.Trigger).ErrorCode)));
        Assert.All(verify.BoundaryEvents, b => Assert.True(b.CancelActivity));
    }

    private ExecutableDefinition Compile(string fileName) => _compiler.Compile(DefinitionFolder.Read("Valid", fileName)).GetDefinitionOrThrow();
}
