using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.Dossiers.NationalPortal;

/// <summary>
/// The province's integration platform as the one-stop systems call it: <c>POST {Url}/auth</c> with the agency's
/// <c>dstcode</c> header and its credentials opens a session; each call is <c>POST {Url}/services</c> with
/// <c>{session, service, data}</c>. The session is kept between calls (one per process) and renewed once when the
/// platform says it expired; anything else the platform refuses throws, for the outbox to retry. A singleton: the
/// session is the one state it keeps.
/// </summary>
public sealed class IntegrationPlatform(IHttpClientFactory clients, IOptions<NationalPortalOptions> options)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _session;

    private HttpClient Http()
    {
        var http = clients.CreateClient(nameof(IntegrationPlatform));
        http.Timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds);
        return http;
    }

    public async Task CallAsync(string service, JsonObject data, CancellationToken cancellationToken)
    {
        var session = await SessionAsync(renew: false, cancellationToken);
        if (await PostAsync(session, service, data, cancellationToken) == Outcome.SessionExpired)
        {
            session = await SessionAsync(renew: true, cancellationToken, expired: session);
            if (await PostAsync(session, service, data, cancellationToken) == Outcome.SessionExpired)
            {
                throw new HttpRequestException($"The integration platform refused a new session for {service}.");
            }
        }
    }

    private async Task<Outcome> PostAsync(string session, string service, JsonObject data, CancellationToken cancellationToken)
    {
        using var response = await Http().PostAsJsonAsync(Address("services"), new JsonObject { ["session"] = session, ["service"] = service, ["data"] = data.DeepClone() }, cancellationToken);
        var answer = await AnswerAsync(response, cancellationToken);
        return response.StatusCode == HttpStatusCode.Unauthorized || answer.ErrorCode == 401 ? Outcome.SessionExpired
            : response.IsSuccessStatusCode && answer.ErrorCode == 0 ? Outcome.Done
            : throw new HttpRequestException($"The integration platform refused {service}: {(int)response.StatusCode} {answer.ErrorCode} {answer.Message}");
    }

    /// <summary>The session, opened when there is none (or when <paramref name="renew"/> and it is still <paramref name="expired"/>).</summary>
    private async Task<string> SessionAsync(bool renew, CancellationToken cancellationToken, string? expired = null)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_session is not null && !(renew && _session == expired))
            {
                return _session;
            }

            var settings = options.Value;
            using var request = new HttpRequestMessage(HttpMethod.Post, Address("auth"))
            {
                Content = JsonContent.Create(new { username = settings.UserName, password = settings.Password }),
            };
            request.Headers.Add("dstcode", settings.DstCode);
            using var response = await Http().SendAsync(request, cancellationToken);
            var answer = await AnswerAsync(response, cancellationToken);
            _session = response.IsSuccessStatusCode && answer.ErrorCode == 0 && answer.Session is { Length: > 0 } session
                ? session
                : throw new HttpRequestException($"The integration platform refused a session: {(int)response.StatusCode} {answer.ErrorCode} {answer.Message}");
            return _session;
        }
        finally
        {
            _gate.Release();
        }
    }

    private Uri Address(string path) => new($"{options.Value.Url!.TrimEnd('/')}/{path}");

    private static async Task<Answer> AnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<Answer>(JsonSerializerOptions.Web, cancellationToken) ?? new Answer(-1, null, null);
        }
        catch (JsonException)
        {
            return new Answer(-1, "not JSON", null);
        }
    }

    private enum Outcome
    {
        Done,
        SessionExpired,
    }

    private sealed record Answer([property: System.Text.Json.Serialization.JsonPropertyName("error_code")] int ErrorCode, string? Message, string? Session);
}
