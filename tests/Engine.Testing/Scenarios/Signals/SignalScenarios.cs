using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Runtime;
using static DossierWorkflow.Engine.Testing.BpmnText;

namespace DossierWorkflow.Engine.Testing.Scenarios.Signals;

internal static class Workflows
{
    private const string LawChanged = """<signal id="LawChanged" name="law-changed" />""";

    /// <summary>The dossier waits for the new regulation to be published before it goes on.</summary>
    public static ExecutableDefinition WaitForTheLaw() => Compile("wait-for-law", $"""
        <startEvent id="start" />
        <intermediateCatchEvent id="published"><signalEventDefinition signalRef="LawChanged" /></intermediateCatchEvent>
        <userTask id="apply" dw:role="specialist" />
        <endEvent id="end" />
        {Chain("start", "published", "apply", "end")}
        """, LawChanged);

    /// <summary>While the specialist works, a change of law adds a re-check beside the work (non-interrupting signal boundary event).</summary>
    public static ExecutableDefinition RecheckOnLawChange() => Compile("recheck-on-law", $"""
        <startEvent id="start" />
        <userTask id="work" dw:role="specialist" />
        <boundaryEvent id="law" attachedToRef="work" cancelActivity="false"><signalEventDefinition signalRef="LawChanged" /></boundaryEvent>
        <userTask id="recheck" dw:role="specialist" />
        <endEvent id="end" />
        <endEvent id="rechecked" />
        {Chain("start", "work", "end")}
        {Chain("law", "recheck", "rechecked")}
        """, LawChanged);

    /// <summary>The legal department publishes the change: a signal end event.</summary>
    public static ExecutableDefinition PublishTheLaw() => Compile("publish-law", $"""
        <startEvent id="start" />
        <userTask id="draft" dw:role="leader" />
        <endEvent id="publish"><signalEventDefinition signalRef="LawChanged" /></endEvent>
        {Chain("start", "draft", "publish")}
        """, LawChanged);

    /// <summary>The smallest waiting instance, for broadcasts to many.</summary>
    public static ExecutableDefinition Waiting() => Compile("signal-waiting", $"""
        <startEvent id="start" />
        <intermediateCatchEvent id="published"><signalEventDefinition signalRef="LawChanged" /></intermediateCatchEvent>
        <endEvent id="end" />
        {Chain("start", "published", "end")}
        """, LawChanged);
}

/// <summary>
/// Signals: broadcast to every instance waiting for them when they are sent (catch and boundary events), thrown by a
/// workflow and delivered through the outbox, and reaching a thousand instances in bounded batches.
/// </summary>
public abstract class SignalScenarios : ScenarioTest
{
    [Fact]
    public async Task A_broadcast_reaches_every_instance_waiting_for_it_then_and_no_later_one()
    {
        var first = await Host.StartAsync(Workflows.WaitForTheLaw());
        var second = await Host.StartAsync(Workflows.WaitForTheLaw());
        var sentAt = Clock.GetUtcNow();
        Clock.Advance(TimeSpan.FromMinutes(1));
        var later = await Host.StartAsync(Workflows.WaitForTheLaw());

        var broadcast = await Engine.BroadcastSignalAsync("law-changed", sentAt: sentAt, actor: "admin");

        Assert.Equal(new[] { first, second }.Order(), broadcast.InstanceIds.Order());
        Assert.Equal(["apply"], (await Engine.GetPositionAsync(first)).ActiveElementIds);
        Assert.Equal(["published"], (await Engine.GetPositionAsync(later)).ActiveElementIds);
        Assert.Contains(await Engine.GetJournalAsync(first), e => e.Kind == JournalEntryKind.SignalReceived && e.ElementId == "published");
    }

    [Fact]
    public async Task A_signal_a_workflow_throws_reaches_the_others_through_the_outbox()
    {
        var working = await Host.StartAsync(Workflows.RecheckOnLawChange());
        var publisher = await Host.StartAsync(Workflows.PublishTheLaw());

        var done = await Engine.CompleteWorkItemAsync(new CompleteWorkItem((await Host.OpenTaskAsync(publisher, "draft")).Id) { Actor = "ld" });
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Equal(["work"], (await Engine.GetPositionAsync(working)).ActiveElementIds);

        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await Engine.DeliverOutboxAsync());

        Assert.Equal(["recheck", "work"], (await Engine.GetPositionAsync(working)).OpenWorkItems.Select(w => w.ElementId).Order());
        // Delivered again (at least once), it finds nothing more to do.
        Assert.Empty((await Engine.BroadcastSignalAsync("law-changed", sentAt: Clock.GetUtcNow().AddSeconds(-1))).InstanceIds);
    }

    [Fact]
    public async Task A_signal_reaches_a_thousand_waiting_instances_in_bounded_batches()
    {
        var definition = Workflows.Waiting();
        for (var i = 0; i < 1000; i++)
        {
            await Host.StartAsync(definition);
        }

        var broadcast = await Host.Worker("broadcaster", batchSize: 100).BroadcastSignalAsync("law-changed");

        Assert.Equal(1000, broadcast.InstanceIds.Distinct().Count());
        // Ten full batches of waits, then one read that finds none left.
        Assert.Equal(11, broadcast.Batches);
        Assert.Empty((await Engine.BroadcastSignalAsync("law-changed")).InstanceIds);
    }
}
