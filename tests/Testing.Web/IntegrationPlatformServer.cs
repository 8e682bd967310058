using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DossierWorkflow.Testing.Web;

/// <summary>
/// An HTTP server on a loopback port standing for the province's integration platform (LGSP): <c>POST /auth</c> with the
/// agency's <c>dstcode</c> header and credentials opens a session, <c>POST /services</c> takes <c>{session, service,
/// data}</c> while the session lives, and keeps every call. Sessions can be made to expire and the platform to fail.
/// </summary>
public sealed class IntegrationPlatformServer : IAsyncDisposable
{
    public const string DstCode = "000.00.25.H26";
    public const string UserName = "dvc-hanoi";
    public const string Password = "lgsp-test-password";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, bool> _sessions = new();
    private int _opened;

    private IntegrationPlatformServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>Every call the platform took, in order.</summary>
    public ConcurrentQueue<(string Service, JsonObject Data)> Calls { get; } = new();

    /// <summary>How many sessions were opened.</summary>
    public int SessionsOpened => _opened;

    /// <summary>How many of the next calls to answer 503.</summary>
    public int FailuresLeft { get; set; }

    /// <summary>Ends every open session: the next call is told so.</summary>
    public void ExpireSessions() => _sessions.Clear();

    /// <summary>The calls about one dossier.</summary>
    public IReadOnlyList<(string Service, JsonObject Data)> CallsFor(string code) => [.. Calls.Where(c => c.Data["MaHoSo"]?.GetValue<string>() == code)];

    public static async Task<IntegrationPlatformServer> StartAsync()
    {
        var port = LoopbackPort.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var platform = new IntegrationPlatformServer(app, new Uri($"http://127.0.0.1:{port}/lgsp"));
        app.MapPost("/lgsp/auth", async (HttpContext context) =>
        {
            var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
            if (context.Request.Headers["dstcode"] != DstCode || body?["username"]?.GetValue<string>() != UserName || body["password"]?.GetValue<string>() != Password)
            {
                return Results.Json(new JsonObject { ["error_code"] = 403, ["message"] = "Sai thông tin xác thực" }, statusCode: StatusCodes.Status403Forbidden);
            }

            var session = $"s-{Interlocked.Increment(ref platform._opened)}-{Guid.NewGuid():N}";
            platform._sessions[session] = true;
            return Results.Json(new JsonObject { ["error_code"] = 0, ["session"] = session });
        });
        app.MapPost("/lgsp/services", async (HttpContext context) =>
        {
            var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
            if (body?["session"]?.GetValue<string>() is not { } session || !platform._sessions.ContainsKey(session))
            {
                return Results.Json(new JsonObject { ["error_code"] = 401, ["message"] = "Phiên làm việc hết hạn" });
            }

            if (platform.FailuresLeft > 0)
            {
                platform.FailuresLeft--;
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            platform.Calls.Enqueue((body["service"]!.GetValue<string>(), (JsonObject)body["data"]!.DeepClone()));
            return Results.Json(new JsonObject { ["error_code"] = 0, ["message"] = "Thành công" });
        });
        await app.StartAsync();
        return platform;
    }

    /// <summary>The officers' host's settings to synchronise with this platform.</summary>
    public void Apply(IWebHostBuilder builder)
    {
        builder.UseSetting("NationalPortal:Url", Url.ToString());
        builder.UseSetting("NationalPortal:DstCode", DstCode);
        builder.UseSetting("NationalPortal:UserName", UserName);
        builder.UseSetting("NationalPortal:Password", Password);
        builder.UseSetting("NationalPortal:ProcedureCodes:1.001193", "1.001193.000.00.00.H26");
        builder.UseSetting("WorkflowEngine:RunWorkers", "false");
        builder.UseSetting("WorkflowEngine:OutboxMaxAttempts", "2");
        builder.UseSetting("WorkflowEngine:RetryBaseDelay", "00:00:00.001");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>A host reporting its dossiers to an <see cref="IntegrationPlatformServer"/> of its own.</summary>
public interface ISyncingApp
{
    IntegrationPlatformServer Platform { get; }
}

public class SyncingSqliteApp : SqliteApp, ISyncingApp
{
    public IntegrationPlatformServer Platform { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Platform = await IntegrationPlatformServer.StartAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Platform.Apply(builder);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Platform.DisposeAsync();
    }
}

public class SyncingPostgresApp(PostgresCluster cluster) : PostgresApp(cluster), ISyncingApp
{
    public IntegrationPlatformServer Platform { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Platform = await IntegrationPlatformServer.StartAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Platform.Apply(builder);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Platform.DisposeAsync();
    }
}
