using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Dossiers.Calendar;

namespace DossierWorkflow.OfficerUi.CommandLine;

/// <summary><c>catalogue search "&lt;text&gt;"</c>: one line per procedure in force today, <c>&lt;code&gt; &lt;name&gt;</c>.</summary>
internal static class CatalogueCommands
{
    private const string SearchUsage = "catalogue search \"<text>\"";

    public static Task<int> RunAsync(CommandContext command)
    {
        if (command.Args is not ["search", var text] || string.IsNullOrWhiteSpace(text))
        {
            return Task.FromResult(command.UsageError(SearchUsage));
        }

        var today = new VietnameseWorkingCalendar([]).LocalDate(TimeProvider.System.GetUtcNow());
        var matches = ProcedureCatalogue.LoadEmbedded().Search(text, today);
        foreach (var match in matches)
        {
            command.Output.WriteLine($"{match.Procedure.Code} {match.Version.NameVi}");
        }

        return Task.FromResult(matches.Count > 0 ? CommandLineApp.Success : CommandLineApp.Negative);
    }
}
