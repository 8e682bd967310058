using System.Collections.Immutable;
using DossierWorkflow.Engine.Definitions.Bpmn;

namespace DossierWorkflow.Engine.Definitions;

/// <summary>What kind of change one element of a definition went through between two versions.</summary>
public enum DefinitionChangeKind
{
    StepAdded,
    StepRemoved,

    /// <summary>A step kept its id but its name, type, <c>dw:</c> attributes or timer changed (<see cref="DefinitionChange.Aspects"/> say which).</summary>
    StepChanged,

    FlowAdded,
    FlowRemoved,

    /// <summary>A flow kept its id but leads from or to another step.</summary>
    FlowRerouted,

    /// <summary>A flow kept its ends but its condition changed.</summary>
    ConditionChanged,
}

/// <summary>
/// One change between two versions: the element (by id, with its name in the newer version, or the older one when
/// removed) and, for a changed step, which of its aspects changed (<c>name</c>, <c>type</c>, <c>event</c> (its timer or message), or a
/// <c>dw:</c> attribute's name such as <c>role</c> or <c>durationDays</c>).
/// </summary>
public sealed record DefinitionChange(DefinitionChangeKind Kind, string ElementId, string? Name, ImmutableArray<string> Aspects);

/// <summary>
/// The change summary of a definition against the one before it (steps added, removed and changed; flows added,
/// removed, re-routed and re-conditioned), read from the BPMN of both with the hardened reader. Diagram layout and
/// documentation are not changes. Unreadable XML on either side gives no summary.
/// </summary>
public static class DefinitionChanges
{
    public static IReadOnlyList<DefinitionChange>? Compare(string? before, string after)
    {
        var newer = Process(after);
        if (newer is null)
        {
            return null;
        }

        var older = before is null ? EmptyProcess : Process(before);
        if (older is null)
        {
            return null;
        }

        List<DefinitionChange> changes = [];
        var oldNodes = ById(older.FlowNodes, n => n.Id);
        var newNodes = ById(newer.FlowNodes, n => n.Id);
        foreach (var (id, node) in newNodes)
        {
            if (!oldNodes.TryGetValue(id, out var old))
            {
                changes.Add(new(DefinitionChangeKind.StepAdded, id, node.Name, []));
            }
            else if (Differences(old, node) is { Length: > 0 } aspects)
            {
                changes.Add(new(DefinitionChangeKind.StepChanged, id, node.Name, aspects));
            }
        }

        changes.AddRange(oldNodes.Where(o => !newNodes.ContainsKey(o.Key)).Select(o => new DefinitionChange(DefinitionChangeKind.StepRemoved, o.Key, o.Value.Name, [])));

        var oldFlows = ById(older.SequenceFlows, f => f.Id);
        var newFlows = ById(newer.SequenceFlows, f => f.Id);
        foreach (var (id, flow) in newFlows)
        {
            if (!oldFlows.TryGetValue(id, out var old))
            {
                changes.Add(new(DefinitionChangeKind.FlowAdded, id, flow.Name, []));
            }
            else if (old.SourceRef != flow.SourceRef || old.TargetRef != flow.TargetRef)
            {
                changes.Add(new(DefinitionChangeKind.FlowRerouted, id, flow.Name, []));
            }
            else if (old.Condition?.Text != flow.Condition?.Text)
            {
                changes.Add(new(DefinitionChangeKind.ConditionChanged, id, flow.Name, []));
            }
        }

        changes.AddRange(oldFlows.Where(o => !newFlows.ContainsKey(o.Key)).Select(o => new DefinitionChange(DefinitionChangeKind.FlowRemoved, o.Key, o.Value.Name, [])));
        return changes;
    }

    private static readonly BpmnProcess EmptyProcess = new(null, null, null, [], []);

    private static BpmnProcess? Process(string xml) =>
        BpmnReader.Read(xml).Document?.Processes is { } processes ? DefinitionOutline.TheProcess(processes) : null;

    /// <summary>Elements by id (those without one, or with a duplicated one, cannot be compared and are left out).</summary>
    private static Dictionary<string, T> ById<T>(ImmutableArray<T> elements, Func<T, string?> id) =>
        elements.Where(e => id(e) is not null).GroupBy(e => id(e)!).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);

    private static ImmutableArray<string> Differences(BpmnFlowNode old, BpmnFlowNode node)
    {
        var aspects = ImmutableArray.CreateBuilder<string>();
        if (old.Name != node.Name)
        {
            aspects.Add("name");
        }

        if (old.ElementType != node.ElementType || old.AttachedToRef != node.AttachedToRef || old.CancelActivity != node.CancelActivity)
        {
            aspects.Add("type");
        }

        foreach (var attribute in old.Extensions.Keys.Union(node.Extensions.Keys).Order(StringComparer.Ordinal))
        {
            if (old.Extensions.GetValueOrDefault(attribute) != node.Extensions.GetValueOrDefault(attribute))
            {
                aspects.Add(attribute);
            }
        }

        if (!old.EventDefinitions.Select(Describe).SequenceEqual(node.EventDefinitions.Select(Describe)))
        {
            aspects.Add("event");
        }

        return aspects.ToImmutable();
    }

    private static string Describe(BpmnEventDefinition definition) =>
        $"{definition.Kind}|{definition.MessageRef}|{definition.Timer?.Duration}|{definition.Timer?.Date}|{definition.Timer?.Cycle}|" +
        string.Join(",", definition.Extensions.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}"));
}
