using DossierWorkflow.Engine.Definitions.Bpmn;
using static DossierWorkflow.Engine.Definitions.DefinitionProblemCodes;

namespace DossierWorkflow.Engine.Definitions.Validation;

/// <summary>
/// Validates a read BPMN document against the supported subset and reports every problem at once. On success the
/// context also holds the interpreted conditions, triggers and task settings the compiler needs.
/// </summary>
internal static class DefinitionValidator
{
    public static (ValidationContext? Context, IReadOnlyList<DefinitionProblem> Problems) Validate(BpmnDocument document, IReadOnlySet<string>? registeredHandlers)
    {
        if (SelectProcess(document) is not { } process)
        {
            return (null, [SelectionProblem(document)]);
        }

        var context = new ValidationContext(document, process, registeredHandlers);
        FlowRules.CheckIdentities(context);
        ElementRules.Check(context);
        FlowRules.CheckSequenceFlows(context);
        FlowRules.CheckStartEvents(context);
        FlowRules.CheckConnections(context);
        FlowRules.CheckBoundaryAttachments(context);
        FlowRules.CheckReachability(context);
        GatewayRules.CheckSplits(context);
        GatewayRules.CheckParallelJoins(context);
        GatewayRules.CheckEventGateways(context);
        OutcomeRules.Check(context);
        return (context, context.Problems);
    }

    /// <summary>
    /// The one process to execute: the process marked executable, or the only process of the file (bpmn-js marks
    /// new diagrams non-executable, and administrators should not have to know that flag).
    /// </summary>
    private static BpmnProcess? SelectProcess(BpmnDocument document)
    {
        var executable = document.Processes.Where(p => p.IsExecutable == true).ToList();
        return executable.Count switch
        {
            1 => executable[0],
            0 when document.Processes.Length == 1 => document.Processes[0],
            _ => null,
        };
    }

    private static DefinitionProblem SelectionProblem(BpmnDocument document)
    {
        var elementId = document.Id ?? BpmnReader.FileElementId;
        var executable = document.Processes.Where(p => p.IsExecutable == true).Select(p => p.Id ?? "?").ToList();
        return document.Processes.Length == 0
            ? DefinitionMessages.Problem(elementId, NoProcess, null)
            : executable.Count > 1
                ? DefinitionMessages.Problem(elementId, SeveralExecutableProcesses, null, string.Join(", ", executable))
                : DefinitionMessages.Problem(elementId, NoExecutableProcess, null, string.Join(", ", document.Processes.Select(p => p.Id ?? "?")));
    }
}
