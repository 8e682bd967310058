using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>
/// Message intermediate throw event or message end event: a send step. Asks the runner to invoke its handler (an external
/// handler's message goes through the outbox, in the command's transaction); once it succeeded, an intermediate event
/// leaves along its flow and an end event consumes the token with its <c>dw:result</c>. A failure keeps the token here
/// with an incident, as at a send task.
/// </summary>
internal sealed class MessageThrowEventBehavior : NodeBehavior<MessageThrowEventNode>
{
    protected override IReadOnlyList<NodeInstruction> Enter(MessageThrowEventNode node, NodeContext context) => [new InvokeHandler(node)];

    protected override IReadOnlyList<NodeInstruction> Resume(MessageThrowEventNode node, NodeContext context, ResumeSignal signal) =>
        signal is not HandlerSucceededSignal ? base.Resume(node, context, signal)
        : node.IsEnd ? [new CompleteToken(node.Result)]
        : [new TakeFlows(node.Outgoing)];
}
