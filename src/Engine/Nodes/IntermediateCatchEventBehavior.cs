using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>
/// Timer, message or signal intermediate catch event: waits on one bookmark; when it triggers the token leaves. After an
/// event-based gateway the token waits at the gateway instead, for every event at once: the one that triggers first
/// takes it from the gateway.
/// </summary>
internal sealed class IntermediateCatchEventBehavior : NodeBehavior<IntermediateCatchEventNode>
{
    protected override IReadOnlyList<NodeInstruction> Enter(IntermediateCatchEventNode node, NodeContext context) =>
        [ActivityExits.WaitFor(node.Id, node.Trigger, context)];

    protected override IReadOnlyList<NodeInstruction> Resume(IntermediateCatchEventNode node, NodeContext context, ResumeSignal signal) =>
        signal is not (TimerFiredSignal or MessageReceivedSignal or SignalReceivedSignal) ? base.Resume(node, context, signal)
        : context.Token.ElementId != node.Id ? [new TakeEvent(node.Id), new TakeFlows(node.Outgoing)]
        : [new TakeFlows(node.Outgoing)];
}
