using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>None start event: the instance's first token leaves along every outgoing flow.</summary>
internal sealed class StartEventBehavior : NodeBehavior<StartEventNode>
{
    protected override IReadOnlyList<NodeInstruction> Enter(StartEventNode node, NodeContext context) => [new TakeFlows(node.Outgoing)];
}
