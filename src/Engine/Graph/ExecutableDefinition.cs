using System.Collections.Immutable;

namespace DossierWorkflow.Engine.Graph;

/// <summary>
/// A workflow definition compiled once from BPMN: an immutable graph of executable nodes joined by
/// sequence flows. The runtime executes only this; it never sees XML. Instances of every deployed
/// version share one <see cref="ExecutableDefinition"/> object, so it must stay immutable.
/// </summary>
public sealed class ExecutableDefinition
{
    public ExecutableDefinition(string key, string? name, string contentHash, IEnumerable<ExecutableNode> nodes)
    {
        Key = key;
        Name = name;
        ContentHash = contentHash;
        Nodes = nodes.ToImmutableDictionary(n => n.Id, StringComparer.Ordinal);
        StartNodes = Nodes.Values.OfType<StartEventNode>().OrderBy(n => n.Id, StringComparer.Ordinal).ToImmutableArray();
    }

    /// <summary>The BPMN process id; instances are started by this key.</summary>
    public string Key { get; }

    public string? Name { get; }

    /// <summary>SHA-256 of the normalised BPMN content; deploying the same hash again is a no-op.</summary>
    public string ContentHash { get; }

    public ImmutableDictionary<string, ExecutableNode> Nodes { get; }

    /// <summary>The none start events (the validator guarantees exactly one).</summary>
    public ImmutableArray<StartEventNode> StartNodes { get; }

    public ExecutableNode this[string nodeId] => Nodes[nodeId];

    /// <summary>The user tasks of this definition, for queues and designers.</summary>
    public IEnumerable<UserTaskNode> UserTasks => Nodes.Values.OfType<UserTaskNode>();
}
