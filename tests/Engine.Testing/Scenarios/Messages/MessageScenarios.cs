using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Persistence;
using static DossierWorkflow.Engine.Testing.ProcessBuilder;

namespace DossierWorkflow.Engine.Testing.Scenarios.Messages;

internal static class Workflows
{
    /// <summary>Waits for the supplement of the dossier, correlated by the variable <c>dossierCode</c>.</summary>
    public static ExecutableDefinition Supplement() => Process("supplement")
        .Start().ReceiveTask("await-supplement", "supplement-received", correlationKeyPath: "dossierCode").UserTask("recheck").End()
        .Build();

    /// <summary>Waits for payment correlated by business key; a withdrawal interrupts review and terminates.</summary>
    public static ExecutableDefinition PaymentAndWithdrawal() => Process("payment")
        .Start().MessageCatch("await-payment", "payment-received").UserTask("review").End("resolved", result: "resolved")
        .BoundaryMessage("withdrawn", attachedTo: "review", "withdrawal-requested")
        .TerminateEnd("withdrawn-end", result: "withdrawn")
        .Build();
}

public abstract class MessageScenarios : ScenarioTest
{
    [Fact]
    public async Task A_message_reaches_only_the_instance_with_the_matching_correlation_key_and_merges_its_variables()
    {
        var definition = Workflows.Supplement();
        var mine = await Host.StartAsync(definition, variables: new() { ["dossierCode"] = "H12-0001" });
        var other = await Host.StartAsync(definition, variables: new() { ["dossierCode"] = "H12-0002" });

        var delivery = await Engine.DeliverMessageAsync("supplement-received", "H12-0001", new() { ["documents"] = 3 }, actor: "citizen");

        Assert.Equal([mine], delivery.InstanceIds);
        var position = await Engine.GetPositionAsync(mine);
        Assert.Equal(["recheck"], position.ActiveElementIds);
        Assert.Equal(3, position.Variables["documents"]!.GetValue<int>());
        Assert.Equal(["await-supplement"], (await Engine.GetPositionAsync(other)).ActiveElementIds);
        var received = Assert.Single(await Engine.GetJournalAsync(mine), e => e.Kind == JournalEntryKind.MessageReceived);
        Assert.Equal("citizen", received.Actor);
    }

    [Fact]
    public async Task A_message_nobody_waits_for_is_reported_as_not_delivered()
    {
        await Host.StartAsync(Workflows.Supplement(), variables: new() { ["dossierCode"] = "H12-0001" });

        var delivery = await Engine.DeliverMessageAsync("supplement-received", "H12-9999");

        Assert.False(delivery.Delivered);
    }

    [Fact]
    public async Task A_message_catch_event_correlates_by_business_key_and_is_consumed_once()
    {
        var instanceId = await Host.StartAsync(Workflows.PaymentAndWithdrawal(), businessKey: "H12-0003");

        var first = await Engine.DeliverMessageAsync("payment-received", "H12-0003");
        var second = await Engine.DeliverMessageAsync("payment-received", "H12-0003");

        Assert.True(first.Delivered);
        Assert.False(second.Delivered);
        Assert.Equal(["review"], (await Engine.GetPositionAsync(instanceId)).ActiveElementIds);
    }

    [Fact]
    public async Task An_interrupting_boundary_message_cancels_the_task_and_a_terminate_end_ends_the_instance_with_its_result()
    {
        var instanceId = await Host.StartAsync(Workflows.PaymentAndWithdrawal(), businessKey: "H12-0004");
        await Engine.DeliverMessageAsync("payment-received", "H12-0004");
        var review = await Host.OpenTaskAsync(instanceId, "review");

        await Engine.DeliverMessageAsync("withdrawal-requested", "H12-0004");

        var position = await Engine.GetPositionAsync(instanceId);
        Assert.Equal((InstanceStatus.Terminated, "withdrawn"), (position.Status, position.Result));
        Assert.Equal(WorkItemStatus.Cancelled, (await Engine.GetWorkItemAsync(review.Id)).Status);
        Assert.Equal(JournalEntryKind.InstanceTerminated, (await Host.JournalKindsAsync(instanceId))[^1]);
    }

    [Fact]
    public async Task A_missing_correlation_variable_raises_an_incident_instead_of_waiting_forever()
    {
        var instanceId = await Host.StartAsync(Workflows.Supplement());

        var incident = Assert.Single((await Engine.GetPositionAsync(instanceId)).OpenIncidents);

        Assert.Equal((IncidentKind.EvaluationFailed, "await-supplement"), (incident.Kind, incident.ElementId));
        Assert.Contains("dossierCode", incident.Message);
    }

    [Fact]
    public async Task Retrying_a_correlation_incident_with_the_variable_set_makes_the_task_wait_for_its_message()
    {
        var instanceId = await Host.StartAsync(Workflows.Supplement());
        var incident = Assert.Single((await Engine.GetPositionAsync(instanceId)).OpenIncidents);

        var retried = await Engine.RetryIncidentAsync(incident.Id, new() { ["dossierCode"] = "H12-0009" });
        var delivery = await Engine.DeliverMessageAsync("supplement-received", "H12-0009");

        Assert.Empty(retried.OpenIncidents);
        Assert.Equal([instanceId], delivery.InstanceIds);
        Assert.Equal(["recheck"], (await Engine.GetPositionAsync(instanceId)).ActiveElementIds);
    }
}
