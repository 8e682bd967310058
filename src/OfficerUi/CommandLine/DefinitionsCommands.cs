using DossierWorkflow.Dossiers.Workflow;
using DossierWorkflow.Engine.Definitions;

namespace DossierWorkflow.OfficerUi.CommandLine;

/// <summary><c>definitions validate &lt;file.bpmn&gt;</c>: prints <c>valid</c>, or one <c>elementId: message</c> line per problem.</summary>
internal static class DefinitionsCommands
{
    private const string ValidateUsage = "definitions validate <file.bpmn>";

    public static Task<int> RunAsync(CommandContext command)
    {
        if (command.Args is not ["validate", var path])
        {
            return Task.FromResult(command.UsageError(ValidateUsage));
        }

        var problems = DefinitionFiles.Validate(CommandContext.ResolvePath(path), ServiceTaskHandlerNames.All);
        if (problems.Count == 0)
        {
            command.Output.WriteLine("valid");
            return Task.FromResult(CommandLineApp.Success);
        }

        foreach (var problem in problems)
        {
            command.Output.WriteLine(problem.ToString());
        }

        return Task.FromResult(CommandLineApp.Negative);
    }
}
