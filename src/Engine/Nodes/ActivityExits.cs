using System.Collections.Immutable;
using DossierWorkflow.Engine.Graph;
using DossierWorkflow.Engine.Timers;

namespace DossierWorkflow.Engine.Nodes;

/// <summary>What activities share: arming boundary events on entry, and leaving along their outgoing flows.</summary>
internal static class ActivityExits
{
    /// <summary>
    /// The bookmarks of the boundary events attached to <paramref name="activity"/>, armed when it is entered — once, on the
    /// body of a multi-instance activity, not on each instance.
    /// </summary>
    public static IEnumerable<NodeInstruction> ArmBoundaryEvents(ExecutableNode activity, NodeContext context) =>
        WaitingBoundaryEvents(activity, context.Token.IsLoopInstance).Select(b => WaitFor(b.Id, b.Trigger, context));

    /// <summary>
    /// The boundary events of <paramref name="activity"/> that wait on its token: none on an instance of a multi-instance
    /// activity (its body holds them), and no error or escalation one (a throw inside the activity triggers those).
    /// </summary>
    public static IEnumerable<BoundaryEventNode> WaitingBoundaryEvents(ExecutableNode activity, bool isLoopInstance) =>
        isLoopInstance ? [] : activity.BoundaryEvents.Where(b => b.Trigger is not (ErrorTrigger or EscalationTrigger));

    /// <summary>A bookmark for an event trigger (timer or message) of <paramref name="elementId"/>.</summary>
    public static NodeInstruction WaitFor(string elementId, EventTrigger trigger, NodeContext context) => trigger switch
    {
        TimerTrigger timer => new ScheduleTimer(elementId, TimerSchedule.DueAt(timer, context.Now, context.Calendar)),
        SignalTrigger signal => new SubscribeToSignal(elementId, signal.SignalName),
        MessageTrigger message => Correlation.TryResolve(message, context, out var key, out var problem)
            ? new SubscribeToMessage(elementId, message.MessageName, key)
            : new RaiseIncident(IncidentKind.EvaluationFailed, problem),
        _ => new RaiseIncident(IncidentKind.Unsupported, $"Element '{elementId}' waits for an unsupported trigger {trigger.GetType().Name}."),
    };

    /// <summary>
    /// Leaving an activity: every outgoing flow without a condition or whose condition holds (BPMN's conditional flows
    /// from activities); none is an incident. One instance of a multi-instance activity does not leave: it ends, and the
    /// activity's body leaves once the loop is done.
    /// </summary>
    public static IReadOnlyList<NodeInstruction> Leave(ExecutableNode node, NodeContext context)
    {
        if (context.Token.IsLoopInstance)
        {
            // One instance of a multi-instance activity ends; its body leaves when the loop is done.
            return [new CompleteLoopInstance()];
        }

        if (node.Outgoing.All(f => f.Condition is null))
        {
            return [new TakeFlows(node.Outgoing)];
        }

        if (!Conditions.TrySelect(node.Outgoing, context, out var flows, out var problem))
        {
            return [new RaiseIncident(IncidentKind.EvaluationFailed, problem)];
        }

        return flows.IsEmpty
            ? [new RaiseIncident(IncidentKind.NoMatchingFlow, $"No outgoing flow of '{node.DisplayName}' has a condition that holds.")]
            : [new TakeFlows(flows)];
    }
}

/// <summary>Condition evaluation with errors turned into incidents rather than failed commands.</summary>
internal static class Conditions
{
    /// <summary>The flows whose condition is absent or true, in document order.</summary>
    public static bool TrySelect(IEnumerable<SequenceFlow> flows, NodeContext context, out ImmutableArray<SequenceFlow> selected, out string problem)
    {
        var builder = ImmutableArray.CreateBuilder<SequenceFlow>();
        foreach (var flow in flows)
        {
            if (!TryEvaluate(flow, context, out var holds, out problem))
            {
                selected = [];
                return false;
            }

            if (holds)
            {
                builder.Add(flow);
            }
        }

        selected = builder.ToImmutable();
        problem = "";
        return true;
    }

    public static bool TryEvaluate(SequenceFlow flow, NodeContext context, out bool holds, out string problem)
    {
        problem = "";
        try
        {
            holds = flow.Condition?.Evaluate(context.Variables) ?? true;
            return true;
        }
        catch (Exception exception)
        {
            holds = false;
            problem = $"The condition '{flow.Condition}' of flow '{flow.Id}' could not be evaluated: {exception.Message}";
            return false;
        }
    }
}
