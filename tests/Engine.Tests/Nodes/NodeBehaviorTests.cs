using System.Text.Json.Nodes;
using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Nodes;
using DossierWorkflow.Engine.Testing;
using DossierWorkflow.Engine.Timers;
using static DossierWorkflow.Engine.Testing.ProcessBuilder;

namespace DossierWorkflow.Engine.Tests.Nodes;

/// <summary>Each behaviour on its own: given a node and a context, which instructions come back.</summary>
public sealed class NodeBehaviorTests
{
    private static readonly DateTimeOffset Now = FakeTimeProvider.MondayMorning;

    [Fact]
    public void A_start_event_leaves_along_its_outgoing_flow()
    {
        var definition = Process("p").Start().End().Build();

        var instructions = Enter(definition["start"]);

        Assert.Equal(["start->end"], FlowsOf(Assert.IsType<TakeFlows>(Assert.Single(instructions))));
    }

    [Fact]
    public void A_none_end_event_completes_the_token_with_its_result()
    {
        var definition = Process("p").Start().End("end", result: "resolved").Build();

        Assert.Equal(new CompleteToken("resolved"), Assert.Single(Enter(definition["end"])));
    }

    [Fact]
    public void A_terminate_end_event_terminates_the_instance_with_its_result()
    {
        var definition = Process("p").Start().TerminateEnd("stop", result: "refused").Build();

        Assert.Equal(new TerminateInstance("refused"), Assert.Single(Enter(definition["stop"])));
    }

    [Fact]
    public void A_user_task_creates_a_work_item_due_on_the_calendar_and_arms_its_boundary_timer()
    {
        var definition = Process("p").Start().UserTask("review", durationDays: 3).End()
            .BoundaryTimer("late", "review", Duration(TimeSpan.FromHours(4))).End("late-end")
            .Build();

        var instructions = Enter(definition["review"]);

        var create = Assert.IsType<CreateWorkItem>(instructions[0]);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 17, 0, 0, TimeSpan.Zero), create.DueAt);
        Assert.Equal(new ScheduleTimer("late", Now.AddHours(4)), instructions[1]);
        Assert.Equal(2, instructions.Count);
    }

    [Fact]
    public void A_user_task_without_a_budget_has_no_due_date_and_leaves_when_completed()
    {
        var definition = Process("p").Start().UserTask("review").End().Build();

        var create = Assert.IsType<CreateWorkItem>(Assert.Single(Enter(definition["review"])));
        var resumed = Resume(definition["review"], new TaskCompletedSignal("approve"));

        Assert.Null(create.DueAt);
        Assert.Equal(["review->end"], FlowsOf(Assert.IsType<TakeFlows>(Assert.Single(resumed))));
    }

    [Fact]
    public void A_service_task_asks_for_its_handler_and_leaves_once_it_succeeded()
    {
        var definition = Process("p").Start().ServiceTask("notify", "sms").End().Build();

        var invoke = Assert.IsType<InvokeHandler>(Assert.Single(Enter(definition["notify"])));
        var resumed = Resume(definition["notify"], ResumeSignal.HandlerSucceeded);

        Assert.Equal("sms", invoke.Step.Handler);
        Assert.IsType<TakeFlows>(Assert.Single(resumed));
    }

    [Fact]
    public void A_receive_task_subscribes_with_the_correlation_key_read_from_the_variables()
    {
        var definition = Process("p").Start().ReceiveTask("wait", "supplement", "dossier.code").End().Build();

        var instructions = Enter(definition["wait"], new JsonObject { ["dossier"] = new JsonObject { ["code"] = "H12-1" } });

        Assert.Equal(new SubscribeToMessage("wait", "supplement", "H12-1"), Assert.Single(instructions));
    }

    [Fact]
    public void A_timer_catch_event_schedules_its_timer_and_a_message_catch_event_subscribes_by_business_key()
    {
        var definition = Process("p").Start().TimerCatch("pause", Duration(TimeSpan.FromMinutes(90))).MessageCatch("paid", "payment").End().Build();

        Assert.Equal(new ScheduleTimer("pause", Now.AddMinutes(90)), Assert.Single(Enter(definition["pause"])));
        Assert.Equal(new SubscribeToMessage("paid", "payment", "BK-1"), Assert.Single(Enter(definition["paid"], businessKey: "BK-1")));
        Assert.IsType<TakeFlows>(Assert.Single(Resume(definition["pause"], new TimerFiredSignal(DateTimeOffset.UnixEpoch, 0))));
    }

    [Fact]
    public void An_interrupting_boundary_event_interrupts_its_activity_and_a_non_interrupting_one_branches()
    {
        var definition = Process("p").Start().UserTask("review").End()
            .BoundaryTimer("stop", "review", Duration(TimeSpan.FromDays(1))).End("stopped")
            .BoundaryMessage("note", "review", "note", interrupting: false).End("noted")
            .Build();

        var interrupting = Resume(definition["stop"], new TimerFiredSignal(DateTimeOffset.UnixEpoch, 0));
        var branching = Resume(definition["note"], new MessageReceivedSignal("note"));

        Assert.Equal(new InterruptActivity("stop"), interrupting[0]);
        Assert.Equal(["stop->stopped"], FlowsOf(Assert.IsType<TakeFlows>(interrupting[1])));
        Assert.Equal(new BranchFromActivity("note"), branching[0]);
        Assert.IsType<RaiseIncident>(Assert.Single(Enter(definition["stop"])));
    }

    [Fact]
    public void An_exclusive_gateway_takes_the_first_true_flow_then_the_default_and_otherwise_raises_an_incident()
    {
        var definition = Process("p").Start().ExclusiveGateway("g")
            .When(TestCondition.IsTrue("a")).End("a")
            .From("g").When(TestCondition.IsTrue("b")).End("b")
            .From("g").Otherwise().End("other")
            .Build();
        var noDefault = Process("q").Start().ExclusiveGateway("g").When(TestCondition.IsTrue("a")).End("a").Build();

        Assert.Equal(["g->a"], FlowsOf(Assert.IsType<TakeFlows>(Assert.Single(Enter(definition["g"], new() { ["a"] = true, ["b"] = true })))));
        Assert.Equal(["g->other"], FlowsOf(Assert.IsType<TakeFlows>(Assert.Single(Enter(definition["g"])))));
        Assert.Equal(IncidentKind.NoMatchingFlow, Assert.IsType<RaiseIncident>(Assert.Single(Enter(noDefault["g"]))).Kind);
    }

    [Fact]
    public void A_condition_that_cannot_be_evaluated_raises_an_incident_naming_the_flow()
    {
        var definition = Process("p").Start().ExclusiveGateway("g").When(TestCondition.Throws("boom")).End().Build();

        var incident = Assert.IsType<RaiseIncident>(Assert.Single(Enter(definition["g"])));

        Assert.Equal(IncidentKind.EvaluationFailed, incident.Kind);
        Assert.Contains("g->end", incident.Message);
    }

    [Fact]
    public void A_parallel_join_waits_until_a_token_arrived_on_every_incoming_flow_then_merges()
    {
        var definition = Process("p").Start().ParallelGateway("fork").UserTask("a").ParallelGateway("join").End()
            .From("fork").UserTask("b").ConnectTo("join")
            .Build();
        var join = definition["join"];
        var fromA = new TokenView(Guid.NewGuid(), "join", TokenStatus.Active, "a->join");
        var waitingFromB = new TokenView(Guid.NewGuid(), "join", TokenStatus.Joining, "b->join");

        var alone = Enter(join, token: fromA, others: []);
        var complete = Enter(join, token: fromA, others: [waitingFromB]);

        Assert.IsType<WaitForJoin>(Assert.Single(alone));
        Assert.Equal([waitingFromB.Id], Assert.IsType<MergeTokens>(complete[0]).TokenIds);
        Assert.Equal(["join->end"], FlowsOf(Assert.IsType<TakeFlows>(complete[1])));
        Assert.Equal(["fork->a", "fork->b"], FlowsOf(Assert.IsType<TakeFlows>(Assert.Single(Enter(definition["fork"])))));
    }

    [Fact]
    public void An_inclusive_gateway_forks_to_all_true_flows()
    {
        var definition = InclusiveDiamond();

        var fork = Enter(definition["split"], new() { ["a"] = true, ["b"] = true });

        Assert.Equal(["split->ta", "split->tb"], FlowsOf(Assert.IsType<TakeFlows>(Assert.Single(fork))));
    }

    [Fact]
    public void An_inclusive_join_waits_while_another_token_can_still_reach_it_and_merges_when_none_can()
    {
        var definition = InclusiveDiamond();
        var merge = definition["merge"];
        var arrived = new TokenView(Guid.NewGuid(), "merge", TokenStatus.Active, "ta->merge");
        var stillOnB = new TokenView(Guid.NewGuid(), "tb", TokenStatus.Waiting, null);
        var waitingFromB = new TokenView(Guid.NewGuid(), "merge", TokenStatus.Joining, "tb->merge");

        var whileBRuns = EnterGraph(definition, merge, arrived, [stillOnB]);
        var afterB = EnterGraph(definition, merge, arrived, [waitingFromB]);
        var alone = EnterGraph(definition, merge, arrived, []);

        Assert.IsType<WaitForJoin>(Assert.Single(whileBRuns));
        Assert.Equal([waitingFromB.Id], Assert.IsType<MergeTokens>(afterB[0]).TokenIds);
        Assert.Equal(["merge->end"], FlowsOf(Assert.IsType<TakeFlows>(afterB[1])));
        Assert.Empty(Assert.IsType<MergeTokens>(alone[0]).TokenIds);
    }

    private static ExecutableDefinition InclusiveDiamond() => Process("p").Start().InclusiveGateway("split")
        .When(TestCondition.IsTrue("a")).UserTask("ta").InclusiveGateway("merge").End()
        .From("split").When(TestCondition.IsTrue("b")).UserTask("tb").ConnectTo("merge")
        .Build();

    private static IReadOnlyList<NodeInstruction> EnterGraph(ExecutableDefinition definition, ExecutableNode node, TokenView token, IReadOnlyList<TokenView> others) =>
        NodeBehaviors.For(node).Enter(new NodeContext(node, token, [token, .. others], [], null, Now, new WeekendOnlyCalendar(), id => definition[id]));

    [Fact]
    public void Resuming_an_element_that_does_not_wait_is_a_programming_error()
    {
        var definition = Process("p").Start().End().Build();

        Assert.Throws<InvalidOperationException>(() => Resume(definition["start"], new TimerFiredSignal(DateTimeOffset.UnixEpoch, 0)));
    }

    private static IReadOnlyList<NodeInstruction> Enter(
        ExecutableNode node, JsonObject? variables = null, string? businessKey = null, TokenView? token = null, IReadOnlyList<TokenView>? others = null) =>
        NodeBehaviors.For(node).Enter(Context(node, variables, businessKey, token, others));

    private static IReadOnlyList<NodeInstruction> Resume(ExecutableNode node, ResumeSignal signal) =>
        NodeBehaviors.For(node).Resume(Context(node, null, null, null, null), signal);

    private static NodeContext Context(ExecutableNode node, JsonObject? variables, string? businessKey, TokenView? token, IReadOnlyList<TokenView>? others)
    {
        var current = token ?? new TokenView(Guid.NewGuid(), node.Id, TokenStatus.Active, null);
        return new NodeContext(node, current, [current, .. others ?? []], variables ?? [], businessKey, Now, new WeekendOnlyCalendar());
    }

    private static string[] FlowsOf(TakeFlows take) => [.. take.Flows.Select(f => f.Id)];
}
