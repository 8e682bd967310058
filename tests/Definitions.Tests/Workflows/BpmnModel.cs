using System.Collections.Immutable;
using System.Xml.Linq;

namespace DossierWorkflow.Definitions.Tests.Workflows;

/// <summary>
/// A plain reading of a workflow.bpmn with System.Xml.Linq, independent of the engine's reader, so the catalogue
/// can check its definitions structurally before the engine's validator exists.
/// </summary>
internal sealed class BpmnModel
{
    public static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public static readonly XNamespace BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";
    public static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";
    public static readonly XNamespace Di = "http://www.omg.org/spec/DD/20100524/DI";
    public static readonly XNamespace Dw = "urn:dossierworkflow:bpmn:1";
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    private BpmnModel(XDocument document)
    {
        Document = document;
        Processes = [.. document.Root!.Elements(Bpmn + "process")];
        Process = Processes.Length == 1 ? Processes[0] : new XElement(Bpmn + "process");
        Nodes = Process.Elements()
            .Where(e => e.Name.Namespace == Bpmn && e.Name != Bpmn + "sequenceFlow")
            .ToImmutableDictionary(e => (string)e.Attribute("id")!, StringComparer.Ordinal);
        Flows = [.. Process.Elements(Bpmn + "sequenceFlow").Select(f => new Flow(
            (string)f.Attribute("id")!,
            (string)f.Attribute("sourceRef")!,
            (string)f.Attribute("targetRef")!,
            f.Element(Bpmn + "conditionExpression")?.Value.Trim()))];
        Messages = document.Root!.Elements(Bpmn + "message")
            .ToImmutableDictionary(m => (string)m.Attribute("id")!, m => (string?)m.Attribute("name") ?? "", StringComparer.Ordinal);
    }

    public XDocument Document { get; }

    public ImmutableArray<XElement> Processes { get; }

    public XElement Process { get; }

    public string ProcessId => (string?)Process.Attribute("id") ?? "";

    /// <summary>Flow nodes (events, activities, gateways) by id.</summary>
    public ImmutableDictionary<string, XElement> Nodes { get; }

    public ImmutableArray<Flow> Flows { get; }

    /// <summary>bpmn:message names by id.</summary>
    public ImmutableDictionary<string, string> Messages { get; }

    public static BpmnModel Parse(string xml) => new(XDocument.Parse(xml, LoadOptions.SetLineInfo));

    /// <summary>The procedure's workflow with the workflows its call activities start (by process id), for their budgets.</summary>
    public static BpmnModel Parse(string xml, IEnumerable<string> called)
    {
        var model = Parse(xml);
        model.Called = called.Select(Parse).ToImmutableDictionary(c => c.ProcessId, StringComparer.Ordinal);
        return model;
    }

    /// <summary>The workflows the call activities start, by process id (empty unless parsed with them).</summary>
    public ImmutableDictionary<string, BpmnModel> Called { get; private set; } = ImmutableDictionary<string, BpmnModel>.Empty;

    public IEnumerable<XElement> OfKind(string localName) => Nodes.Values.Where(n => n.Name == Bpmn + localName);

    public string Kind(string id) => Nodes[id].Name.LocalName;

    public IEnumerable<Flow> Outgoing(string id) => Flows.Where(f => f.Source == id);

    public IEnumerable<Flow> Incoming(string id) => Flows.Where(f => f.Target == id);

    /// <summary>Boundary events attached to an activity.</summary>
    public IEnumerable<XElement> BoundaryEvents(string activityId) =>
        OfKind("boundaryEvent").Where(b => (string?)b.Attribute("attachedToRef") == activityId);

    public XElement Start => OfKind("startEvent").Single();

    public static string? Dw_(XElement element, string name) => (string?)element.Attribute(Dw + name);

    /// <summary>
    /// A step's time budget: a user task's working days; a call activity's, those of the main path of the workflow it
    /// starts; none for the others.
    /// </summary>
    public int Budget(XElement node) =>
        node.Name == Bpmn + "userTask" ? int.Parse(Dw_(node, "durationDays")!, System.Globalization.CultureInfo.InvariantCulture)
        : node.Name == Bpmn + "callActivity" ? Called[(string)node.Attribute("calledElement")!] is var called ? called.MainPath().Sum(called.Budget) : 0
        : 0;

    /// <summary>Whether a user task runs once per element of a list (a multi-instance marker): its outcomes are collected, not routed.</summary>
    public static bool IsMultiInstance(XElement node) => node.Element(Bpmn + "multiInstanceLoopCharacteristics") is not null;

    /// <summary>
    /// Whether an end event ends a reminder: the branch a non-interrupting boundary event starts beside its step, which
    /// ends there without a result.
    /// </summary>
    public bool EndsReminder(XElement end)
    {
        var node = end;
        for (var steps = 0; steps < Nodes.Count && Incoming((string)node.Attribute("id")!).ToArray() is [var only]; steps++)
        {
            node = Nodes[only.Source];
            if (node.Name == Bpmn + "boundaryEvent")
            {
                return (string?)node.Attribute("cancelActivity") == "false";
            }
        }

        return false;
    }

    public static ImmutableArray<string> Outcomes(XElement userTask) =>
        [.. (Dw_(userTask, "outcomes") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>Every node reachable from the start along sequence flows and from activities to their boundary events.</summary>
    public ImmutableHashSet<string> Reachable()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([(string)Start.Attribute("id")!]);
        while (queue.TryDequeue(out var id))
        {
            if (!seen.Add(id))
            {
                continue;
            }

            foreach (var next in Outgoing(id).Select(f => f.Target)
                .Concat(BoundaryEvents(id).Select(b => (string)b.Attribute("id")!)))
            {
                queue.Enqueue(next);
            }
        }

        return [.. seen];
    }

    /// <summary>
    /// The main path: from the start, the default flow at every exclusive gateway and the only flow elsewhere, never a
    /// boundary event; at a parallel fork, the branch with the largest budget (the one the dossier waits for) up to the
    /// join where the branches meet again. Ends at the first end event.
    /// </summary>
    public ImmutableArray<XElement> MainPath()
    {
        var path = new List<XElement>();
        var node = Start;
        while (node.Name != Bpmn + "endEvent")
        {
            var (branch, next) = Walk(node);
            path.AddRange(branch);
            node = next;
        }

        path.Add(node);
        return [.. path];
    }

    /// <summary>
    /// From <paramref name="from"/> along the main path up to (not including) an end event or a parallel join: the nodes
    /// passed, and where it stopped. A parallel fork on the way is passed through its longest branch to its join.
    /// </summary>
    private (List<XElement> Nodes, XElement StoppedAt) Walk(XElement from)
    {
        var path = new List<XElement>();
        var node = from;
        while (true)
        {
            if (path.Count > Nodes.Count)
            {
                throw new InvalidOperationException("The main path loops.");
            }

            var id = (string)node.Attribute("id")!;
            var outgoing = Outgoing(id).ToArray();
            if (node.Name == Bpmn + "endEvent" || (path.Count > 0 && IsParallelJoin(node)))
            {
                return (path, node);
            }

            path.Add(node);
            if (node.Name == Bpmn + "parallelGateway" && outgoing.Length > 1)
            {
                var branches = outgoing.Select(f => Walk(Nodes[f.Target])).ToArray();
                var join = branches[0].StoppedAt;
                if (!IsParallelJoin(join) || branches.Any(b => b.StoppedAt != join))
                {
                    throw new InvalidOperationException($"The branches of {id} do not meet at one parallel gateway.");
                }

                path.AddRange(branches.MaxBy(b => b.Nodes.Sum(Budget)).Nodes);
                path.Add(join);
                node = Nodes[Outgoing((string)join.Attribute("id")!).Single().Target];
                continue;
            }

            var next = node.Name == Bpmn + "exclusiveGateway"
                ? outgoing.Single(f => f.Id == (string?)node.Attribute("default"))
                : outgoing.Length == 1 ? outgoing[0] : throw new InvalidOperationException($"{id} forks without a gateway.");
            node = Nodes[next.Target];
        }
    }

    private bool IsParallelJoin(XElement node) => node.Name == Bpmn + "parallelGateway" && Incoming((string)node.Attribute("id")!).Count() > 1;

    /// <summary>
    /// The largest sum of step budgets over paths from the start to an end event with the given result that visit
    /// no node twice (a loop — supplement, rework — restarts or re-runs steps and is not part of one legal time).
    /// </summary>
    public int LongestBudgetTo(string result)
    {
        var best = -1;
        var visited = new HashSet<string>(StringComparer.Ordinal);

        void Walk(XElement node, int sum)
        {
            var id = (string)node.Attribute("id")!;
            if (!visited.Add(id))
            {
                return;
            }

            sum += Budget(node);
            if (node.Name == Bpmn + "endEvent" && Dw_(node, "result") == result)
            {
                best = Math.Max(best, sum);
            }

            foreach (var flow in Outgoing(id))
            {
                Walk(Nodes[flow.Target], sum);
            }

            visited.Remove(id);
        }

        Walk(Start, 0);
        return best;
    }

    /// <summary>Diagram shapes (bounds) by BPMN element id.</summary>
    public ImmutableDictionary<string, Bounds> Shapes() =>
        Document.Descendants(BpmnDi + "BPMNShape").ToImmutableDictionary(
            s => (string)s.Attribute("bpmnElement")!,
            s => Bounds.Of(s.Element(Dc + "Bounds")!),
            StringComparer.Ordinal);

    /// <summary>Diagram edges: waypoint counts by flow id.</summary>
    public ImmutableDictionary<string, int> Edges() =>
        Document.Descendants(BpmnDi + "BPMNEdge").ToImmutableDictionary(
            e => (string)e.Attribute("bpmnElement")!,
            e => e.Elements(Di + "waypoint").Count(),
            StringComparer.Ordinal);

    public sealed record Flow(string Id, string Source, string Target, string? Condition);

    public sealed record Bounds(double X, double Y, double Width, double Height)
    {
        public static Bounds Of(XElement bounds) => new(
            (double)bounds.Attribute("x")!, (double)bounds.Attribute("y")!, (double)bounds.Attribute("width")!, (double)bounds.Attribute("height")!);

        public double CenterX => X + (Width / 2);

        public bool Overlaps(Bounds other) =>
            X < other.X + other.Width && other.X < X + Width && Y < other.Y + other.Height && other.Y < Y + Height;
    }
}
