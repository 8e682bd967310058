using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Workflow;
using DossierWorkflow.Engine.Definitions;
using DossierWorkflow.Engine.Runtime;

namespace DossierWorkflow.Dossiers.WorkflowDesign;

/// <summary>
/// A test run of a procedure's workflow as it is being designed: the dossier as reception would start it (its unit,
/// channel, how its result is returned), the engine's test run of the steps (<see cref="WorkflowTestRun"/>), and the
/// appointment the law gives it on the real working calendar — so that the predicted end can be read against it.
/// Nothing is stored.
/// </summary>
public sealed class WorkflowTestRuns(IDefinitionCompiler compiler, WorkflowTestRun testRun, ProcedureCatalogue catalogue, CurrentWorkingCalendar calendar)
{
    public async Task<WorkflowTestRunOutcome> RunAsync(string key, string bpmnXml, WorkflowTestRunRequest request, CancellationToken cancellationToken)
    {
        if (catalogue.FindByKey(key) is not { } procedure)
        {
            return new WorkflowTestRunOutcome([new DefinitionProblem(key, "workflow-unknown", key)], null, null);
        }

        var compilation = compiler.Compile(bpmnXml);
        if (!compilation.IsValid)
        {
            return new WorkflowTestRunOutcome(compilation.Problems, null, null);
        }

        var version = procedure.VersionOn(DateOnly.FromDateTime(calendar.Calendar.ToLocal(request.ReceivedAt).DateTime)) ?? procedure.Versions[^1];
        var deadline = new DeadlineCalculator(calendar.Calendar).Compute(request.ReceivedAt, version.ProcessingTime.ToProcessingTime(), request.Channel);
        var run = await testRun.RunAsync(
            compilation.Definition!,
            new TestRunRequest(request.ReceivedAt)
            {
                Variables = WorkflowVariables.AtReception(request.ReceivingUnit, request.Channel, request.Delivery, fee: 0),
                Outcomes = request.Outcomes,
            },
            cancellationToken);
        return new WorkflowTestRunOutcome([], run, deadline);
    }

    /// <summary>
    /// When the dossier of a test run is resolved — what its appointment is measured against: at the leader's approval
    /// (as <see cref="DossierProcessing.AfterStep"/> reads it), else when the workflow ends; null when neither happened.
    /// </summary>
    public static DateTimeOffset? ResolvedAt(TestRunResult run) =>
        run.Steps.FirstOrDefault(step => step.Outcome == "approve")?.CompletedAt ?? run.EndedAt;
}

/// <summary>What the administrator picks for a test run: when and where the dossier arrives, how, and the outcomes to take.</summary>
public sealed record WorkflowTestRunRequest(DateTimeOffset ReceivedAt, string ReceivingUnit, ReceptionChannel Channel, ResultDelivery Delivery)
{
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Outcomes { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}

/// <summary>The run and the dossier's appointment, or the problems that keep the draft from running.</summary>
public sealed record WorkflowTestRunOutcome(IReadOnlyList<DefinitionProblem> Problems, TestRunResult? Run, Deadline? Deadline);
