using DossierWorkflow.Engine.Graph;
using System.Text.Json.Nodes;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Engine.Runtime;
using static DossierWorkflow.Engine.Testing.ProcessBuilder;

namespace DossierWorkflow.Engine.Testing.Scenarios.UserTasks;

internal static class Workflows
{
    /// <summary>Review (2 working days) → approve: leader signs → resolved; reject → refused.</summary>
    public static ExecutableDefinition Approval(string key = "approval") => Process(key)
        .Start()
        .UserTask("review", role: "specialist", unit: "land-office", durationDays: 2, outcomes: ["approve", "reject"], name: "Review dossier")
        .ExclusiveGateway("decision")
        .When(TestCondition.Is("outcome", "approve")).UserTask("sign", role: "leader", unit: "land-office", name: "Sign result")
        .End("resolved", result: "resolved")
        .From("decision").Otherwise().End("refused", result: "refused")
        .Build();
}

public abstract class UserTaskScenarios : ScenarioTest
{
    /// <summary>Routes a task to <c>&lt;office variable&gt;/&lt;unit scope&gt;</c> when the instance names an office.</summary>
    protected override ICandidateUnitResolver CandidateUnits { get; } = new OfficeRouting();

    [Fact]
    public async Task A_task_keeps_the_unit_it_was_routed_to_through_claims_and_queues_read_by_it()
    {
        var routed = await Host.StartAsync(Workflows.Approval(), businessKey: "routed", variables: new JsonObject { ["office"] = "HN" });
        var unrouted = await Host.StartAsync(Workflows.Approval(), businessKey: "unrouted");
        var review = await Host.OpenTaskAsync(routed, "review");
        Assert.Equal("HN/land-office", review.CandidateUnit);
        Assert.Null((await Host.OpenTaskAsync(unrouted, "review")).CandidateUnit);

        await Engine.ClaimWorkItemAsync(review.Id, "an");
        await Engine.UnclaimWorkItemAsync(review.Id, "an");
        var queue = await Engine.QueryWorkItemsAsync(new WorkItemFilter { CandidateRole = "specialist", CandidateUnit = "HN/land-office" });

        Assert.Equal(review.Id, Assert.Single(queue).Id);
        Assert.Equal("HN/land-office", (await Engine.GetWorkItemAsync(review.Id)).CandidateUnit);
        Assert.Equal(unrouted, Assert.Single(await Engine.QueryWorkItemsAsync(new WorkItemFilter { UnroutedOnly = true })).InstanceId);
    }

    private sealed class OfficeRouting : ICandidateUnitResolver
    {
        public ValueTask<string?> ResolveAsync(CandidateUnitRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(request.Variables["office"] is { } office ? $"{office.GetValue<string>()}/{request.UnitScope}" : null);
    }

    [Fact]
    public async Task A_user_task_waits_as_an_open_work_item_due_after_its_working_day_budget()
    {
        var instanceId = await Host.StartAsync(Workflows.Approval(), businessKey: "000.00.25.H12-261123-0001");

        var position = await Engine.GetPositionAsync(instanceId);
        var task = Assert.Single(position.OpenWorkItems);
        Assert.Equal(InstanceStatus.Running, position.Status);
        Assert.Equal(["review"], position.ActiveElementIds);
        Assert.Equal(("Review dossier", "specialist", "land-office"), (task.Name, task.CandidateRole, task.UnitScope));
        Assert.Equal(["approve", "reject"], task.Outcomes);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.Zero), task.DueAt);
        Assert.Equal("000.00.25.H12-261123-0001", task.BusinessKey);
        Assert.Equal(
            [JournalEntryKind.InstanceStarted, JournalEntryKind.NodeEntered, JournalEntryKind.NodeLeft, JournalEntryKind.NodeEntered, JournalEntryKind.TaskCreated],
            await Host.JournalKindsAsync(instanceId));
    }

    [Fact]
    public async Task Completing_the_tasks_takes_the_approved_branch_and_completes_with_the_end_event_result()
    {
        var instanceId = await Host.StartAsync(Workflows.Approval());
        var review = await Host.OpenTaskAsync(instanceId, "review");

        Clock.Advance(TimeSpan.FromHours(3));
        var afterReview = await Engine.CompleteWorkItemAsync(new CompleteWorkItem(review.Id) { Outcome = "approve", Comment = "Documents complete", Actor = "an" });
        var sign = Assert.Single(afterReview.OpenWorkItems);
        var done = await Engine.CompleteWorkItemAsync(new CompleteWorkItem(sign.Id) { Actor = "leader-binh" });

        Assert.Equal("sign", sign.ElementId);
        Assert.Equal((InstanceStatus.Completed, "resolved"), (done.Status, done.Result));
        Assert.Empty(done.ActiveElementIds);
        var journal = await Engine.GetJournalAsync(instanceId);
        var completed = journal.First(e => e.Kind == JournalEntryKind.TaskCompleted);
        Assert.Equal(("review", "approve", "Documents complete", "an"), (completed.ElementId, completed.Outcome, completed.Comment, completed.Actor));
        Assert.Equal(FakeTimeProvider.MondayMorning.AddHours(3), completed.At);
        var end = journal[^1];
        Assert.Equal((JournalEntryKind.InstanceCompleted, "resolved"), (end.Kind, end.Outcome));
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i), journal.Select(e => e.Sequence));
        var reviewed = await Engine.GetWorkItemAsync(review.Id);
        Assert.Equal((WorkItemStatus.Completed, "approve", "an"), (reviewed.Status, reviewed.Outcome, reviewed.CompletedBy));
    }

    [Fact]
    public async Task The_outcome_is_set_as_a_variable_so_that_conditions_can_read_it()
    {
        var instanceId = await Host.StartAsync(Workflows.Approval());
        var review = await Host.OpenTaskAsync(instanceId, "review");

        var position = await Engine.CompleteWorkItemAsync(new CompleteWorkItem(review.Id)
        {
            Outcome = "reject",
            Variables = new() { ["refusalReason"] = "missing land certificate" },
        });

        Assert.Equal((InstanceStatus.Completed, "refused"), (position.Status, position.Result));
        Assert.Equal("reject", position.Variables["outcome"]!.GetValue<string>());
        Assert.Equal("missing land certificate", position.Variables["refusalReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Claim_delegate_and_assign_are_journaled_as_hand_offs_with_the_previous_holder()
    {
        var instanceId = await Host.StartAsync(Workflows.Approval());
        var review = await Host.OpenTaskAsync(instanceId, "review");

        await Engine.ClaimWorkItemAsync(review.Id, "an");
        var delegated = await Engine.DelegateWorkItemAsync(review.Id, "binh", "an");
        var assigned = await Engine.AssignWorkItemAsync(review.Id, "chi", "leader-dung");
        var unclaimed = await Engine.UnclaimWorkItemAsync(review.Id, "chi");

        Assert.Equal(("binh", "an"), (delegated.Assignee, delegated.Owner));
        Assert.Equal(("chi", "an"), (assigned.Assignee, assigned.Owner));
        Assert.Null(unclaimed.Assignee);
        var handOffs = (await Engine.GetJournalAsync(instanceId))
            .Where(e => e.Kind is JournalEntryKind.TaskClaimed or JournalEntryKind.TaskDelegated or JournalEntryKind.TaskAssigned or JournalEntryKind.TaskUnclaimed)
            .Select(e => (e.Kind, e.PreviousAssignee, e.Assignee, e.Actor, e.UnitScope))
            .ToList();
        Assert.Equal(
            [
                (JournalEntryKind.TaskClaimed, null, "an", "an", "land-office"),
                (JournalEntryKind.TaskDelegated, "an", "binh", "an", "land-office"),
                (JournalEntryKind.TaskAssigned, "binh", "chi", "leader-dung", "land-office"),
                (JournalEntryKind.TaskUnclaimed, "chi", null, "chi", "land-office"),
            ],
            handOffs);
    }

    [Fact]
    public async Task Claiming_a_task_someone_else_holds_is_rejected()
    {
        var instanceId = await Host.StartAsync(Workflows.Approval());
        var review = await Host.OpenTaskAsync(instanceId, "review");
        await Engine.ClaimWorkItemAsync(review.Id, "an");

        var error = await Assert.ThrowsAsync<WorkItemClaimedException>(() => Engine.ClaimWorkItemAsync(review.Id, "binh"));

        Assert.Equal("work-item-claimed", error.Code);
        Assert.Contains("Review dossier", error.Message);
        Assert.Equal("an", (await Engine.GetWorkItemAsync(review.Id)).Assignee);
    }

    [Fact]
    public async Task Queues_list_work_items_by_candidate_role_unit_assignee_and_status()
    {
        var first = await Host.StartAsync(Workflows.Approval(), businessKey: "A");
        var second = await Host.StartAsync(Workflows.Approval(), businessKey: "B");
        var firstReview = await Host.OpenTaskAsync(first, "review");
        await Engine.ClaimWorkItemAsync(firstReview.Id, "an");
        await Engine.CompleteWorkItemAsync(new CompleteWorkItem(firstReview.Id) { Outcome = "approve", Actor = "an" });

        var specialists = await Engine.QueryWorkItemsAsync(new WorkItemFilter { CandidateRole = "specialist", UnitScope = "land-office" });
        var leaders = await Engine.QueryWorkItemsAsync(new WorkItemFilter { CandidateRole = "leader" });
        var doneByAn = await Engine.QueryWorkItemsAsync(new WorkItemFilter { Status = WorkItemStatus.Completed, Assignee = "an" });
        var unassigned = await Engine.QueryWorkItemsAsync(new WorkItemFilter { UnassignedOnly = true });

        Assert.Equal(second, Assert.Single(specialists).InstanceId);
        Assert.Equal(first, Assert.Single(leaders).InstanceId);
        Assert.Equal(firstReview.Id, Assert.Single(doneByAn).Id);
        Assert.Equal(2, unassigned.Count);
    }

    [Fact]
    public async Task The_journal_yields_the_hand_offs_of_a_process_control_sheet()
    {
        var instanceId = await Host.StartAsync(Workflows.Approval());
        var review = await Host.OpenTaskAsync(instanceId, "review");
        await Engine.ClaimWorkItemAsync(review.Id, "an");
        Clock.Advance(TimeSpan.FromDays(1));
        await Engine.CompleteWorkItemAsync(new CompleteWorkItem(review.Id) { Outcome = "approve", Actor = "an" });
        var sign = await Host.OpenTaskAsync(instanceId, "sign");
        Clock.Advance(TimeSpan.FromHours(2));
        await Engine.CompleteWorkItemAsync(new CompleteWorkItem(sign.Id) { Actor = "leader-binh" });

        var journal = await Engine.GetJournalAsync(instanceId);
        var sheet = journal
            .Where(e => e.Kind == JournalEntryKind.TaskCompleted)
            .Select(done =>
            {
                var created = journal.Single(e => e.Kind == JournalEntryKind.TaskCreated && e.WorkItemId == done.WorkItemId);
                return (Step: done.ElementName, Role: created.CandidateRole, Received: created.At, HandedOn: done.At, By: done.Actor, OnTime: done.At <= (created.DueAt ?? DateTimeOffset.MaxValue));
            })
            .ToList();

        var monday = FakeTimeProvider.MondayMorning;
        Assert.Equal(
            [
                ("Review dossier", "specialist", monday, monday.AddDays(1), "an", true),
                ("Sign result", "leader", monday.AddDays(1), monday.AddDays(1).AddHours(2), "leader-binh", true),
            ],
            sheet);
    }
}
