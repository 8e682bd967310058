using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>
/// Embedded sub-process: the token waits at it as the scope's token (its boundary events armed on it) while a new token
/// runs its flow from its start event; when the last token inside has ended, the scope is complete and the sub-process is
/// left along its outgoing flows. Cancelling the sub-process (an interrupting boundary event, a terminate, the instance
/// ended) cancels everything inside it.
/// </summary>
internal sealed class SubProcessBehavior : NodeBehavior<SubProcessNode>
{
    protected override IReadOnlyList<NodeInstruction> Enter(SubProcessNode node, NodeContext context) =>
        [new OpenScope(node.StartId), .. ActivityExits.ArmBoundaryEvents(node, context)];

    protected override IReadOnlyList<NodeInstruction> Resume(SubProcessNode node, NodeContext context, ResumeSignal signal) =>
        signal is ScopeCompletedSignal ? ActivityExits.Leave(node, context) : base.Resume(node, context, signal);
}
