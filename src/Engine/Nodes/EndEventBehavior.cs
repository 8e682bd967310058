using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>
/// None end event: consumes the token (the instance completes when its last token is consumed, with this event's
/// <c>dw:result</c>). Terminate end event: ends the whole instance at once.
/// </summary>
internal sealed class EndEventBehavior : NodeBehavior<EndEventNode>
{
    protected override IReadOnlyList<NodeInstruction> Enter(EndEventNode node, NodeContext context) =>
        node.Terminate ? [new TerminateInstance(node.Result)] : [new CompleteToken(node.Result)];
}
