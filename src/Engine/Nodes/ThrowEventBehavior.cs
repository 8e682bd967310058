using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>
/// Error, escalation or signal throw event. An error end event throws and its token goes no further: the nearest error
/// boundary event around it that catches the code takes the dossier on (the activities in between are cancelled), and
/// without one the token stops with an incident. An escalation is caught by the nearest escalation boundary event around
/// it (interrupting or not), or only journalled. A signal is broadcast, after the command, to every instance waiting for
/// it. After an escalation or a signal an intermediate event goes on and an end event ends its token.
/// </summary>
internal sealed class ThrowEventBehavior : NodeBehavior<ThrowEventNode>
{
    protected override IReadOnlyList<NodeInstruction> Enter(ThrowEventNode node, NodeContext context) =>
        node.Throw is ErrorThrow ? [new Throw(node.Throw)]
        : node.IsEnd ? [new Throw(node.Throw), new CompleteToken(node.Result)]
        : [new Throw(node.Throw), new TakeFlows(node.Outgoing)];
}
