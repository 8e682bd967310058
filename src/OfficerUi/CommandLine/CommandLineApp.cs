namespace DossierWorkflow.OfficerUi.CommandLine;

/// <summary>
/// Support commands run through the host instead of the web server:
/// <c>dotnet run --project src/OfficerUi -- &lt;group&gt; &lt;verb&gt; …</c>. Exit codes: 0 success, 1 the command's
/// answer is negative (e.g. an invalid definition), 2 wrong usage.
/// </summary>
internal static class CommandLineApp
{
    public const int Success = 0;
    public const int Negative = 1;
    public const int Usage = 2;

    private static readonly IReadOnlyDictionary<string, Func<string[], TextWriter, TextWriter, int>> Groups =
        new Dictionary<string, Func<string[], TextWriter, TextWriter, int>>(StringComparer.Ordinal)
        {
            ["definitions"] = DefinitionsCommands.Run,
        };

    /// <summary>Whether the arguments name a command group rather than web-host settings.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && Groups.ContainsKey(args[0]);

    public static int Run(string[] args, TextWriter output, TextWriter error) => Groups[args[0]](args[1..], output, error);

    public static int UsageError(TextWriter error, string usage)
    {
        error.WriteLine("usage: " + usage);
        return Usage;
    }
}
