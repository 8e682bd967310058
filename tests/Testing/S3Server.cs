namespace DossierWorkflow.Testing;

/// <summary>
/// A private S3-compatible object storage for one test run: the npm package <c>s3rver</c> under Node.js (see
/// <see cref="NodeServer"/>), its objects in the server's temporary directory, with one bucket (<see cref="Bucket"/>)
/// made at start. Register once per test assembly: <c>[assembly: AssemblyFixture(typeof(S3Server))]</c>.
/// </summary>
public sealed class S3Server : NodeServer
{
    public const string RequireVariableName = "REQUIRE_S3";

    /// <summary>The bucket that exists from the start; tests keep apart by their own key prefix.</summary>
    public const string Bucket = "dossiers";

    /// <summary>s3rver's fixed credentials.</summary>
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private static readonly string ScriptPath = BuildPath("S3rverScript");

    /// <summary>Why the server cannot run here, or null when Node.js and the s3rver package are installed.</summary>
    public static string? MissingReason => MissingReasonFor(ScriptPath, "s3rver");

    protected override string Name => "s3rver";

    protected override string RequireVariable => RequireVariableName;

    protected override string Script => ScriptPath;

    protected override IEnumerable<string> Arguments(string directory, int port) =>
        ["--directory", directory, "--address", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent", "--configure-bucket", Bucket];

    /// <summary>The server's address (<c>http://127.0.0.1:port</c>), starting it on first use (see <see cref="NodeServer"/>).</summary>
    public async Task<string> ServiceUrlAsync() => $"http://127.0.0.1:{await PortAsync()}";
}
