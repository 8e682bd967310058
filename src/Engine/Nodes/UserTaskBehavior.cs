using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>
/// User task: creates a work item (due after <c>dw:durationDays</c> working days when the step has a budget), arms its
/// boundary events and waits. Completing the work item resumes it and the token leaves.
/// </summary>
internal sealed class UserTaskBehavior : NodeBehavior<UserTaskNode>
{
    protected override IReadOnlyList<NodeInstruction> Enter(UserTaskNode node, NodeContext context)
    {
        var due = node.DurationDays is { } days ? context.Calendar.AddWorkingDays(context.Now, days) : (DateTimeOffset?)null;
        return [new CreateWorkItem(node, due), .. ActivityExits.ArmBoundaryEvents(node, context)];
    }

    protected override IReadOnlyList<NodeInstruction> Resume(UserTaskNode node, NodeContext context, ResumeSignal signal) =>
        signal is TaskCompletedSignal ? ActivityExits.Leave(node, context) : base.Resume(node, context, signal);
}
