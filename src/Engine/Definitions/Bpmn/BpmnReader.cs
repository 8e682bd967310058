using System.Collections.Immutable;
using System.Xml;
using System.Xml.Linq;

namespace DossierWorkflow.Engine.Definitions.Bpmn;

/// <summary>
/// Reads BPMN 2.0 XML as bpmn-js and Camunda Modeler save it, with a reader hardened against hostile input:
/// no DTD (so no external entities and no entity expansion), no resolver, a size limit. The diagram interchange
/// part (<c>bpmndi</c>) and other artifacts are ignored for execution.
/// </summary>
internal static class BpmnReader
{
    /// <summary>The largest definition accepted, in characters (2 MiB).</summary>
    public const int MaxCharacters = 2 * 1024 * 1024;

    /// <summary>
    /// The deepest element nesting accepted. Real diagrams nest a handful of levels; the limit keeps every later
    /// walk of the tree (validation, hashing) far from the stack's limit.
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>The element id used for problems of the file as a whole, before any process id is known.</summary>
    public const string FileElementId = "definitions";

    private static readonly XNamespace Bpmn = BpmnNamespaces.Model;
    private static readonly XNamespace Dw = BpmnNamespaces.Extensions;

    private static readonly ImmutableHashSet<string> EventDefinitionKinds =
    [
        "messageEventDefinition", "timerEventDefinition", "terminateEventDefinition", "signalEventDefinition",
        "errorEventDefinition", "escalationEventDefinition", "conditionalEventDefinition", "compensateEventDefinition",
        "linkEventDefinition", "cancelEventDefinition", "eventDefinitionRef",
    ];

    /// <summary>Process children that carry no behaviour (documentation, lanes, annotations, data).</summary>
    private static readonly ImmutableHashSet<string> Artifacts =
    [
        "documentation", "extensionElements", "laneSet", "textAnnotation", "association", "group", "dataObject",
        "dataObjectReference", "dataStoreReference", "property", "ioSpecification", "ioBinding", "auditing", "monitoring",
        "correlationSubscription", "category",
    ];

    /// <summary>
    /// Children of a flow node that belong to the node itself; a sub-process's children are its flow elements and these,
    /// which are read with the sub-process (<see cref="ReadFlowNode"/>), not as flow elements of their own.
    /// </summary>
    private static readonly ImmutableHashSet<string> NodeParts =
    [
        "incoming", "outgoing", "dataInputAssociation", "dataOutputAssociation", "resourceRole", "performer", "humanPerformer",
        "potentialOwner", "multiInstanceLoopCharacteristics", "standardLoopCharacteristics",
    ];

    public static XmlReaderSettings HardenedSettings => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    /// <summary>Parses the XML. Problems are file-level: too large, a DTD, not well-formed, not BPMN.</summary>
    public static BpmnReadResult Read(string xml)
    {
        if (xml.Length > MaxCharacters)
        {
            return Failure(DefinitionProblemCodes.FileTooLarge, xml.Length, MaxCharacters);
        }

        XDocument document;
        try
        {
            using (var probe = XmlReader.Create(new StringReader(xml), HardenedSettings))
            {
                while (probe.Read())
                {
                    if (probe.Depth > MaxDepth)
                    {
                        return Failure(DefinitionProblemCodes.XmlTooDeep, MaxDepth, ((IXmlLineInfo)probe).LineNumber);
                    }
                }
            }

            using var reader = XmlReader.Create(new StringReader(xml), HardenedSettings);
            document = XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException) when (DeclaresDocumentType(xml))
        {
            return Failure(DefinitionProblemCodes.DocumentTypeForbidden);
        }
        catch (XmlException e)
        {
            return Failure(DefinitionProblemCodes.MalformedXml, e.LineNumber, e.LinePosition, e.Message);
        }

        var root = document.Root!;
        if (root.Name != Bpmn + "definitions")
        {
            return Failure(DefinitionProblemCodes.NotBpmn, root.Name.LocalName, root.Name.NamespaceName);
        }

        var messages = root.Elements(Bpmn + "message")
            .Select(m => new BpmnMessage(Attribute(m, "id"), Attribute(m, "name")))
            .ToImmutableArray();
        var participants = root.Elements(Bpmn + "collaboration").Elements(Bpmn + "participant")
            .Select(p => (Process: Attribute(p, "processRef"), Name: Attribute(p, "name")))
            .Where(p => p.Process is not null && p.Name is not null)
            .GroupBy(p => p.Process!, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.First().Name!, StringComparer.Ordinal);
        var processes = root.Elements(Bpmn + "process").Select(ReadProcess).ToImmutableArray();
        var errors = root.Elements(Bpmn + "error").Select(e => new BpmnError(Attribute(e, "id"), Attribute(e, "errorCode"))).ToImmutableArray();
        var escalations = root.Elements(Bpmn + "escalation").Select(e => new BpmnError(Attribute(e, "id"), Attribute(e, "escalationCode"))).ToImmutableArray();
        var signals = root.Elements(Bpmn + "signal").Select(s => new BpmnMessage(Attribute(s, "id"), Attribute(s, "name"))).ToImmutableArray();
        var read = new BpmnDocument(Attribute(root, "id"), processes, messages, participants) { Errors = errors, Escalations = escalations, Signals = signals };
        return new BpmnReadResult(read, document, []);
    }

    private static BpmnProcess ReadProcess(XElement process)
    {
        var nodes = ImmutableArray.CreateBuilder<BpmnFlowNode>();
        var flows = ImmutableArray.CreateBuilder<BpmnSequenceFlow>();
        ReadScope(process, null, nodes, flows);
        var executable = Attribute(process, "isExecutable")?.Trim() switch
        {
            null => (bool?)null,
            "true" or "1" => true,
            _ => false,
        };
        return new BpmnProcess(Attribute(process, "id"), Attribute(process, "name"), executable, nodes.ToImmutable(), flows.ToImmutable());
    }

    /// <summary>
    /// Reads the flow elements of a process or sub-process (<paramref name="scopeId"/>) into the process's lists, and those
    /// of its sub-processes after each (the reader's depth limit bounds the recursion).
    /// </summary>
    private static void ReadScope(XElement scope, string? scopeId, ImmutableArray<BpmnFlowNode>.Builder nodes, ImmutableArray<BpmnSequenceFlow>.Builder flows)
    {
        foreach (var element in scope.Elements())
        {
            var name = element.Name.LocalName;
            if (element.Name.Namespace != Bpmn || Artifacts.Contains(name)
                || (scopeId is not null && (NodeParts.Contains(name) || EventDefinitionKinds.Contains(name))))
            {
                continue;
            }

            if (name == "sequenceFlow")
            {
                flows.Add(ReadSequenceFlow(element) with { ScopeId = scopeId });
                continue;
            }

            var node = ReadFlowNode(element) with { ScopeId = scopeId };
            nodes.Add(node);
            if (node.ElementType == "subProcess" && node.Id is not null)
            {
                ReadScope(element, node.Id, nodes, flows);
            }
        }
    }

    private static BpmnFlowNode ReadFlowNode(XElement element)
    {
        var definitions = element.Elements()
            .Where(e => e.Name.Namespace == Bpmn && EventDefinitionKinds.Contains(e.Name.LocalName))
            .Select(ReadEventDefinition)
            .ToImmutableArray();
        var loop = element.Elements()
            .Where(e => e.Name.Namespace == Bpmn && e.Name.LocalName.EndsWith("LoopCharacteristics", StringComparison.Ordinal))
            .Select(ReadLoop)
            .FirstOrDefault();
        var cancel = Attribute(element, "cancelActivity");
        return new BpmnFlowNode(
            Attribute(element, "id"),
            element.Name.LocalName,
            Attribute(element, "name"),
            Extensions(element),
            definitions,
            Attribute(element, "attachedToRef"),
            cancel is null || !string.Equals(cancel.Trim(), "false", StringComparison.Ordinal),
            Attribute(element, "default"),
            Attribute(element, "messageRef"),
            loop)
        {
            TriggeredByEvent = IsTrue(Attribute(element, "triggeredByEvent")),
            IsInterrupting = !string.Equals(Attribute(element, "isInterrupting")?.Trim(), "false", StringComparison.Ordinal),
            CalledElement = Attribute(element, "calledElement"),
        };
    }

    private static BpmnLoop ReadLoop(XElement loop)
    {
        var condition = loop.Element(Bpmn + "completionCondition");
        return new BpmnLoop(
            loop.Name.LocalName,
            IsTrue(Attribute(loop, "isSequential")),
            Extensions(loop),
            Text(loop.Element(Bpmn + "loopCardinality")),
            condition is null ? null : new BpmnExpression(condition.Value, Attribute(condition, "language")));
    }

    private static bool IsTrue(string? value) => value?.Trim() is "true" or "1";

    private static BpmnEventDefinition ReadEventDefinition(XElement definition)
    {
        BpmnTimer? timer = null;
        if (definition.Name.LocalName == "timerEventDefinition")
        {
            timer = new BpmnTimer(Text(definition.Element(Bpmn + "timeDuration")), Text(definition.Element(Bpmn + "timeDate")), Text(definition.Element(Bpmn + "timeCycle")));
        }

        return new BpmnEventDefinition(definition.Name.LocalName, Attribute(definition, "messageRef"), timer, Extensions(definition))
        {
            ErrorRef = Attribute(definition, "errorRef"),
            EscalationRef = Attribute(definition, "escalationRef"),
            SignalRef = Attribute(definition, "signalRef"),
        };
    }

    private static BpmnSequenceFlow ReadSequenceFlow(XElement flow)
    {
        var condition = flow.Element(Bpmn + "conditionExpression");
        return new BpmnSequenceFlow(
            Attribute(flow, "id"),
            Attribute(flow, "name"),
            Attribute(flow, "sourceRef"),
            Attribute(flow, "targetRef"),
            condition is null ? null : new BpmnExpression(condition.Value, Attribute(condition, "language")));
    }

    private static ImmutableDictionary<string, string> Extensions(XElement element) =>
        element.Attributes()
            .Where(a => a.Name.Namespace == Dw)
            .ToImmutableDictionary(a => a.Name.LocalName, a => a.Value, StringComparer.Ordinal);

    private static string? Attribute(XElement element, string name) => element.Attribute(name)?.Value;

    private static string? Text(XElement? element) => element?.Value.Trim();

    /// <summary>
    /// Whether the text declares a document type. DTDs are prohibited (they are how external entities and
    /// entity-expansion bombs get in); this tells that refusal apart from other XML errors.
    /// </summary>
    private static bool DeclaresDocumentType(string xml) => xml.Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);

    private static BpmnReadResult Failure(string code, params object[] args) =>
        new(null, null, [new DefinitionProblem(FileElementId, code, DefinitionMessages.Format(code, args))]);
}

/// <summary>The document when it could be read; otherwise the file-level problems.</summary>
internal sealed record BpmnReadResult(BpmnDocument? Document, XDocument? Xml, IReadOnlyList<DefinitionProblem> Problems);
