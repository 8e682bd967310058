using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>
/// Event sub-process: never entered along a flow. When its start event's trigger comes, the runner starts it in its
/// scope (<c>ExecutionRunner.StartEventSubProcessAsync</c>); when the last token inside it has ended it ends too, and its
/// scope completes if nothing else runs in it.
/// </summary>
internal sealed class EventSubProcessBehavior : NodeBehavior<EventSubProcessNode>
{
    protected override IReadOnlyList<NodeInstruction> Enter(EventSubProcessNode node, NodeContext context) =>
        [new RaiseIncident(IncidentKind.Unsupported, $"Event sub-process '{node.DisplayName}' cannot be reached by a sequence flow.")];

    protected override IReadOnlyList<NodeInstruction> Resume(EventSubProcessNode node, NodeContext context, ResumeSignal signal) =>
        signal is ScopeCompletedSignal ? [new CompleteToken(null)] : base.Resume(node, context, signal);
}
