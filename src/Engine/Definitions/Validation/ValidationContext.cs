using System.Collections.Immutable;
using DossierWorkflow.Engine.Conditions;
using DossierWorkflow.Engine.Definitions.Bpmn;
using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Definitions.Validation;

/// <summary>
/// The process under validation, indexed once, and what the rules learn about it: the problems found and the
/// interpreted parts (parsed conditions, triggers, outcomes) that the compiler builds the graph from.
/// </summary>
internal sealed class ValidationContext
{
    private readonly List<DefinitionProblem> _problems = [];

    public ValidationContext(BpmnDocument document, BpmnProcess process, IReadOnlySet<string>? registeredHandlers)
    {
        Document = document;
        Process = process;
        RegisteredHandlers = registeredHandlers;
        Nodes = process.FlowNodes.Where(n => n.Id is not null).GroupBy(n => n.Id!, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        Messages = document.Messages.Where(m => m.Id is not null).GroupBy(m => m.Id!, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        Errors = ById(document.Errors, e => e.Id);
        Escalations = ById(document.Escalations, e => e.Id);
        Signals = ById(document.Signals, s => s.Id);
        var wired = process.SequenceFlows
            .Where(f => f.Id is not null && f.SourceRef is not null && f.TargetRef is not null
                && Nodes.ContainsKey(f.SourceRef) && Nodes.ContainsKey(f.TargetRef))
            .ToImmutableArray();
        WiredFlows = wired;
        Outgoing = wired.ToLookup(f => f.SourceRef!, StringComparer.Ordinal);
        Incoming = wired.ToLookup(f => f.TargetRef!, StringComparer.Ordinal);
        BoundaryEvents = process.FlowNodes.Where(n => n.ElementType == BpmnElementTypes.BoundaryEvent && n.AttachedToRef is not null)
            .ToLookup(n => n.AttachedToRef!, StringComparer.Ordinal);
    }

    public BpmnDocument Document { get; }

    public BpmnProcess Process { get; }

    public string ProcessId => Process.Id ?? BpmnReader.FileElementId;

    /// <summary>Null when the caller does not know the registered handlers; then only their presence is checked.</summary>
    public IReadOnlySet<string>? RegisteredHandlers { get; }

    public ImmutableDictionary<string, BpmnFlowNode> Nodes { get; }

    public ImmutableDictionary<string, BpmnMessage> Messages { get; }

    public ImmutableDictionary<string, BpmnError> Errors { get; }

    public ImmutableDictionary<string, BpmnError> Escalations { get; }

    public ImmutableDictionary<string, BpmnMessage> Signals { get; }

    /// <summary>The flows whose id, source and target all exist: the ones structural rules can follow.</summary>
    public ImmutableArray<BpmnSequenceFlow> WiredFlows { get; }

    public ILookup<string, BpmnSequenceFlow> Outgoing { get; }

    public ILookup<string, BpmnSequenceFlow> Incoming { get; }

    public ILookup<string, BpmnFlowNode> BoundaryEvents { get; }

    public IReadOnlyList<DefinitionProblem> Problems => _problems;

    public Dictionary<string, ConditionExpression> Conditions { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, EventTrigger> Triggers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ImmutableArray<string>> Outcomes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> DurationDays { get; } = new(StringComparer.Ordinal);

    /// <summary>What each error, escalation and signal throw event throws.</summary>
    public Dictionary<string, EventThrow> Throws { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, MultiInstanceLoop> Loops { get; } = new(StringComparer.Ordinal);

    /// <summary>What each call activity starts.</summary>
    public Dictionary<string, CalledDefinition> Calls { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="scopeId"/> is an event sub-process (<c>triggeredByEvent</c>).</summary>
    public bool IsEventSubProcess(string? scopeId) =>
        scopeId is not null && Nodes.TryGetValue(scopeId, out var scope) && scope.ElementType == BpmnElementTypes.SubProcess && scope.TriggeredByEvent;

    private static ImmutableDictionary<string, T> ById<T>(IEnumerable<T> items, Func<T, string?> id) =>
        items.Where(i => id(i) is not null).GroupBy(i => id(i)!, StringComparer.Ordinal).ToImmutableDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public void Report(string elementId, string code, params object?[] args) => Add(elementId, code, null, args);

    public void ReportVariant(string elementId, string code, string variant, params object?[] args) => Add(elementId, code, variant, args);

    private void Add(string elementId, string code, string? variant, object?[] args) =>
        _problems.Add(DefinitionMessages.Problem(elementId, code, variant, args));
}
