using System.Security.Claims;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.OfficerUi.Authentication;

namespace DossierWorkflow.OfficerUi.Pages.Tasks;

/// <summary>
/// What an officer's work is: the open tasks they hold, and for each role they hold in a unit, the open unheld tasks of
/// that role routed to that unit (one index read each). The task list and the home page both read it here.
/// </summary>
public static class WorkQueues
{
    /// <param name="view">The filters, order and page every list is read with (its queue fields are set here).</param>
    public static async Task<OfficerWork> ReadAsync(IWorkflowEngine engine, ClaimsPrincipal user, WorkItemFilter view, CancellationToken cancellationToken)
    {
        var mine = await engine.QueryWorkItemsAsync(view with { Assignee = user.Identity!.Name! }, cancellationToken);
        List<Queue> queues = [];
        foreach (var (role, unitCode) in user.UnitRoles().OrderBy(r => r.UnitCode, StringComparer.Ordinal).ThenBy(r => r.Role, StringComparer.Ordinal))
        {
            var items = await engine.QueryWorkItemsAsync(view with { CandidateRole = role, CandidateUnit = unitCode, UnassignedOnly = true }, cancellationToken);
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

    /// <summary>Whether the officer may give <paramref name="item"/> to an officer: a leader of the unit its queue is in.</summary>
    public static bool MayAssign(ClaimsPrincipal user, WorkItem item) =>
        item.Status == WorkItemStatus.Open && item.CandidateUnit is { } unit && user.UnitRoles().Contains((Roles.Leader, unit));

    /// <summary>The roles whose queues a leader distributes in the units they lead.</summary>
    public static readonly string[] DistributedRoles = [Roles.Reception, Roles.Specialist, Roles.Clerk];

    /// <summary>
    /// The queues a leader distributes: for each unit they lead, the unheld tasks of its reception, specialist and clerk
    /// queues.
    /// </summary>
    public static async Task<IReadOnlyList<Queue>> ReadDistributedAsync(IWorkflowEngine engine, ClaimsPrincipal user, WorkItemFilter view, CancellationToken cancellationToken)
    {
        List<Queue> queues = [];
        foreach (var unitCode in user.UnitRoles().Where(r => r.Role == Roles.Leader).Select(r => r.UnitCode).Order(StringComparer.Ordinal))
        {
            foreach (var role in DistributedRoles)
            {
                var items = await engine.QueryWorkItemsAsync(view with { CandidateRole = role, CandidateUnit = unitCode, UnassignedOnly = true }, cancellationToken);
                queues.Add(new Queue(role, unitCode, items));
            }
        }

        return queues;
    }

    public sealed record Queue(string Role, string UnitCode, IReadOnlyList<WorkItem> Items);

    public sealed record OfficerWork(IReadOnlyList<WorkItem> Mine, IReadOnlyList<Queue> Queues);
}
