using System.Collections.Immutable;

namespace DossierWorkflow.Engine.Graph;

/// <summary>Wires flows and boundary events into freshly created nodes and freezes them. Used by the compiler and test builders.</summary>
public static class GraphWiring
{
    public static ExecutableDefinition Build(
        string key,
        string? name,
        string contentHash,
        IReadOnlyList<ExecutableNode> nodes,
        IReadOnlyList<SequenceFlow> flows,
        IReadOnlyDictionary<string, string>? englishNames = null)
    {
        var incoming = flows.ToLookup(f => f.TargetId, StringComparer.Ordinal);
        var outgoing = flows.ToLookup(f => f.SourceId, StringComparer.Ordinal);
        var boundaries = nodes.OfType<BoundaryEventNode>().ToLookup(b => b.AttachedToId, StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            node.Wire([.. incoming[node.Id]], [.. outgoing[node.Id]], [.. boundaries[node.Id]]);
        }

        return new ExecutableDefinition(key, name, contentHash, nodes, englishNames);
    }
}
