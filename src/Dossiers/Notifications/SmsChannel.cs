using System.Net.Http.Headers;
using System.Net.Http.Json;
using DossierWorkflow.Dossiers.Dossiers;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.Dossiers.Notifications;

/// <summary>An SMS to a Vietnamese mobile number; the provider deduplicates by <see cref="IdempotencyKey"/>.</summary>
public sealed record SmsMessage(string Phone, string Text, string IdempotencyKey);

/// <summary>
/// Sends SMS through the brand-name SMS provider's JSON-over-HTTPS gateway (see <see cref="SmsOptions"/>), when
/// <c>Notifications:Sms</c> is configured. Anything but a 2xx answer throws: the outbox retries, then raises an incident.
/// </summary>
public sealed class SmsChannel(HttpClient http, IOptions<NotificationOptions> options)
{
    private SmsOptions Options => options.Value.Sms;

    public bool IsEnabled => Options.IsEnabled;

    public async Task SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var settings = Options;
        if (!settings.IsEnabled)
        {
            throw new InvalidOperationException("SMS is not configured (Notifications:Sms:Url).");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url)
        {
            Content = JsonContent.Create(new { brandName = settings.BrandName, phone = InternationalNumber(message.Phone), message = message.Text, requestId = message.IdempotencyKey }),
        };
        if (!string.IsNullOrEmpty(settings.ApiKey))
        {
            if (settings.ApiKeyHeader.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
            }
            else
            {
                request.Headers.Add(settings.ApiKeyHeader, settings.ApiKey);
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        using var response = await http.SendAsync(request, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The SMS gateway answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
    }

    /// <summary>"0912345678" → "84912345678", as the providers want it.</summary>
    public static string InternationalNumber(string phone) =>
        ContactDetails.NormalisePhone(phone) is { } local && local.StartsWith('0') ? "84" + local[1..] : phone.TrimStart('+');
}
