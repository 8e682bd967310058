using System.Text.Json.Nodes;

namespace DossierWorkflow.Engine.Graph;

/// <summary>
/// A sequence-flow condition, parsed and checked at deploy time. Evaluation is pure: it reads the instance's
/// variables and cannot run code, touch the file system or loop.
/// </summary>
public abstract class CompiledCondition(string source)
{
    /// <summary>The expression text as written in the BPMN file.</summary>
    public string Source { get; } = source;

    /// <summary>
    /// Evaluates against the instance variables. A missing variable reads as null; a comparison that makes no sense
    /// for the values at hand (e.g. <c>"a" &lt; 3</c>) is false rather than an error.
    /// </summary>
    public abstract bool Evaluate(JsonObject variables);

    /// <summary>The root variable names the condition reads (e.g. <c>outcome</c>, <c>fee</c>).</summary>
    public abstract IReadOnlyCollection<string> Variables { get; }

    public override string ToString() => Source;
}
