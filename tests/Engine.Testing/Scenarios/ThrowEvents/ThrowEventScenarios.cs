using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Handlers;
using DossierWorkflow.Engine.Persistence;
using static DossierWorkflow.Engine.Testing.ProcessBuilder;

namespace DossierWorkflow.Engine.Testing.Scenarios.ThrowEvents;

internal static class Workflows
{
    /// <summary>A dossier handed to another agency: a milestone, a message thrown on the way, a message end event telling the applicant.</summary>
    public static ExecutableDefinition HandOver(string transferHandler = "lgsp") => Process("hand-over")
        .Start().Milestone("received").UserTask("review").MessageThrow("transfer", transferHandler, ("agency", "cong-an"))
        .UserTask("confirm").MessageEnd("told", "sms", "resolved", ("template", "done"))
        .Build();
}

/// <summary>
/// Message intermediate throw and message end events are send steps: their message goes through the outbox in the
/// command that reaches them (an external handler) or runs in it (an in-transaction handler); a none throw event is a
/// milestone the token passes.
/// </summary>
public abstract class ThrowEventScenarios : ScenarioTest
{
    private readonly RecordingExternalHandler _lgsp = new("lgsp");
    private readonly RecordingExternalHandler _sms = new("sms");
    private readonly ScriptedHandler _record = new("record");

    protected override IEnumerable<IServiceTaskHandler> Handlers => [_record];

    protected override IEnumerable<IExternalTaskHandler> ExternalHandlers => [_lgsp, _sms];

    [Fact]
    public async Task A_thrown_message_goes_through_the_outbox_and_the_token_goes_on_at_once()
    {
        var instanceId = await Host.StartAsync(Workflows.HandOver(), businessKey: "H26-0001");
        var atReview = await Engine.GetPositionAsync(instanceId);

        var afterReview = await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await Host.OpenTaskAsync(instanceId, "review")).Id));
        var delivered = await Engine.DeliverOutboxAsync();

        Assert.Equal(["review"], atReview.ActiveElementIds);
        Assert.Equal(["confirm"], afterReview.ActiveElementIds);
        Assert.Equal(1, delivered);
        var message = Assert.Single(_lgsp.Deliveries);
        Assert.Equal(("H26-0001", "transfer", "cong-an"), (message.BusinessKey, message.ElementId, message.Parameters["agency"]));
        var journal = await Engine.GetJournalAsync(instanceId);
        Assert.Contains(journal, e => e.Kind == JournalEntryKind.NodeEntered && e.ElementId == "received");
        Assert.Contains(journal, e => e.Kind == JournalEntryKind.OutboxMessageQueued && e.ElementId == "transfer");
    }

    [Fact]
    public async Task A_message_end_event_sends_and_completes_the_instance_with_its_result()
    {
        var instanceId = await Host.StartAsync(Workflows.HandOver(), businessKey: "H26-0002");
        await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await Host.OpenTaskAsync(instanceId, "review")).Id));

        var ended = await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await Host.OpenTaskAsync(instanceId, "confirm")).Id));
        await Engine.DeliverOutboxAsync();

        Assert.Equal((InstanceStatus.Completed, "resolved"), (ended.Status, ended.Result));
        var told = Assert.Single(_sms.Deliveries);
        Assert.Equal(("told", "done"), (told.ElementId, told.Parameters["template"]));
    }

    [Fact]
    public async Task A_thrown_message_without_its_handler_waits_with_an_incident_and_goes_on_once_retried()
    {
        var instanceId = await Host.StartAsync(Workflows.HandOver(transferHandler: "record-unknown"));
        var stuck = await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await Host.OpenTaskAsync(instanceId, "review")).Id));

        var incident = Assert.Single(stuck.OpenIncidents);
        Assert.Equal((IncidentKind.HandlerMissing, "transfer"), (incident.Kind, incident.ElementId));
        Assert.Equal(["transfer"], stuck.ActiveElementIds);
    }

    [Fact]
    public async Task An_in_transaction_handler_of_a_thrown_message_runs_in_the_command_and_sets_variables()
    {
        var instanceId = await Host.StartAsync(Workflows.HandOver(transferHandler: "record"));

        var position = await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await Host.OpenTaskAsync(instanceId, "review")).Id));

        Assert.Equal(["confirm"], position.ActiveElementIds);
        Assert.True(position.Variables["recordDone"]!.GetValue<bool>());
        Assert.Contains(JournalEntryKind.ServiceTaskExecuted, await Host.JournalKindsAsync(instanceId));
    }
}
