using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>Receive task: subscribes to its message (and arms its boundary events); the message resumes it.</summary>
internal sealed class ReceiveTaskBehavior : NodeBehavior<ReceiveTaskNode>
{
    protected override IReadOnlyList<NodeInstruction> Enter(ReceiveTaskNode node, NodeContext context) =>
        [ActivityExits.WaitFor(node.Id, node.Message, context), .. ActivityExits.ArmBoundaryEvents(node, context)];

    protected override IReadOnlyList<NodeInstruction> Resume(ReceiveTaskNode node, NodeContext context, ResumeSignal signal) =>
        signal is MessageReceivedSignal ? ActivityExits.Leave(node, context) : base.Resume(node, context, signal);
}
