using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DossierWorkflow.Dossiers.Notifications;
using DossierWorkflow.Dossiers.Tracking;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.Portal.Sms;

/// <summary>
/// <c>POST /sms/incoming</c>: the SMS gateway forwards a text a citizen sent to the portal's number —
/// <c>{"from": "84912345678", "text": "DVC 000.00.25.H26-261122-0001", "id": "…"}</c> — signed with the shared secret
/// (header <c>X-Signature: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c>). The reply (<see cref="SmsLookup"/>) goes back
/// to the sender through the SMS channel and is also the answer's body (<c>{"reply": "…"}</c>), for gateways that send
/// a reply themselves. Off (404) unless <c>Portal:SmsLookup:Secret</c> is set; a bad signature is 401.
/// </summary>
internal static class SmsLookupEndpoint
{
    public const string SignatureHeader = "X-Signature";
    private const int MaxBodyBytes = 4096;

    public static IEndpointRouteBuilder MapSmsLookup(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/sms/incoming", HandleAsync).DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext context, IOptions<SmsLookupOptions> options, SmsLookup lookup, SmsChannel sms, ILoggerFactory loggers)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.Secret))
        {
            return Results.NotFound();
        }

        var cancellationToken = context.RequestAborted;
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        // A body sent without its length is cut off at the limit as it streams in, never read whole.
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBodyBytes;
        }

        using var buffer = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(buffer, cancellationToken);
        }
        catch (BadHttpRequestException)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var body = buffer.ToArray();
        if (body.Length > MaxBodyBytes || !IsSigned(body, context.Request.Headers[SignatureHeader].ToString(), settings.Secret))
        {
            return Results.Unauthorized();
        }

        IncomingSms? incoming;
        try
        {
            incoming = JsonSerializer.Deserialize<IncomingSms>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            incoming = null;
        }

        if (incoming is not { From.Length: > 0 })
        {
            return Results.BadRequest();
        }

        var reply = await lookup.ReplyAsync(incoming.Text, settings.Keyword, cancellationToken);
        if (sms.IsEnabled)
        {
            // The reply's key is the incoming message's: a gateway that forwards a message twice gets one reply.
            await sms.SendAsync(new SmsMessage(incoming.From, reply, $"sms-reply:{incoming.Id ?? Convert.ToHexStringLower(SHA256.HashData(body))}"), cancellationToken);
        }
        else
        {
            loggers.CreateLogger(typeof(SmsLookupEndpoint)).LogWarning("An SMS lookup was answered only in the response: Notifications:Sms is not configured.");
        }

        return Results.Ok(new { reply });
    }

    /// <summary>True when <paramref name="signature"/> is <c>sha256=</c> and the hex HMAC-SHA256 of the body with the secret.</summary>
    public static bool IsSigned(byte[] body, string signature, string secret)
    {
        const string prefix = "sha256=";
        if (!signature.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        byte[] given;
        try
        {
            given = Convert.FromHexString(signature[prefix.Length..]);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private sealed record IncomingSms(string? From, string? Text, string? Id);
}

/// <summary>The SMS lookup (section <c>Portal:SmsLookup</c>).</summary>
internal sealed class SmsLookupOptions
{
    public const string SectionName = "Portal:SmsLookup";

    /// <summary>The secret the gateway signs forwarded messages with; the endpoint is off without it.</summary>
    public string? Secret { get; set; }

    /// <summary>The keyword citizens text before the code.</summary>
    public string Keyword { get; set; } = "DVC";
}
