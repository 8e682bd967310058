using System.Diagnostics;
using System.Net.Sockets;
using System.Reflection;

namespace DossierWorkflow.Testing;

/// <summary>
/// A real server for one test run, written in JavaScript and run under Node.js (from npm packages this project's build
/// installs from its package-lock.json): started lazily on a free loopback port by the first test that asks for it,
/// with a temporary directory of its own, and stopped (the directory deleted) at the end of the run. Register each once
/// per test assembly: <c>[assembly: AssemblyFixture(typeof(…))]</c>.
/// </summary>
public abstract class NodeServer : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Process? _process;
    private string? _directory;
    private int? _port;
    private string? _startError;

    /// <summary>The server's name in messages.</summary>
    protected abstract string Name { get; }

    /// <summary>The variable that turns a missing server from a skip into a failure (<see cref="TestRequirements"/>).</summary>
    protected abstract string RequireVariable { get; }

    /// <summary>The script node runs.</summary>
    protected abstract string Script { get; }

    /// <summary>The script's arguments for a server keeping its data in <paramref name="directory"/>, listening on <paramref name="port"/>.</summary>
    protected abstract IEnumerable<string> Arguments(string directory, int port);

    /// <summary>The temporary directory of the running server.</summary>
    protected string Directory => _directory ?? throw new InvalidOperationException($"{Name} has not been started.");

    /// <summary>Why a server of <paramref name="script"/> cannot run here, or null when Node.js and the script are installed.</summary>
    protected static string? MissingReasonFor(string script, string package) =>
        !File.Exists(script) ? $"The npm package {package} was not found at {script} (the build of DossierWorkflow.Testing installs it with npm)."
        : FindNode() is null ? "Node.js was not found on the PATH (Debian: apt-get install -y nodejs)."
        : null;

    /// <summary>A path this assembly's build recorded (<c>AssemblyMetadata</c>), e.g. an installed package's script.</summary>
    protected static string BuildPath(string key) =>
        typeof(NodeServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    /// <summary>
    /// The server's loopback port, starting it on first use. Skips the calling test when Node.js or the package is
    /// missing (fails when <see cref="RequireVariable"/> is set).
    /// </summary>
    protected async Task<int> PortAsync()
    {
        TestRequirements.Require(RequireVariable, MissingReasonFor(Script, Name));
        await _gate.WaitAsync();
        try
        {
            if (_startError is not null)
            {
                throw new InvalidOperationException(_startError);
            }

            if (_port is null)
            {
                try
                {
                    _port = await StartAsync();
                }
                catch (Exception e)
                {
                    _startError = $"The private {Name} could not be started: {e.Message}";
                    throw;
                }
            }

            return _port.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<int> StartAsync()
    {
        _directory = System.IO.Directory.CreateTempSubdirectory($"dw-{Name}-").FullName;
        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackPort.Free();
            var start = new ProcessStartInfo(FindNode()!)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Script);
            foreach (var argument in Arguments(_directory, port))
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
            var error = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (await WaitUntilListeningAsync(process, port))
            {
                _process = process;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
                return port;
            }

            var message = await error;
            process.Dispose();
            if (attempt >= 5 || !message.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{Name} exited: {message}");
            }
        }
    }

    /// <summary>True once the port accepts connections; false when the process ended first (30 s at most).</summary>
    private async Task<bool> WaitUntilListeningAsync(Process process, int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                return false;
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        process.Kill();
        throw new TimeoutException($"{Name} did not listen on port {port} within 30 s.");
    }

    private static string? FindNode() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, "node"))
            .FirstOrDefault(File.Exists);

    public ValueTask DisposeAsync()
    {
        Stop();
        _gate.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private void Stop()
    {
        var process = Interlocked.Exchange(ref _process, null);
        if (process is not null)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
            process.Dispose();
        }

        var directory = Interlocked.Exchange(ref _directory, null);
        if (directory is not null)
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }
}
