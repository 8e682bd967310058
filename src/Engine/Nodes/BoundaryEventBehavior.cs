using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Timers;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>
/// Timer, message, signal, error or escalation boundary event. It is never entered along a flow: the attached activity
/// arms it, and it is resumed with the activity's token. Interrupting: the activity is cancelled (its work item too) and the token continues from
/// here. Non-interrupting: a new token continues from here and the activity keeps waiting — with a cycle timer, for the
/// cycle's next occurrence too, until it has fired its number of times. Error and escalation boundary events are neither
/// armed nor resumed: the runner takes the activity's token to them when an error or escalation is thrown inside the
/// activity (<c>ExecutionRunner.ThrowErrorAsync</c>, <c>ThrowEscalationAsync</c>).
/// </summary>
internal sealed class BoundaryEventBehavior : NodeBehavior<BoundaryEventNode>
{
    protected override IReadOnlyList<NodeInstruction> Enter(BoundaryEventNode node, NodeContext context) =>
        [new RaiseIncident(IncidentKind.Unsupported, $"Boundary event '{node.DisplayName}' cannot be reached by a sequence flow.")];

    protected override IReadOnlyList<NodeInstruction> Resume(BoundaryEventNode node, NodeContext context, ResumeSignal signal)
    {
        if (signal is not (TimerFiredSignal or MessageReceivedSignal or SignalReceivedSignal))
        {
            return base.Resume(node, context, signal);
        }

        if (node.CancelActivity)
        {
            return [new InterruptActivity(node.Id), new TakeFlows(node.Outgoing)];
        }

        if (signal is TimerFiredSignal fired && node.Trigger is TimerTrigger { Kind: TimerKind.Cycle } cycle
            && TimerSchedule.Next(cycle, fired.DueAt, fired.Occurrence + 1, context.Calendar) is { } next)
        {
            // The next occurrence is armed on the activity's token before the branch leaves it.
            return [new ScheduleTimer(node.Id, next, fired.Occurrence + 1), new BranchFromActivity(node.Id), new TakeFlows(node.Outgoing)];
        }

        return [new BranchFromActivity(node.Id), new TakeFlows(node.Outgoing)];
    }
}
