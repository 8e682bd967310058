using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>
/// Timer or message boundary event. It is never entered along a flow: the attached activity arms it, and it is resumed
/// with the activity's token. Interrupting: the activity is cancelled (its work item too) and the token continues from
/// here. Non-interrupting: a new token continues from here and the activity keeps waiting.
/// </summary>
internal sealed class BoundaryEventBehavior : NodeBehavior<BoundaryEventNode>
{
    protected override IReadOnlyList<NodeInstruction> Enter(BoundaryEventNode node, NodeContext context) =>
        [new RaiseIncident(IncidentKind.Unsupported, $"Boundary event '{node.DisplayName}' cannot be reached by a sequence flow.")];

    protected override IReadOnlyList<NodeInstruction> Resume(BoundaryEventNode node, NodeContext context, ResumeSignal signal) =>
        signal is TimerFiredSignal or MessageReceivedSignal
            ? [node.CancelActivity ? new InterruptActivity(node.Id) : new BranchFromActivity(node.Id), new TakeFlows(node.Outgoing)]
            : base.Resume(node, context, signal);
}
