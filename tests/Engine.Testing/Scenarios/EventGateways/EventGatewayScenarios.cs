using DossierWorkflow.Engine.Graph;
using static DossierWorkflow.Engine.Testing.ProcessBuilder;

namespace DossierWorkflow.Engine.Testing.Scenarios.EventGateways;

internal static class Workflows
{
    /// <summary>After a supplement request, whichever comes first: the supplement, a withdrawal, or the deadline (two hours here).</summary>
    public static ExecutableDefinition SupplementRace() => Process("supplement-race")
        .Start().EventBasedGateway("wait")
        .MessageCatch("supplemented", "supplement-received").UserTask("review").End("resolved", result: "resolved")
        .From("wait").MessageCatch("withdrawn", "withdrawal-requested").End("withdrawn-end", result: "withdrawn")
        .From("wait").TimerCatch("deadline", Duration(TimeSpan.FromHours(2))).End("refused", result: "refused")
        .Build();
}

/// <summary>
/// An event-based gateway waits for every event it leads to at once; the first to happen wins and takes the dossier
/// on, and the others are no longer waited for — a late message finds nobody, a later timer does not fire.
/// </summary>
public abstract class EventGatewayScenarios : ScenarioTest
{
    [Fact]
    public async Task The_message_that_comes_first_wins_and_the_timer_and_the_other_message_are_no_longer_waited_for()
    {
        var instanceId = await Host.StartAsync(Workflows.SupplementRace(), businessKey: "H26-0101");
        var waiting = await Engine.GetPositionAsync(instanceId);

        var supplement = await Engine.DeliverMessageAsync("supplement-received", "H26-0101");
        var withdrawal = await Engine.DeliverMessageAsync("withdrawal-requested", "H26-0101");
        Clock.Advance(TimeSpan.FromHours(3));
        var fired = await Engine.FireDueTimersAsync();

        Assert.Equal(["wait"], waiting.ActiveElementIds);
        Assert.True(supplement.Delivered);
        Assert.False(withdrawal.Delivered);
        Assert.Equal(0, fired);
        var position = await Engine.GetPositionAsync(instanceId);
        Assert.Equal(["review"], position.ActiveElementIds);
        var journal = await Engine.GetJournalAsync(instanceId);
        Assert.Contains(journal, e => e.Kind == JournalEntryKind.NodeLeft && e.ElementId == "wait" && e.Detail == "supplemented came first");
        Assert.Contains(journal, e => e.Kind == JournalEntryKind.NodeEntered && e.ElementId == "supplemented");
        Assert.DoesNotContain(journal, e => e.ElementId is "withdrawn" or "deadline" && e.Kind == JournalEntryKind.NodeEntered);
    }

    [Fact]
    public async Task The_timer_wins_when_no_message_came_in_time()
    {
        var instanceId = await Host.StartAsync(Workflows.SupplementRace(), businessKey: "H26-0102");

        Clock.Advance(TimeSpan.FromHours(2));
        var fired = await Engine.FireDueTimersAsync();
        var late = await Engine.DeliverMessageAsync("supplement-received", "H26-0102");

        Assert.Equal(1, fired);
        Assert.False(late.Delivered);
        var position = await Engine.GetPositionAsync(instanceId);
        Assert.Equal((InstanceStatus.Completed, "refused"), (position.Status, position.Result));
    }

    [Fact]
    public async Task Another_message_wins_on_another_branch()
    {
        var instanceId = await Host.StartAsync(Workflows.SupplementRace(), businessKey: "H26-0103");

        await Engine.DeliverMessageAsync("withdrawal-requested", "H26-0103");

        var position = await Engine.GetPositionAsync(instanceId);
        Assert.Equal((InstanceStatus.Completed, "withdrawn"), (position.Status, position.Result));
        Assert.Empty(await Engine.QueryWorkItemsAsync(new Persistence.WorkItemFilter { BusinessKey = "H26-0103" }));
    }
}
