using DossierWorkflow.Engine.Definitions.Bpmn;
using DossierWorkflow.Engine.Definitions.Validation;

namespace DossierWorkflow.Engine.Definitions.Compilation;

/// <summary>
/// Compiles BPMN 2.0 XML (as saved by bpmn-js or Camunda Modeler) into an executable definition: read with a
/// hardened XML reader, validate against the supported subset (every problem at once), build the immutable graph.
/// Thread-safe and deterministic; the same XML always yields the same graph and <see cref="Graph.ExecutableDefinition.ContentHash"/>.
/// </summary>
public sealed class BpmnDefinitionCompiler : IDefinitionCompiler
{
    private readonly IReadOnlySet<string>? _registeredHandlers;

    /// <param name="registeredHandlers">The names service and send tasks may use in <c>dw:handler</c>.</param>
    public BpmnDefinitionCompiler(IEnumerable<string> registeredHandlers)
    {
        ArgumentNullException.ThrowIfNull(registeredHandlers);
        _registeredHandlers = registeredHandlers.ToHashSet(StringComparer.Ordinal);
    }

    private BpmnDefinitionCompiler()
    {
    }

    /// <summary>A compiler that checks that handlers are named but not that they exist (for tools without the host's registrations).</summary>
    public static BpmnDefinitionCompiler WithoutHandlerCheck() => new();

    public DefinitionCompilation Compile(string bpmnXml)
    {
        ArgumentNullException.ThrowIfNull(bpmnXml);
        var read = BpmnReader.Read(bpmnXml);
        if (read.Document is null)
        {
            return new DefinitionCompilation(null, read.Problems);
        }

        var (context, problems) = DefinitionValidator.Validate(read.Document, _registeredHandlers);
        if (context is null || problems.Count > 0)
        {
            return new DefinitionCompilation(null, problems);
        }

        return new DefinitionCompilation(GraphBuilder.Build(context, ContentHash.Compute(read.Xml!)), []);
    }
}
