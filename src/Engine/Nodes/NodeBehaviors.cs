using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>The behaviour of each element kind. Behaviours are stateless, so one instance of each serves every command.</summary>
internal static class NodeBehaviors
{
    private static readonly Dictionary<Type, INodeBehavior> ByNodeType = new()
    {
        [typeof(StartEventNode)] = new StartEventBehavior(),
        [typeof(EndEventNode)] = new EndEventBehavior(),
        [typeof(UserTaskNode)] = new UserTaskBehavior(),
        [typeof(ServiceTaskNode)] = new ServiceTaskBehavior(),
        [typeof(MessageThrowEventNode)] = new MessageThrowEventBehavior(),
        [typeof(NoneThrowEventNode)] = new NoneThrowEventBehavior(),
        [typeof(ReceiveTaskNode)] = new ReceiveTaskBehavior(),
        [typeof(IntermediateCatchEventNode)] = new IntermediateCatchEventBehavior(),
        [typeof(BoundaryEventNode)] = new BoundaryEventBehavior(),
        [typeof(ExclusiveGatewayNode)] = new ExclusiveGatewayBehavior(),
        [typeof(ParallelGatewayNode)] = new ParallelGatewayBehavior(),
        [typeof(InclusiveGatewayNode)] = new InclusiveGatewayBehavior(),
        [typeof(EventBasedGatewayNode)] = new EventBasedGatewayBehavior(),
        [typeof(SubProcessNode)] = new SubProcessBehavior(),
        [typeof(EventSubProcessNode)] = new EventSubProcessBehavior(),
        [typeof(ThrowEventNode)] = new ThrowEventBehavior(),
        [typeof(CallActivityNode)] = new CallActivityBehavior(),
    };

    private static readonly MultiInstanceBodyBehavior MultiInstanceBody = new();

    /// <summary>
    /// The behaviour of <paramref name="node"/> for <paramref name="token"/>: the multi-instance body for the token that
    /// waits at a multi-instance activity, the element's own behaviour otherwise (each instance runs the activity itself).
    /// </summary>
    public static INodeBehavior For(ExecutableNode node, TokenView token) =>
        node.Loop is not null && !token.IsLoopInstance ? MultiInstanceBody : For(node);

    public static INodeBehavior For(ExecutableNode node) =>
        ByNodeType.TryGetValue(node.GetType(), out var behavior)
            ? behavior
            : throw new NotSupportedException($"Element '{node.Id}' is a {node.GetType().Name}, which the runtime does not execute.");
}
