using System.Collections.Concurrent;
using System.Diagnostics;

namespace DossierWorkflow.Testing.Operations;

/// <summary>
/// One instance of the officers' host as production runs it: its own process (<c>dotnet DossierWorkflow.OfficerUi.dll</c>
/// from the build output beside this assembly, <c>Production</c>), on a fixed loopback port, configured by environment
/// variables. It can be killed as a server dies (<c>SIGKILL</c>: no shutdown, nothing flushed) and started again on the
/// same port. Everything it logs is kept, so that a test can read it.
/// </summary>
public sealed class AppInstance(string name, int port, IReadOnlyDictionary<string, string> settings) : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _log = new();
    private Process? _process;

    public string Name { get; } = name;

    /// <summary>What the instance is configured with (environment variables), e.g. for a support command on its database.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; } = settings;

    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{port}/");

    /// <summary>The running process's id, or null when it is not running.</summary>
    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    /// <summary>Every line the instance wrote to its standard output and error, over all its lives.</summary>
    public IReadOnlyCollection<string> Log => _log;

    /// <summary>Starts the process (it is not ready yet: see <see cref="WaitUntilReadyAsync"/>).</summary>
    public void Start()
    {
        if (ProcessId is not null)
        {
            throw new InvalidOperationException($"{Name} is already running.");
        }

        _process?.Dispose();
        var directory = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(directory, "DossierWorkflow.OfficerUi.dll"), "--urls", BaseAddress.ToString().TrimEnd('/')])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in Settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Name} did not start.");
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 (the database and the attachment store reachable).</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process is null || _process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process?.ExitCode}: {string.Join(Environment.NewLine, _log.TakeLast(20))}");
            }

            try
            {
                using var response = await http.GetAsync("health/ready", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>
    /// Runs a support command of the host (<c>backup</c>, <c>restore</c>, …) as its own process in production, configured by
    /// <paramref name="settings"/> (an instance's <see cref="Settings"/>, changed where needed); returns its exit code and
    /// what it printed.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(
        IReadOnlyDictionary<string, string> settings, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        var directory = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(directory, "DossierWorkflow.OfficerUi.dll"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The support command did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Kills the process as a dying server goes (<c>SIGKILL</c>): no request finishes, nothing is flushed.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _log.Enqueue(line);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }
}
