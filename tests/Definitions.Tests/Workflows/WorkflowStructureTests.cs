using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using DossierWorkflow.Definitions.Metadata;
using static DossierWorkflow.Definitions.Tests.Workflows.BpmnModel;

namespace DossierWorkflow.Definitions.Tests.Workflows;

/// <summary>
/// Structural checks of every shipped workflow.bpmn against DESIGN.md §3, without the engine. When the engine's
/// validator is on main, a test that every definition compiles belongs beside these.
/// </summary>
public sealed partial class WorkflowStructureTests
{
    private static readonly HashSet<string> SupportedElements =
    [
        "startEvent", "endEvent", "intermediateCatchEvent", "boundaryEvent",
        "userTask", "serviceTask", "sendTask", "receiveTask", "callActivity",
        "exclusiveGateway", "parallelGateway", "inclusiveGateway",
    ];

    private static readonly HashSet<string> Roles = ["reception", "specialist", "leader"];

    private static (Procedure Procedure, ProcedureVersion Version, BpmnModel Model) Load(string code)
    {
        var procedure = Shipped.Procedure(code);
        return (procedure, procedure.GetVersionOn(Shipped.Today), Parse(procedure.WorkflowBpmn, procedure.CalledWorkflows));
    }

    private static string Id(XElement element) => (string)element.Attribute("id")!;

    [Theory]
    [MemberData(nameof(Shipped.Codes), MemberType = typeof(Shipped))]
    public void The_workflow_is_well_formed_with_one_process_named_after_the_procedure_key(string code)
    {
        var procedure = Shipped.Procedure(code);

        var model = Parse(procedure.WorkflowBpmn);

        Assert.Single(model.Processes);
        Assert.Equal(procedure.Key, model.ProcessId);
        Assert.Equal("true", (string?)model.Process.Attribute("isExecutable"));
        Assert.Equal(Dw.NamespaceName, model.Document.Root!.GetNamespaceOfPrefix("dw")?.NamespaceName);
        Assert.Contains(
            ProcedureCatalogueResources.Folders,
            folder => folder == $"{procedure.Code}-{model.ProcessId}");
    }

    [Theory]
    [MemberData(nameof(Shipped.Codes), MemberType = typeof(Shipped))]
    public void Every_named_element_has_an_english_name_for_the_english_user_interface(string code)
    {
        var (_, _, model) = Load(code);

        var named = model.Process.Elements().Where(e => !string.IsNullOrWhiteSpace((string?)e.Attribute("name"))).ToList();

        Assert.NotEmpty(named);
        Assert.All(named, e => Assert.False(
            string.IsNullOrWhiteSpace((string?)e.Attribute(Dw + "nameEn")),
            $"{Id(e)} (\"{(string?)e.Attribute("name")}\") has no dw:nameEn"));
    }

    [Theory]
    [MemberData(nameof(Shipped.Codes), MemberType = typeof(Shipped))]
    public void The_workflow_uses_only_the_supported_subset(string code)
    {
        var (_, _, model) = Load(code);

        Assert.All(model.Nodes.Values, n => Assert.Contains(n.Name.LocalName, SupportedElements));
        Assert.Single(model.OfKind("startEvent"));
        Assert.DoesNotContain(model.Start.Elements(), e => e.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal));
        Assert.All(model.OfKind("endEvent"), e => Assert.All(
            e.Elements().Where(d => d.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal)),
            d => Assert.Equal("terminateEventDefinition", d.Name.LocalName)));
        Assert.All(model.OfKind("boundaryEvent").Concat(model.OfKind("intermediateCatchEvent")), e => Assert.Contains(
            Assert.Single(e.Elements(), d => d.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal)).Name.LocalName,
            new[] { "timerEventDefinition", "messageEventDefinition", "errorEventDefinition" }));
        // An error is caught only where another agency's workflow can throw it: on a call activity.
        Assert.All(model.OfKind("boundaryEvent").Where(e => e.Element(Bpmn + "errorEventDefinition") is not null),
            e => Assert.Equal("callActivity", model.Kind((string)e.Attribute("attachedToRef")!)));
    }

    [Theory]
    [MemberData(nameof(Shipped.Codes), MemberType = typeof(Shipped))]
    public void Every_user_task_has_a_role_a_unit_scope_and_a_whole_day_budget(string code)
    {
        var (_, _, model) = Load(code);

        Assert.All(model.OfKind("userTask"), task =>
        {
            Assert.Contains(Dw_(task, "role") ?? "", Roles);
            Assert.False(string.IsNullOrWhiteSpace(Dw_(task, "unitScope")), $"{Id(task)} has no dw:unitScope");
            Assert.Matches("^[0-9]+$", Dw_(task, "durationDays") ?? "");
        });
    }

    [Theory]
    [MemberData(nameof(Shipped.Codes), MemberType = typeof(Shipped))]
    public void Service_tasks_use_only_the_registered_handlers(string code)
    {
        var (_, _, model) = Load(code);

        Assert.All(model.OfKind("serviceTask").Concat(model.OfKind("sendTask")), task =>
        {
            var handler = Dw_(task, "handler");
            Assert.Contains(handler, new[] { "notify", "issue-form" });
            if (handler == "issue-form")
            {
                Assert.Matches("^0[1-7]$", Dw_(task, "form") ?? "");
            }
        });
    }

    [Theory]
    [MemberData(nameof(Shipped.Codes), MemberType = typeof(Shipped))]
    public void The_step_budgets_on_the_main_path_add_up_to_the_legal_time(string code)
    {
        var (_, version, model) = Load(code);

        var path = model.MainPath();

        Assert.Equal("resolved", Dw_(path[^1], "result"));
        Assert.Equal(version.ProcessingTime.WorkingDays, path.Sum(model.Budget));
    }

    [Theory]
    [MemberData(nameof(Shipped.Codes), MemberType = typeof(Shipped))]
    public void No_path_to_a_result_takes_longer_than_the_law_allows_with_verification(string code)
    {
        var (_, version, model) = Load(code);

        var longest = model.LongestBudgetTo("resolved");

        Assert.Equal(version.ProcessingTime.WorkingDays + (version.Verification?.ExtraWorkingDays ?? 0), longest);
    }

    [Theory]
    [MemberData(nameof(Shipped.Codes), MemberType = typeof(Shipped))]
    public void A_verification_branch_exists_exactly_where_the_law_allows_extra_days(string code)
    {
        var (_, version, model) = Load(code);

        var verifyFlows = model.Flows.Where(f => f.Condition == "outcome == \"verify\"").ToArray();

        if (version.Verification is { } verification)
        {
            var target = model.Nodes[Assert.Single(verifyFlows).Target];
            Assert.Equal("userTask", target.Name.LocalName);
            Assert.Equal(verification.ExtraWorkingDays, model.Budget(target));
        }
        else
        {
            Assert.Empty(verifyFlows);
        }
    }

    [Theory]
    [MemberData(nameof(Shipped.Codes), MemberType = typeof(Shipped))]
    public void Every_exclusive_gateway_has_a_default_flow_and_conditions_on_the_others(string code)
    {
        var (_, _, model) = Load(code);

        Assert.All(model.OfKind("exclusiveGateway"), gateway =>
        {
            var outgoing = model.Outgoing(Id(gateway)).ToArray();
            var defaultFlow = Assert.Single(outgoing, f => f.Id == (string?)gateway.Attribute("default"));
            Assert.Null(defaultFlow.Condition);
            Assert.All(outgoing.Where(f => f != defaultFlow), f => Assert.False(string.IsNullOrWhiteSpace(f.Condition), $"{f.Id} has no condition"));
        });
    }

    [Theory]
    [MemberData(nameof(Shipped.Codes), MemberType = typeof(Shipped))]
    public void Every_flow_joins_existing_nodes_and_the_nodes_list_their_flows(string code)
    {
        var (_, _, model) = Load(code);

        Assert.All(model.Flows, f =>
        {
            Assert.True(model.Nodes.ContainsKey(f.Source), $"{f.Id}: unknown source {f.Source}");
            Assert.True(model.Nodes.ContainsKey(f.Target), $"{f.Id}: unknown target {f.Target}");
        });
        Assert.All(model.Nodes.Values, node =>
        {
            Assert.Equal(model.Incoming(Id(node)).Select(f => f.Id).Order(), node.Elements(Bpmn + "incoming").Select(e => e.Value).Order());
            Assert.Equal(model.Outgoing(Id(node)).Select(f => f.Id).Order(), node.Elements(Bpmn + "outgoing").Select(e => e.Value).Order());
        });
        Assert.All(model.OfKind("boundaryEvent"), b => Assert.Contains((string?)b.Attribute("attachedToRef") ?? "", model.Nodes.Keys));
    }

    [Theory]
    [MemberData(nameof(Shipped.Codes), MemberType = typeof(Shipped))]
    public void Every_node_is_reachable_from_the_start(string code)
    {
        var (_, _, model) = Load(code);

        var reachable = model.Reachable();

        Assert.Empty(model.Nodes.Keys.Except(reachable));
    }

    [Theory]
    [MemberData(nameof(Shipped.Codes), MemberType = typeof(Shipped))]
    public void Conditions_after_a_user_task_use_only_the_outcomes_it_offers(string code)
    {
        var (_, _, model) = Load(code);

        foreach (var flow in model.Flows.Where(f => f.Condition is not null))
        {
            Assert.Matches(ConditionLanguage(), flow.Condition!);
            var used = OutcomeComparison().Matches(flow.Condition!).Select(m => m.Groups[1].Value).ToArray();
            if (used.Length == 0)
            {
                continue;
            }

            var gatewayInput = Assert.Single(model.Incoming(flow.Source));
            var task = model.Nodes[gatewayInput.Source];
            Assert.Equal("userTask", task.Name.LocalName);
            Assert.All(used, outcome => Assert.Contains(outcome, Outcomes(task)));
        }
    }

    [Theory]
    [MemberData(nameof(Shipped.Codes), MemberType = typeof(Shipped))]
    public void Every_offered_outcome_but_the_default_one_has_its_own_flow(string code)
    {
        var (_, _, model) = Load(code);

        Assert.All(model.OfKind("userTask").Where(t => Outcomes(t).Length > 0 && !IsMultiInstance(t)), task =>
        {
            var gateway = model.Nodes[Assert.Single(model.Outgoing(Id(task))).Target];
            Assert.Equal("exclusiveGateway", gateway.Name.LocalName);
            var routed = model.Outgoing(Id(gateway))
                .SelectMany(f => OutcomeComparison().Matches(f.Condition ?? "").Select(m => m.Groups[1].Value))
                .ToHashSet();
            Assert.Single(Outcomes(task), o => !routed.Contains(o));
        });
    }

    [Theory]
    [MemberData(nameof(Shipped.Codes), MemberType = typeof(Shipped))]
    public void The_workflow_ends_resolved_refused_or_withdrawn(string code)
    {
        var (_, _, model) = Load(code);

        var results = model.OfKind("endEvent").Where(e => !model.EndsReminder(e)).Select(e => Dw_(e, "result")).ToHashSet();

        Assert.Equal(["refused", "resolved", "withdrawn"], results.Order());
        Assert.All(model.OfKind("endEvent").Where(model.EndsReminder), e => Assert.Null(Dw_(e, "result")));
        Assert.Contains(model.Flows, f => f.Condition == "outcome == \"refuse\"");
    }

    [Theory]
    [MemberData(nameof(Shipped.Codes), MemberType = typeof(Shipped))]
    public void A_supplement_request_waits_for_the_supplement_and_returns_to_reception(string code)
    {
        var (_, _, model) = Load(code);

        var wait = Assert.Single(model.OfKind("receiveTask"));
        Assert.Equal("supplement-received", model.Messages[(string)wait.Attribute("messageRef")!]);
        var back = model.Nodes[Assert.Single(model.Outgoing(Id(wait))).Target];
        Assert.Equal("reception", Dw_(back, "role"));
        var requests = model.Flows.Where(f => f.Condition == "outcome == \"supplement\"").ToArray();
        Assert.Equal(2, requests.Length);
        Assert.All(requests, r =>
        {
            var issue = model.Nodes[r.Target];
            Assert.Equal("02", Dw_(issue, "form"));
            Assert.Equal(Id(wait), Assert.Single(model.Outgoing(Id(issue))).Target);
        });
    }

    [Theory]
    [MemberData(nameof(Shipped.Codes), MemberType = typeof(Shipped))]
    public void A_withdrawal_message_stops_the_dossier_with_a_stop_notice(string code)
    {
        var (_, _, model) = Load(code);

        var boundaries = model.OfKind("boundaryEvent").Where(b => b.Element(Bpmn + "messageEventDefinition") is not null).ToArray();

        Assert.NotEmpty(boundaries);
        Assert.All(boundaries, b =>
        {
            var definition = b.Element(Bpmn + "messageEventDefinition")!;
            Assert.Equal("withdrawal-requested", model.Messages[(string)definition.Attribute("messageRef")!]);
            var notice = model.Nodes[Assert.Single(model.Outgoing(Id(b))).Target];
            Assert.Equal("05", Dw_(notice, "form"));
            Assert.Equal("withdrawn", Dw_(model.Nodes[Assert.Single(model.Outgoing(Id(notice))).Target], "result"));
        });
    }

    [Theory]
    [MemberData(nameof(Shipped.Codes), MemberType = typeof(Shipped))]
    public void A_postal_return_branch_exists_exactly_when_the_result_may_be_posted(string code)
    {
        var (_, version, model) = Load(code);

        var postFlows = model.Flows.Where(f => f.Condition == "deliveryMethod == \"post\"").ToArray();

        if (version.Delivery.Contains(DeliveryMethod.Post))
        {
            var task = model.Nodes[Assert.Single(postFlows).Target];
            Assert.Equal("reception", Dw_(task, "role"));
        }
        else
        {
            Assert.Empty(postFlows);
        }
    }

    [Theory]
    [MemberData(nameof(Shipped.Codes), MemberType = typeof(Shipped))]
    public void The_diagram_shows_every_node_and_flow_left_to_right_without_overlaps(string code)
    {
        var (_, _, model) = Load(code);

        var shapes = model.Shapes();
        var edges = model.Edges();

        Assert.Equal(model.ProcessId, (string?)model.Document.Descendants(BpmnDi + "BPMNPlane").Single().Attribute("bpmnElement"));
        Assert.Empty(model.Nodes.Keys.Except(shapes.Keys));
        Assert.All(model.Flows, f => Assert.True(edges.GetValueOrDefault(f.Id) >= 2, $"{f.Id} has no edge with waypoints"));
        var solid = shapes.Where(s => model.Kind(s.Key) != "boundaryEvent").ToArray();
        Assert.All(solid, a => Assert.DoesNotContain(solid, b => a.Key != b.Key && a.Value.Overlaps(b.Value)));
        var mainX = model.MainPath().Select(n => shapes[Id(n)].CenterX).ToArray();
        Assert.Equal(mainX.Order(), mainX);
    }

    [Theory]
    [MemberData(nameof(Shipped.Codes), MemberType = typeof(Shipped))]
    public void The_workflows_called_ship_with_the_procedure_and_are_drawn_and_budgeted_like_it(string code)
    {
        var (procedure, _, model) = Load(code);

        var calls = model.OfKind("callActivity").Select(c => (string)c.Attribute("calledElement")!).ToHashSet();

        Assert.Equal(calls.Order(), model.Called.Keys.Order());
        Assert.Equal(procedure.CalledWorkflows.Length, model.Called.Count);
        foreach (var called in model.Called.Values)
        {
            Assert.Equal("true", (string?)called.Process.Attribute("isExecutable"));
            Assert.All(called.OfKind("userTask"), task =>
            {
                Assert.Contains(Dw_(task, "role") ?? "", Roles);
                Assert.False(string.IsNullOrWhiteSpace(Dw_(task, "unitScope")), $"{Id(task)} has no dw:unitScope");
                Assert.Matches("^[0-9]+$", Dw_(task, "durationDays") ?? "");
            });
            Assert.Equal("resolved", Dw_(called.MainPath()[^1], "result"));
            Assert.Empty(called.Nodes.Keys.Except(called.Reachable()));
            Assert.Empty(called.Nodes.Keys.Except(called.Shapes().Keys));

            // An error it throws is one the call activity catches.
            var thrown = called.OfKind("endEvent").Select(e => e.Element(Bpmn + "errorEventDefinition")).OfType<XElement>()
                .Select(d => ErrorCode(called, (string)d.Attribute("errorRef")!)).ToHashSet();
            var caught = model.OfKind("boundaryEvent").Select(b => b.Element(Bpmn + "errorEventDefinition")).OfType<XElement>()
                .Select(d => ErrorCode(model, (string)d.Attribute("errorRef")!)).ToHashSet();
            Assert.Subset(caught, thrown);
        }
    }

    [Theory]
    [MemberData(nameof(Shipped.Codes), MemberType = typeof(Shipped))]
    public void Departments_are_asked_at_once_exactly_where_reception_chooses_them(string code)
    {
        var (_, version, model) = Load(code);

        var consultations = model.OfKind("userTask").Where(IsMultiInstance).ToArray();

        if (!version.ConsultsDepartments)
        {
            Assert.Empty(consultations);
            return;
        }

        var consultation = Assert.Single(consultations);
        var loop = consultation.Element(Bpmn + "multiInstanceLoopCharacteristics")!;
        Assert.Equal("departments", (string?)loop.Attribute(Dw + "collection"));
        Assert.Equal("department", (string?)loop.Attribute(Dw + "elementVariable"));
        Assert.Equal("department:{department}", Dw_(consultation, "unitScope"));
        Assert.Contains(consultation, model.MainPath());
        // A reminder while opinions are awaited: a cycle beside the step, which it does not interrupt.
        var reminder = Assert.Single(model.BoundaryEvents(Id(consultation)));
        Assert.Equal("false", (string?)reminder.Attribute("cancelActivity"));
        Assert.NotNull(reminder.Element(Bpmn + "timerEventDefinition")?.Element(Bpmn + "timeCycle"));
    }

    private static string? ErrorCode(BpmnModel model, string errorId) =>
        (string?)model.Document.Root!.Elements(Bpmn + "error").Single(e => (string?)e.Attribute("id") == errorId).Attribute("errorCode");

    [Fact]
    public void A_malformed_definition_is_reported_by_the_xml_parser()
    {
        Assert.ThrowsAny<XmlException>(() => Parse("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">"));
    }

    [Fact]
    public void Additions_to_civil_status_take_a_same_day_path()
    {
        var (_, _, model) = Load("1.004859");

        var addition = model.Flows.Single(f => f.Condition == "requestKind == \"addition\"");

        Assert.Equal("userTask", model.Kind(addition.Target));
        Assert.Equal(0, model.Budget(model.Nodes[addition.Target]));
    }

    [GeneratedRegex("""^\s*[A-Za-z]\w*\s*==\s*"[^"]*"(\s*&&\s*[A-Za-z]\w*\s*==\s*"[^"]*")*\s*$""")]
    private static partial Regex ConditionLanguage();

    [GeneratedRegex(@"\boutcome\s*==\s*""([^""]*)""")]
    private static partial Regex OutcomeComparison();
}
