using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Definitions;

/// <summary>
/// Turns BPMN 2.0 XML into an <see cref="ExecutableDefinition"/>: read (hardened XML), validate (every problem at once),
/// compile. Compilation is deterministic: the same XML always gives the same graph and the same content hash.
/// </summary>
public interface IDefinitionCompiler
{
    DefinitionCompilation Compile(string bpmnXml);
}

/// <summary>One problem of a definition, tied to the BPMN element it concerns (the process id for whole-file problems).</summary>
public sealed record DefinitionProblem(string ElementId, string Code, string Message)
{
    public override string ToString() => $"{ElementId}: {Message}";
}

/// <summary>The outcome of compiling: a definition, or the complete list of problems.</summary>
public sealed record DefinitionCompilation(ExecutableDefinition? Definition, IReadOnlyList<DefinitionProblem> Problems)
{
    public bool IsValid => Definition is not null && Problems.Count == 0;

    /// <summary>The definition, or an exception listing every problem.</summary>
    public ExecutableDefinition GetDefinitionOrThrow() =>
        IsValid ? Definition! : throw new InvalidDefinitionException(Problems);
}

public sealed class InvalidDefinitionException(IReadOnlyList<DefinitionProblem> problems)
    : Exception("The workflow definition is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<DefinitionProblem> Problems { get; } = problems;
}
