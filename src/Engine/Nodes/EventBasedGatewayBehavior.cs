using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>
/// Event-based gateway: the token waits here for every event the gateway's flows lead to — a bookmark per catch event,
/// each under the event's id — and the first to trigger resumes its event with this token (see
/// <see cref="IntermediateCatchEventBehavior"/>), which takes it on; leaving the gateway cancels the other waits.
/// </summary>
internal sealed class EventBasedGatewayBehavior : NodeBehavior<EventBasedGatewayNode>
{
    protected override IReadOnlyList<NodeInstruction> Enter(EventBasedGatewayNode node, NodeContext context) =>
        [.. node.Outgoing.Select(flow => (IntermediateCatchEventNode)context.NodeById(flow.TargetId))
            .Select(target => ActivityExits.WaitFor(target.Id, target.Trigger, context))];
}
