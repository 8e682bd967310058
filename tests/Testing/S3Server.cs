using System.Diagnostics;
using System.Net.Sockets;
using System.Reflection;

namespace DossierWorkflow.Testing;

/// <summary>
/// A private S3-compatible object storage for one test run: the npm package <c>s3rver</c> (installed by this project's
/// build from its package-lock.json) under Node.js, on a free loopback port, its objects in a temporary directory, with one
/// bucket (<see cref="Bucket"/>) made at start. Started lazily by the first test that asks for it, stopped and deleted at
/// the end. Register once per test assembly: <c>[assembly: AssemblyFixture(typeof(S3Server))]</c>.
/// </summary>
public sealed class S3Server : IAsyncDisposable
{
    public const string RequireVariable = "REQUIRE_S3";

    /// <summary>The bucket that exists from the start; tests keep apart by their own key prefix.</summary>
    public const string Bucket = "dossiers";

    /// <summary>s3rver's fixed credentials.</summary>
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private static readonly string Script = typeof(S3Server).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "S3rverScript").Value!;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Process? _process;
    private string? _directory;
    private string? _serviceUrl;
    private string? _startError;

    /// <summary>Why the server cannot run here, or null when Node.js and the s3rver package are installed.</summary>
    public static string? MissingReason =>
        !File.Exists(Script) ? $"The npm package s3rver was not found at {Script} (the build of DossierWorkflow.Testing installs it with npm)."
        : FindNode() is null ? "Node.js was not found on the PATH (Debian: apt-get install -y nodejs)."
        : null;

    /// <summary>
    /// The server's address (<c>http://127.0.0.1:port</c>), starting it on first use. Skips the calling test when Node.js
    /// or s3rver is missing (fails under <c>REQUIRE_S3=1</c>).
    /// </summary>
    public async Task<string> ServiceUrlAsync()
    {
        TestRequirements.Require(RequireVariable, MissingReason);
        await _gate.WaitAsync();
        try
        {
            if (_startError is not null)
            {
                throw new InvalidOperationException(_startError);
            }

            if (_serviceUrl is null)
            {
                try
                {
                    _serviceUrl = await StartAsync();
                }
                catch (Exception e)
                {
                    _startError = "The private S3 server could not be started: " + e.Message;
                    throw;
                }
            }

            return _serviceUrl;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string> StartAsync()
    {
        _directory = Directory.CreateTempSubdirectory("dw-s3-").FullName;
        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackPort.Free();
            var start = new ProcessStartInfo(FindNode()!)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { Script, "--directory", _directory, "--address", "127.0.0.1", "--port", port.ToString(), "--silent", "--configure-bucket", Bucket })
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
                return $"http://127.0.0.1:{port}";
            }

            var message = await error;
            process.Dispose();
            if (attempt >= 5 || !message.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"s3rver exited: {message}");
            }
        }
    }

    /// <summary>True once the port accepts connections; false when the process ended first (30 s at most).</summary>
    private static async Task<bool> WaitUntilListeningAsync(Process process, int port)
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
        throw new TimeoutException($"s3rver did not listen on port {port} within 30 s.");
    }

    private static string? FindNode() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, "node"))
            .FirstOrDefault(File.Exists);

    public ValueTask DisposeAsync()
    {
        Stop();
        _gate.Dispose();
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
            Directory.Delete(directory, recursive: true);
        }
    }
}
