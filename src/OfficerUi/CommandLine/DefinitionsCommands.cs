using DossierWorkflow.Engine.Definitions;

namespace DossierWorkflow.OfficerUi.CommandLine;

/// <summary><c>definitions validate &lt;file.bpmn&gt;</c>: prints <c>valid</c>, or one <c>elementId: message</c> line per problem.</summary>
internal static class DefinitionsCommands
{
    private const string ValidateUsage = "definitions validate <file.bpmn>";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args is not ["validate", var path])
        {
            return CommandLineApp.UsageError(error, ValidateUsage);
        }

        var problems = DefinitionFiles.Validate(Path.GetFullPath(path));
        if (problems.Count == 0)
        {
            output.WriteLine("valid");
            return CommandLineApp.Success;
        }

        foreach (var problem in problems)
        {
            output.WriteLine(problem.ToString());
        }

        return CommandLineApp.Negative;
    }
}
