using System.Diagnostics;

namespace DossierWorkflow.OfficerUi.Tests.CommandLine;

/// <summary>Runs the built host as a real program, the way <c>dotnet run --project src/OfficerUi -- …</c> does.</summary>
internal static class HostProcess
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? input = null)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "DossierWorkflow.OfficerUi.dll");
        var start = new ProcessStartInfo("dotnet", [host, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }
}
