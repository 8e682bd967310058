using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>
/// Call activity: asks the runner to start an instance of the called definition (in the same transaction, as part of the
/// same dossier), arms its boundary events and waits. When the called instance ends, its outputs are copied back and the
/// token leaves; an error it throws and does not catch is thrown again here, for the call activity's error boundary events.
/// </summary>
internal sealed class CallActivityBehavior : NodeBehavior<CallActivityNode>
{
    protected override IReadOnlyList<NodeInstruction> Enter(CallActivityNode node, NodeContext context) =>
        [new StartCall(node), .. ActivityExits.ArmBoundaryEvents(node, context)];

    protected override IReadOnlyList<NodeInstruction> Resume(CallActivityNode node, NodeContext context, ResumeSignal signal) =>
        signal is CallCompletedSignal ? ActivityExits.Leave(node, context) : base.Resume(node, context, signal);
}
