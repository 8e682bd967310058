using DossierWorkflow.Engine.Definitions.Compilation;
using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Engine.Testing;

/// <summary>
/// Scenarios written as BPMN XML, compiled as a deployment compiles them (reading, validation, graph): for the constructs
/// whose shape is nesting (sub-processes, loops) the XML reads more plainly than a builder would.
/// </summary>
public static class BpmnText
{
    /// <summary>Compiles the process <paramref name="key"/> with the flow elements <paramref name="body"/> and the root elements <paramref name="roots"/> (messages, errors …).</summary>
    public static ExecutableDefinition Compile(string key, string body, string roots = "") =>
        BpmnDefinitionCompiler.WithoutHandlerCheck().Compile($"""
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:dw="urn:dossierworkflow:bpmn:1" id="Definitions_{key}" targetNamespace="urn:test">
              {roots}
              <process id="{key}" isExecutable="true">
                {body}
              </process>
            </definitions>
            """).GetDefinitionOrThrow();

    /// <summary>A sequence flow from one element to another (its id: <c>from_to_to</c>), with a condition when given.</summary>
    public static string Flow(string from, string to, string? condition = null) => condition is null
        ? $"""<sequenceFlow id="{from}_to_{to}" sourceRef="{from}" targetRef="{to}" />"""
        : $"""<sequenceFlow id="{from}_to_{to}" sourceRef="{from}" targetRef="{to}"><conditionExpression>{System.Security.SecurityElement.Escape(condition)}</conditionExpression></sequenceFlow>""";

    /// <summary>The flows joining the elements one after the other.</summary>
    public static string Chain(params string[] ids) => string.Concat(ids.Zip(ids.Skip(1), (from, to) => Flow(from, to)));
}
