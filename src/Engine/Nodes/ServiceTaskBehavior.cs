using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>
/// Service or send task: asks the runner to invoke the handler named by <c>dw:handler</c>. When the handler succeeds (an
/// in-transaction handler returned, or an external handler's outbox message was written) the token leaves. A failure keeps
/// the token here with an incident; retrying the incident enters the task again.
/// </summary>
internal sealed class ServiceTaskBehavior : NodeBehavior<ServiceTaskNode>
{
    protected override IReadOnlyList<NodeInstruction> Enter(ServiceTaskNode node, NodeContext context) => [new InvokeHandler(node)];

    protected override IReadOnlyList<NodeInstruction> Resume(ServiceTaskNode node, NodeContext context, ResumeSignal signal) =>
        signal is HandlerSucceededSignal ? ActivityExits.Leave(node, context) : base.Resume(node, context, signal);
}
