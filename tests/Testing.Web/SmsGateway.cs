using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DossierWorkflow.Testing.Web;

/// <summary>
/// An HTTP server on a loopback port standing for a brand-name SMS provider's gateway: it takes
/// <c>POST /sms</c> with the JSON the app sends, checks the API key, records every message, and fails on demand.
/// </summary>
public sealed class SmsGateway : IAsyncDisposable
{
    public const string ApiKey = "sms-test-key";

    private readonly WebApplication _app;

    private SmsGateway(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>Where the app posts its messages.</summary>
    public Uri Url { get; }

    /// <summary>Every message the gateway accepted, in order.</summary>
    public ConcurrentQueue<SentSms> Sent { get; } = new();

    /// <summary>How many of the next requests to answer 503, as a provider that is down does.</summary>
    public int FailuresLeft { get; set; }

    public static async Task<SmsGateway> StartAsync()
    {
        var port = LoopbackPort.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var gateway = new SmsGateway(app, new Uri($"http://127.0.0.1:{port}/sms"));
        app.MapPost("/sms", async (HttpContext context) =>
        {
            if (context.Request.Headers.Authorization.ToString() != $"Bearer {ApiKey}")
            {
                return Results.Unauthorized();
            }

            if (gateway.FailuresLeft > 0)
            {
                gateway.FailuresLeft--;
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var root = body.RootElement;
            gateway.Sent.Enqueue(new SentSms(
                root.GetProperty("brandName").GetString()!, root.GetProperty("phone").GetString()!,
                root.GetProperty("message").GetString()!, root.GetProperty("requestId").GetString()!));
            return Results.Ok(new { code = 100, message = "accepted" });
        });
        await app.StartAsync();
        return gateway;
    }

    /// <summary>The messages sent to <paramref name="phone"/> (as the app sends it: 84…).</summary>
    public IReadOnlyList<SentSms> To(string phone) => [.. Sent.Where(s => s.Phone == phone)];

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>One SMS as the gateway received it.</summary>
public sealed record SentSms(string BrandName, string Phone, string Message, string RequestId);
