using System.Collections.Immutable;

namespace DossierWorkflow.Engine.Graph;

/// <summary>
/// A workflow definition compiled once from BPMN: an immutable graph of executable nodes joined by
/// sequence flows. The runtime executes only this; it never sees XML. Instances of every deployed
/// version share one <see cref="ExecutableDefinition"/> object, so it must stay immutable.
/// </summary>
public sealed class ExecutableDefinition
{
    public ExecutableDefinition(
        string key,
        string? name,
        string contentHash,
        IEnumerable<ExecutableNode> nodes,
        IReadOnlyDictionary<string, string>? englishNames = null)
    {
        Key = key;
        Name = name;
        ContentHash = contentHash;
        Nodes = nodes.ToImmutableDictionary(n => n.Id, StringComparer.Ordinal);
        EnglishNames = englishNames?.ToImmutableDictionary(StringComparer.Ordinal) ?? ImmutableDictionary<string, string>.Empty;
        StartNodes = Nodes.Values.OfType<StartEventNode>().Where(n => n.ScopeId is null && n.Trigger is null)
            .OrderBy(n => n.Id, StringComparer.Ordinal).ToImmutableArray();
        _eventSubProcesses = Nodes.Values.OfType<EventSubProcessNode>()
            .GroupBy(n => n.ScopeId ?? "", StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.OrderBy(n => n.Id, StringComparer.Ordinal).ToImmutableArray(), StringComparer.Ordinal);
    }

    private readonly ImmutableDictionary<string, ImmutableArray<EventSubProcessNode>> _eventSubProcesses;

    /// <summary>The BPMN process id; instances are started by this key.</summary>
    public string Key { get; }

    public string? Name { get; }

    /// <summary>SHA-256 of the normalised BPMN content; deploying the same hash again is a no-op.</summary>
    public string ContentHash { get; }

    public ImmutableDictionary<string, ExecutableNode> Nodes { get; }

    /// <summary>
    /// The English names of the elements that have one (<c>dw:nameEn</c>), by element id, for an English user interface;
    /// the BPMN <c>name</c> is the Vietnamese one the journal records.
    /// </summary>
    public ImmutableDictionary<string, string> EnglishNames { get; }

    /// <summary>The event sub-processes of a scope: the process (null) or an embedded sub-process.</summary>
    public ImmutableArray<EventSubProcessNode> EventSubProcessesIn(string? scopeId) => _eventSubProcesses.GetValueOrDefault(scopeId ?? "", []);

    /// <summary>The process's none start events (the validator guarantees exactly one).</summary>
    public ImmutableArray<StartEventNode> StartNodes { get; }

    public ExecutableNode this[string nodeId] => Nodes[nodeId];

    /// <summary>The user tasks of this definition, for queues and designers.</summary>
    public IEnumerable<UserTaskNode> UserTasks => Nodes.Values.OfType<UserTaskNode>();
}
