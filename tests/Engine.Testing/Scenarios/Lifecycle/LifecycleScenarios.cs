using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Persistence;
using static DossierWorkflow.Engine.Testing.ProcessBuilder;

namespace DossierWorkflow.Engine.Testing.Scenarios.Lifecycle;

internal static class Workflows
{
    /// <summary>Review with a deadline timer; in parallel a fee check that can stop everything (terminate).</summary>
    public static ExecutableDefinition ReviewWithFeeCheck() => Process("review-fee")
        .Start()
        .ParallelGateway("fork")
        .UserTask("review").End("reviewed", result: "resolved")
        .From("fork").UserTask("fee", outcomes: ["paid", "unpaid"]).ExclusiveGateway("paid?")
        .When(TestCondition.Is("outcome", "unpaid")).TerminateEnd("stopped", result: "stopped")
        .From("paid?").Otherwise().End("fee-ok")
        .BoundaryTimer("deadline", attachedTo: "review", Duration(TimeSpan.Zero, days: 10))
        .End("late")
        .Build();
}

public abstract class LifecycleScenarios : ScenarioTest
{
    [Fact]
    public async Task Cancelling_an_instance_cancels_its_tasks_and_timers_and_journals_the_reason()
    {
        var instanceId = await Host.StartAsync(Workflows.ReviewWithFeeCheck());

        var position = await Engine.CancelInstanceAsync(instanceId, "withdrawn by the applicant", actor: "reception");

        Assert.Equal(InstanceStatus.Cancelled, position.Status);
        Assert.Empty(position.OpenWorkItems);
        Assert.Empty(await Engine.QueryWorkItemsAsync(new WorkItemFilter { InstanceId = instanceId }));
        Assert.Equal(2, (await Engine.QueryWorkItemsAsync(new WorkItemFilter { InstanceId = instanceId, Status = WorkItemStatus.Cancelled })).Count);
        Clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(0, await Engine.FireDueTimersAsync());
        var last = (await Engine.GetJournalAsync(instanceId))[^1];
        Assert.Equal((JournalEntryKind.InstanceCancelled, "withdrawn by the applicant", "reception"), (last.Kind, last.Comment, last.Actor));
    }

    [Fact]
    public async Task Completing_a_task_of_a_cancelled_instance_is_rejected()
    {
        var instanceId = await Host.StartAsync(Workflows.ReviewWithFeeCheck());
        var review = await Host.OpenTaskAsync(instanceId, "review");
        await Engine.CancelInstanceAsync(instanceId, "duplicate dossier");

        var error = await Assert.ThrowsAsync<WorkItemClosedException>(() => Engine.CompleteWorkItemAsync(new CompleteWorkItem(review.Id)));

        Assert.Equal("work-item-cancelled", error.Code);
        Assert.Contains("'review'", error.Message);
    }

    [Fact]
    public async Task Cancelling_an_instance_that_already_ended_is_rejected()
    {
        var instanceId = await Host.StartAsync(Workflows.ReviewWithFeeCheck());
        await Engine.CancelInstanceAsync(instanceId, "first");

        var error = await Assert.ThrowsAsync<InstanceNotRunningException>(() => Engine.CancelInstanceAsync(instanceId, "second"));

        Assert.Equal(InstanceStatus.Cancelled, error.Status);
    }

    [Fact]
    public async Task A_terminate_end_event_ends_every_branch_with_its_result()
    {
        var instanceId = await Host.StartAsync(Workflows.ReviewWithFeeCheck());
        var fee = await Host.OpenTaskAsync(instanceId, "fee");
        var review = await Host.OpenTaskAsync(instanceId, "review");

        var position = await Engine.CompleteWorkItemAsync(new CompleteWorkItem(fee.Id) { Outcome = "unpaid" });

        Assert.Equal((InstanceStatus.Terminated, "stopped"), (position.Status, position.Result));
        Assert.Empty(position.ActiveElementIds);
        Assert.Equal(WorkItemStatus.Cancelled, (await Engine.GetWorkItemAsync(review.Id)).Status);
        await Assert.ThrowsAsync<WorkItemClosedException>(() => Engine.CompleteWorkItemAsync(new CompleteWorkItem(review.Id)));
        Clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(0, await Engine.FireDueTimersAsync());
    }

    [Fact]
    public async Task The_instance_completes_only_when_its_last_token_ends()
    {
        var instanceId = await Host.StartAsync(Workflows.ReviewWithFeeCheck());
        var fee = await Host.OpenTaskAsync(instanceId, "fee");
        var review = await Host.OpenTaskAsync(instanceId, "review");

        var afterFee = await Engine.CompleteWorkItemAsync(new CompleteWorkItem(fee.Id) { Outcome = "paid" });
        var afterReview = await Engine.CompleteWorkItemAsync(new CompleteWorkItem(review.Id));

        Assert.Equal(InstanceStatus.Running, afterFee.Status);
        Assert.Equal((InstanceStatus.Completed, "resolved"), (afterReview.Status, afterReview.Result));
    }
}
