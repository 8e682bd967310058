using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>None intermediate throw event: a milestone drawn on the diagram; the token passes it (the journal shows it).</summary>
internal sealed class NoneThrowEventBehavior : NodeBehavior<NoneThrowEventNode>
{
    protected override IReadOnlyList<NodeInstruction> Enter(NoneThrowEventNode node, NodeContext context) => [new TakeFlows(node.Outgoing)];
}
