using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.OfficerUi.Hosting;

namespace DossierWorkflow.OfficerUi.CommandLine;

/// <summary>
/// Support commands run through the host instead of the web server:
/// <c>dotnet run --project src/OfficerUi -- &lt;group&gt; &lt;verb&gt; …</c>. Exit codes: 0 success, 1 the command's
/// answer is negative (an invalid definition, nothing found), 2 wrong usage.
/// </summary>
internal static class CommandLineApp
{
    public const int Success = 0;
    public const int Negative = 1;
    public const int Usage = 2;

    private static readonly IReadOnlyDictionary<string, Func<CommandContext, Task<int>>> Groups =
        new Dictionary<string, Func<CommandContext, Task<int>>>(StringComparer.Ordinal)
        {
            ["definitions"] = DefinitionsCommands.RunAsync,
            ["catalogue"] = CatalogueCommands.RunAsync,
            ["deadlines"] = DeadlinesCommands.RunAsync,
            ["officers"] = OfficersCommands.RunAsync,
            ["units"] = UnitsCommands.RunAsync,
            ["api-clients"] = ApiClientsCommands.RunAsync,
            ["backup"] = BackupCommands.BackupAsync,
            ["restore"] = BackupCommands.RestoreAsync,
        };

    /// <summary>Whether the arguments name a command group rather than web-host settings.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && Groups.ContainsKey(args[0]);

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        try
        {
            return await Groups[args[0]](new CommandContext(args[1..], input, output, error));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Support staff get the reason (e.g. the database cannot be reached), not a stack trace.
            await error.WriteLineAsync($"error: {e.GetBaseException().Message}");
            return CommandLineApp.Negative;
        }
    }
}

/// <summary>The arguments after the group name, and where to write.</summary>
internal sealed record CommandContext(string[] Args, TextReader Input, TextWriter Output, TextWriter Error)
{
    /// <summary>
    /// The application's services on the configured database, migrated and seeded as at start-up (unless
    /// <paramref name="initialise"/> is false: a restore needs the database empty); the web server is not started. The
    /// caller disposes it.
    /// </summary>
    public static async Task<WebApplication> StartServicesAsync(bool initialise = true)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.AddOfficerUi();
        var app = builder.Build();
        if (initialise)
        {
            await app.Services.InitialiseDatabaseAsync();
        }

        return app;
    }

    public int UsageError(string usage)
    {
        Error.WriteLine("usage: " + usage);
        return CommandLineApp.Usage;
    }

    /// <summary>
    /// A path as the user typed it, relative to the directory they typed it in. <c>dotnet run --project</c> starts the
    /// program in the project's directory but keeps the shell's <c>PWD</c>, so relative paths are resolved against that.
    /// </summary>
    public static string ResolvePath(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        var shellDirectory = Environment.GetEnvironmentVariable("PWD");
        return Path.GetFullPath(path, Directory.Exists(shellDirectory) ? shellDirectory : Environment.CurrentDirectory);
    }
}
