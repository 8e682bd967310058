using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>Timer or message intermediate catch event: waits on one bookmark; when it triggers the token leaves.</summary>
internal sealed class IntermediateCatchEventBehavior : NodeBehavior<IntermediateCatchEventNode>
{
    protected override IReadOnlyList<NodeInstruction> Enter(IntermediateCatchEventNode node, NodeContext context) =>
        [ActivityExits.WaitFor(node.Id, node.Trigger, context)];

    protected override IReadOnlyList<NodeInstruction> Resume(IntermediateCatchEventNode node, NodeContext context, ResumeSignal signal) =>
        signal is TimerFiredSignal or MessageReceivedSignal ? [new TakeFlows(node.Outgoing)] : base.Resume(node, context, signal);
}
