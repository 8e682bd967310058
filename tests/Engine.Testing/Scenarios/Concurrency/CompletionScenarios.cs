using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Persistence;
using static DossierWorkflow.Engine.Testing.ProcessBuilder;

namespace DossierWorkflow.Engine.Testing.Scenarios.Concurrency;

internal static class Workflows
{
    public static ExecutableDefinition Decision() => Process("decision")
        .Start().UserTask("decide", outcomes: ["approve", "reject"], name: "Decide").UserTask("next").End()
        .Build();
}

/// <summary>Racing and repeated completions: one transition per task, whatever the timing.</summary>
public abstract class CompletionScenarios : ScenarioTest
{
    private RendezvousStore? _rendezvous;

    protected override IWorkflowStore Decorate(IWorkflowStore store) => _rendezvous = new RendezvousStore(store);

    [Fact]
    public async Task Two_concurrent_completions_of_the_same_task_let_exactly_one_win_in_every_round()
    {
        var definition = Workflows.Decision();
        await Engine.DeployAsync(definition);
        var conflicts = 0;
        for (var round = 0; round < 100; round++)
        {
            var started = await Engine.StartAsync(new StartInstance(definition.Key));
            var taskId = Assert.Single(started.OpenWorkItems).Id;
            using var gate = new Barrier(2);

            // Even rounds force both commands to load the same version before either writes; odd rounds race freely.
            _rendezvous!.Participants = round % 2 == 0 ? 2 : null;
            var outcomes = await Task.WhenAll(
                Task.Run(() => CompleteAsync(taskId, "an", gate)),
                Task.Run(() => CompleteAsync(taskId, "binh", gate)));
            _rendezvous.Participants = null;

            Assert.Single(outcomes, o => o is null);
            Assert.Single(outcomes, o => o is WorkflowConcurrencyException or WorkItemClosedException);
            conflicts += outcomes.Count(o => o is WorkflowConcurrencyException);
            var journal = await Engine.GetJournalAsync(started.InstanceId);
            Assert.Single(journal, e => e.Kind == JournalEntryKind.TaskCompleted);
            Assert.Single(journal, e => e.Kind == JournalEntryKind.TaskCreated && e.ElementId == "next");
        }

        Assert.True(conflicts >= 50, $"Only {conflicts} rounds really raced.");
    }

    [Fact]
    public async Task A_task_read_and_handed_to_its_completion_moves_the_instance_on()
    {
        await Engine.DeployAsync(Workflows.Decision());
        var started = await Engine.StartAsync(new StartInstance("decision"));
        var read = await Engine.ReadWorkItemAsync(Assert.Single(started.OpenWorkItems).Id);

        var position = await Engine.CompleteWorkItemAsync(new CompleteWorkItem(read.Item.Id) { Outcome = "approve", Actor = "an", Read = read });

        Assert.Equal(("decide", WorkItemStatus.Open), (read.Item.ElementId, read.Item.Status));
        Assert.Equal("next", Assert.Single(position.OpenWorkItems).ElementId);
        Assert.Equal(WorkItemStatus.Completed, (await Engine.GetWorkItemAsync(read.Item.Id)).Status);
    }

    [Fact]
    public async Task A_task_read_that_went_stale_fails_its_command_as_a_conflict_and_writes_nothing()
    {
        await Engine.DeployAsync(Workflows.Decision());
        var started = await Engine.StartAsync(new StartInstance("decision"));
        var read = await Engine.ReadWorkItemAsync(Assert.Single(started.OpenWorkItems).Id);
        await Engine.ClaimWorkItemAsync(read.Item.Id, "binh");

        await Assert.ThrowsAsync<WorkflowConcurrencyException>(() =>
            Engine.CompleteWorkItemAsync(new CompleteWorkItem(read.Item.Id) { Outcome = "approve", Actor = "an", Read = read }));

        var task = await Engine.GetWorkItemAsync(read.Item.Id);
        Assert.Equal((WorkItemStatus.Open, "binh"), (task.Status, task.Assignee));
        Assert.DoesNotContain(await Engine.GetJournalAsync(started.InstanceId), e => e.Kind == JournalEntryKind.TaskCompleted);
        var retried = await Engine.ClaimWorkItemAsync(await Engine.ReadWorkItemAsync(read.Item.Id), "binh");
        Assert.Equal("binh", retried.Assignee);
    }

    [Fact]
    public async Task Completing_a_task_twice_is_rejected()
    {
        await Engine.DeployAsync(Workflows.Decision());
        var started = await Engine.StartAsync(new StartInstance("decision"));
        var task = Assert.Single(started.OpenWorkItems);
        await Engine.CompleteWorkItemAsync(new CompleteWorkItem(task.Id) { Outcome = "approve", Actor = "an" });

        var error = await Assert.ThrowsAsync<WorkItemClosedException>(() => Engine.CompleteWorkItemAsync(new CompleteWorkItem(task.Id) { Outcome = "reject" }));

        Assert.Equal("work-item-completed", error.Code);
        Assert.Contains("'Decide'", error.Message);
        Assert.Contains("by an", error.Message);
        Assert.Single(await Engine.GetJournalAsync(started.InstanceId), e => e.Kind == JournalEntryKind.TaskCompleted);
    }

    [Fact]
    public async Task An_outcome_the_task_does_not_offer_is_rejected_and_changes_nothing()
    {
        await Engine.DeployAsync(Workflows.Decision());
        var started = await Engine.StartAsync(new StartInstance("decision"));
        var task = Assert.Single(started.OpenWorkItems);

        var wrong = await Assert.ThrowsAsync<OutcomeNotOfferedException>(() => Engine.CompleteWorkItemAsync(new CompleteWorkItem(task.Id) { Outcome = "maybe" }));
        var missing = await Assert.ThrowsAsync<OutcomeNotOfferedException>(() => Engine.CompleteWorkItemAsync(new CompleteWorkItem(task.Id)));

        Assert.Equal("outcome-not-offered", wrong.Code);
        Assert.Contains("'approve', 'reject'", wrong.Message);
        Assert.Equal(["approve", "reject"], missing.Offered);
        var position = await Engine.GetPositionAsync(started.InstanceId);
        Assert.Equal((started.Version, WorkItemStatus.Open), (position.Version, Assert.Single(position.OpenWorkItems).Status));
    }

    [Fact]
    public async Task Completing_an_unknown_task_is_rejected()
    {
        var unknown = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<WorkItemNotFoundException>(() => Engine.CompleteWorkItemAsync(new CompleteWorkItem(unknown)));

        Assert.Equal(("work-item-not-found", unknown), (error.Code, error.WorkItemId));
        Assert.Contains(unknown.ToString(), error.Message);
    }

    private async Task<Exception?> CompleteAsync(Guid taskId, string officer, Barrier gate)
    {
        gate.SignalAndWait(TimeSpan.FromSeconds(10));
        try
        {
            await Engine.CompleteWorkItemAsync(new CompleteWorkItem(taskId) { Outcome = "approve", Actor = officer });
            return null;
        }
        catch (WorkflowException exception)
        {
            return exception;
        }
    }
}
