using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Engine.Definitions.Compilation;
using DossierWorkflow.Engine.Graph;

namespace DossierWorkflow.Definitions.Tests.Workflows;

/// <summary>Every shipped workflow passes the engine's own validation, with the handlers the domain registers.</summary>
public sealed class EngineValidationTests
{
    private static readonly ProcedureCatalogue Catalogue = ProcedureCatalogue.LoadEmbedded();

    // The handler names the domain serves (src/Dossiers/Workflow/ServiceTaskHandlerNames.cs).
    private static readonly BpmnDefinitionCompiler Compiler = new(["issue-form", "notify"]);

    public static TheoryData<string> Codes => [.. Catalogue.Procedures.Select(p => p.Code)];

    [Theory]
    [MemberData(nameof(Codes))]
    public void The_workflow_compiles_without_problems(string code)
    {
        var procedure = Catalogue.FindByCode(code)!;

        var compilation = Compiler.Compile(procedure.WorkflowBpmn);

        Assert.True(compilation.IsValid, string.Join(Environment.NewLine, compilation.Problems));
        Assert.Equal(procedure.Key, compilation.Definition!.Key);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void The_workflows_its_call_activities_start_compile_without_problems(string code)
    {
        var procedure = Catalogue.FindByCode(code)!;

        var compilations = procedure.CalledWorkflows.Select(Compiler.Compile).ToList();

        Assert.All(compilations, c => Assert.True(c.IsValid, string.Join(Environment.NewLine, c.Problems)));
        var called = compilations.Select(c => c.Definition!.Key).ToHashSet();
        var calls = Compiler.Compile(procedure.WorkflowBpmn).GetDefinitionOrThrow().Nodes.Values.OfType<CallActivityNode>().Select(c => c.Called.Key);
        Assert.Equal(called.Order(), calls.Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_human_step_names_its_role_and_a_budget(string code)
    {
        var definition = Compiler.Compile(Catalogue.FindByCode(code)!.WorkflowBpmn).GetDefinitionOrThrow();

        Assert.All(definition.UserTasks, (UserTaskNode step) =>
        {
            Assert.Contains(step.Role, new[] { "reception", "specialist", "leader", "clerk" });
            Assert.NotNull(step.DurationDays);
        });
    }
}
