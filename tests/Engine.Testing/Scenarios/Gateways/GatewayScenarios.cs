using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Persistence;
using static DossierWorkflow.Engine.Testing.ProcessBuilder;

namespace DossierWorkflow.Engine.Testing.Scenarios.Gateways;

internal static class Workflows
{
    /// <summary>Route by delivery method: post → postal task, counter → counter task, otherwise (default or none) as given.</summary>
    public static ExecutableDefinition Routing(bool withDefault) => Process(withDefault ? "routing" : "routing-no-default")
        .Start()
        .ExclusiveGateway("route")
        .When(TestCondition.Is("delivery", "post")).UserTask("postal").End("postal-end")
        .From("route").When(TestCondition.IsTrue("urgent")).UserTask("urgent").End("urgent-end")
        .From("route").When(TestCondition.Is("delivery", "counter")).UserTask("counter").End("counter-end")
        .Apply(b => withDefault ? b.From("route").Otherwise().UserTask("manual").End("manual-end") : b)
        .Build();

    /// <summary>Fork to verification and fee checks, join, then decide.</summary>
    public static ExecutableDefinition ParallelChecks() => Process("parallel-checks")
        .Start()
        .ParallelGateway("fork")
        .UserTask("verify", role: "specialist").ParallelGateway("join")
        .From("fork").UserTask("fee", role: "accountant").ConnectTo("join")
        .UserTask("decide", role: "leader")
        .End()
        .Build();

    public static ExecutableDefinition InclusiveNotifications() => Process("inclusive")
        .Start()
        .InclusiveGateway("notify")
        .When(TestCondition.IsTrue("sms")).UserTask("sms-task").End("sms-end")
        .From("notify").When(TestCondition.IsTrue("email")).UserTask("email-task").End("email-end")
        .From("notify").Otherwise().UserTask("letter-task").End("letter-end")
        .Build();

    /// <summary>Optional checks a and b, joined; check b may also end the dossier on its own ("withdrawn").</summary>
    public static ExecutableDefinition InclusiveJoin() => Process("inclusive-join")
        .Start()
        .InclusiveGateway("split")
        .When(TestCondition.IsTrue("a")).UserTask("a-task").InclusiveGateway("merge").End("done", result: "joined")
        .From("split").When(TestCondition.IsTrue("b")).UserTask("b-task", outcomes: ["ok", "withdraw"]).ExclusiveGateway("b-result")
        .When(TestCondition.Is("outcome", "withdraw")).End("b-withdrawn")
        .From("b-result").Otherwise().ConnectTo("merge")
        .Build();

    private static ProcessBuilder Apply(this ProcessBuilder builder, Func<ProcessBuilder, ProcessBuilder> step) => step(builder);
}

public abstract class GatewayScenarios : ScenarioTest
{
    [Fact]
    public async Task An_exclusive_gateway_takes_the_first_flow_whose_condition_holds_in_document_order()
    {
        var instanceId = await Host.StartAsync(Workflows.Routing(withDefault: true), variables: new() { ["delivery"] = "counter", ["urgent"] = true });

        Assert.Equal(["urgent"], (await Engine.GetPositionAsync(instanceId)).ActiveElementIds);
    }

    [Fact]
    public async Task An_exclusive_gateway_takes_the_default_flow_when_no_condition_holds()
    {
        var instanceId = await Host.StartAsync(Workflows.Routing(withDefault: true), variables: new() { ["delivery"] = "online" });

        Assert.Equal(["manual"], (await Engine.GetPositionAsync(instanceId)).ActiveElementIds);
    }

    [Fact]
    public async Task An_exclusive_gateway_without_match_or_default_raises_an_incident_that_a_retry_with_variables_resolves()
    {
        var instanceId = await Host.StartAsync(Workflows.Routing(withDefault: false), variables: new() { ["delivery"] = "online" });
        var stuck = await Engine.GetPositionAsync(instanceId);
        var incident = Assert.Single(stuck.OpenIncidents);

        var retried = await Engine.RetryIncidentAsync(incident.Id, new() { ["delivery"] = "post" }, actor: "admin");

        Assert.Equal((IncidentKind.NoMatchingFlow, "route", InstanceStatus.Running), (incident.Kind, incident.ElementId, stuck.Status));
        Assert.Contains("no default flow", incident.Message);
        Assert.Equal(["postal"], retried.ActiveElementIds);
        Assert.Empty(retried.OpenIncidents);
        Assert.Equal(IncidentStatus.Resolved, Assert.Single(await Engine.QueryIncidentsAsync(new IncidentFilter { Status = null, InstanceId = instanceId })).Status);
        Assert.Contains(JournalEntryKind.IncidentResolved, await Host.JournalKindsAsync(instanceId));
    }

    [Fact]
    public async Task A_parallel_gateway_forks_to_every_branch_and_joins_when_all_have_arrived()
    {
        var instanceId = await Host.StartAsync(Workflows.ParallelChecks());
        var forked = await Engine.GetPositionAsync(instanceId);
        var verify = forked.OpenWorkItems.Single(w => w.ElementId == "verify");
        var fee = forked.OpenWorkItems.Single(w => w.ElementId == "fee");

        var afterVerify = await Engine.CompleteWorkItemAsync(new CompleteWorkItem(verify.Id));
        var afterFee = await Engine.CompleteWorkItemAsync(new CompleteWorkItem(fee.Id));

        Assert.Equal(["fee", "verify"], forked.ActiveElementIds);
        Assert.Equal(["fee", "join"], afterVerify.ActiveElementIds);
        Assert.Equal("decide", Assert.Single(afterFee.OpenWorkItems).ElementId);
        Assert.Equal(["decide"], afterFee.ActiveElementIds);
        var decide = Assert.Single(afterFee.OpenWorkItems);
        Assert.Equal(InstanceStatus.Completed, (await Engine.CompleteWorkItemAsync(new CompleteWorkItem(decide.Id))).Status);
    }

    [Fact]
    public async Task An_inclusive_gateway_forks_to_every_flow_whose_condition_holds()
    {
        var instanceId = await Host.StartAsync(Workflows.InclusiveNotifications(), variables: new() { ["sms"] = true, ["email"] = true });

        Assert.Equal(["email-task", "sms-task"], (await Engine.GetPositionAsync(instanceId)).ActiveElementIds);
    }

    [Fact]
    public async Task An_inclusive_gateway_takes_the_default_flow_when_no_condition_holds()
    {
        var instanceId = await Host.StartAsync(Workflows.InclusiveNotifications());

        Assert.Equal(["letter-task"], (await Engine.GetPositionAsync(instanceId)).ActiveElementIds);
    }

    [Fact]
    public async Task An_inclusive_join_waits_for_every_branch_that_was_taken()
    {
        var instanceId = await Host.StartAsync(Workflows.InclusiveJoin(), variables: new() { ["a"] = true, ["b"] = true });
        var a = await Host.OpenTaskAsync(instanceId, "a-task");
        var b = await Host.OpenTaskAsync(instanceId, "b-task");

        var afterA = await Engine.CompleteWorkItemAsync(new CompleteWorkItem(a.Id));
        var afterB = await Engine.CompleteWorkItemAsync(new CompleteWorkItem(b.Id) { Outcome = "ok" });

        Assert.Equal(["b-task", "merge"], afterA.ActiveElementIds);
        Assert.Equal((InstanceStatus.Completed, "joined"), (afterB.Status, afterB.Result));
    }

    [Fact]
    public async Task An_inclusive_join_passes_at_once_when_only_one_branch_was_taken()
    {
        var instanceId = await Host.StartAsync(Workflows.InclusiveJoin(), variables: new() { ["a"] = true });
        var a = await Host.OpenTaskAsync(instanceId, "a-task");

        var position = await Engine.CompleteWorkItemAsync(new CompleteWorkItem(a.Id));

        Assert.Equal((InstanceStatus.Completed, "joined"), (position.Status, position.Result));
    }

    [Fact]
    public async Task An_inclusive_join_is_released_when_the_other_branch_ends_elsewhere()
    {
        var instanceId = await Host.StartAsync(Workflows.InclusiveJoin(), variables: new() { ["a"] = true, ["b"] = true });
        var a = await Host.OpenTaskAsync(instanceId, "a-task");
        var b = await Host.OpenTaskAsync(instanceId, "b-task");
        await Engine.CompleteWorkItemAsync(new CompleteWorkItem(a.Id));

        var position = await Engine.CompleteWorkItemAsync(new CompleteWorkItem(b.Id) { Outcome = "withdraw" });

        Assert.Equal(InstanceStatus.Completed, position.Status);
        Assert.Contains(await Engine.GetJournalAsync(instanceId), e => e.Kind == JournalEntryKind.NodeLeft && e.ElementId == "merge");
    }
}
