using System.Security.Claims;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.OfficerUi.Authentication;

namespace DossierWorkflow.OfficerUi.Pages.Tasks;

/// <summary>
/// What an officer's work is: the open tasks they hold, and for each role they hold in a unit, the open unheld tasks of
/// that role routed to that unit (one index read each). The task list and the home page both read it here.
/// </summary>
public static class WorkQueues
{
    public static async Task<OfficerWork> ReadAsync(IWorkflowEngine engine, ClaimsPrincipal user, int take, CancellationToken cancellationToken)
    {
        var mine = await engine.QueryWorkItemsAsync(new WorkItemFilter { Assignee = user.Identity!.Name!, Take = take }, cancellationToken);
        List<Queue> queues = [];
        foreach (var (role, unitCode) in user.UnitRoles().OrderBy(r => r.UnitCode, StringComparer.Ordinal).ThenBy(r => r.Role, StringComparer.Ordinal))
        {
            var items = await engine.QueryWorkItemsAsync(
                new WorkItemFilter { CandidateRole = role, CandidateUnit = unitCode, UnassignedOnly = true, Take = take }, cancellationToken);
            queues.Add(new Queue(role, unitCode, items));
        }

        return new OfficerWork(mine, queues);
    }

    /// <summary>Whether the officer may take <paramref name="item"/>: it is in one of their queues.</summary>
    public static bool MayTake(ClaimsPrincipal user, WorkItem item) =>
        item.CandidateUnit is not null && user.UnitRoles().Contains((item.CandidateRole ?? "", item.CandidateUnit));

    /// <summary>Whether the officer may complete <paramref name="item"/>: they hold it, or it waits unheld in one of their queues.</summary>
    public static bool MayComplete(ClaimsPrincipal user, WorkItem item) =>
        item.Status == WorkItemStatus.Open
        && (item.Assignee == user.Identity!.Name || (item.Assignee is null && MayTake(user, item)));

    public sealed record Queue(string Role, string UnitCode, IReadOnlyList<WorkItem> Items);

    public sealed record OfficerWork(IReadOnlyList<WorkItem> Mine, IReadOnlyList<Queue> Queues);
}
