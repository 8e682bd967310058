using System.ComponentModel.DataAnnotations;

namespace DossierWorkflow.Dossiers.Notifications;

/// <summary>
/// The channels the applicant is told through (section <c>Notifications</c>): e-mail over SMTP and SMS through an HTTP
/// gateway, each on when configured, off otherwise.
/// </summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    public EmailOptions Email { get; set; } = new();

    public SmsOptions Sms { get; set; } = new();
}

/// <summary>E-mail over SMTP (MailKit): on when <see cref="Host"/> and <see cref="From"/> are set.</summary>
public sealed class EmailOptions
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>
    /// <c>StartTls</c> (the default: upgrade a plain connection, refusing a server that cannot), <c>SslOnConnect</c> (port
    /// 465), <c>StartTlsWhenAvailable</c>, or <c>None</c> (a relay on the same machine or a test server only).
    /// </summary>
    public MailKit.Security.SecureSocketOptions Security { get; set; } = MailKit.Security.SecureSocketOptions.StartTls;

    /// <summary>The account to authenticate as; none: the server takes mail without authentication.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender's address, e.g. <c>khongtraloi@dichvucong.hanoi.gov.vn</c>.</summary>
    [EmailAddress]
    public string? From { get; set; }

    /// <summary>The sender's name shown to the applicant.</summary>
    public string FromName { get; set; } = "Cổng dịch vụ công";

    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);
}

/// <summary>
/// SMS through a brand-name SMS provider's JSON-over-HTTPS gateway: on when <see cref="Url"/> is set. Each message is a
/// <c>POST</c> of <c>{"brandName", "phone", "message", "requestId"}</c> (the phone as 84…; <c>requestId</c> the
/// notification's idempotency key, which the provider deduplicates by) with the key in <see cref="ApiKeyHeader"/>; any
/// 2xx answer is a delivery.
/// </summary>
public sealed class SmsOptions
{
    [Url]
    public string? Url { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>The header that carries <see cref="ApiKey"/>; <c>Authorization</c> sends it as <c>Bearer …</c>.</summary>
    public string ApiKeyHeader { get; set; } = "Authorization";

    /// <summary>The sender name registered with the provider (tin nhắn thương hiệu), e.g. <c>UBND HANOI</c>.</summary>
    public string BrandName { get; set; } = "DICHVUCONG";

    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Url);
}
