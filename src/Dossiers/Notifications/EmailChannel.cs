using System.Security.Cryptography;
using System.Text;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DossierWorkflow.Dossiers.Notifications;

/// <summary>A plain-text e-mail; <see cref="IdempotencyKey"/> becomes its Message-ID, the same on every redelivery.</summary>
public sealed record EmailMessage(string To, string? ToName, string Subject, string Body, string IdempotencyKey);

/// <summary>
/// Sends e-mail over SMTP with MailKit (one connection per message: notices are few and far between), when
/// <c>Notifications:Email</c> is configured. A refusal or an unreachable server throws: the outbox retries, then raises
/// an incident.
/// </summary>
public sealed class EmailChannel(IOptions<NotificationOptions> options)
{
    private EmailOptions Options => options.Value.Email;

    public bool IsEnabled => Options.IsEnabled;

    /// <summary>
    /// Sends <paramref name="message"/>; <paramref name="accepted"/>, when given, runs the moment the server has taken it —
    /// before the goodbye — so that what records the sending leaves the shortest window in which a crash would send it
    /// again.
    /// </summary>
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken, Func<Task>? accepted = null)
    {
        var settings = Options;
        if (!settings.IsEnabled)
        {
            throw new InvalidOperationException("E-mail is not configured (Notifications:Email:Host and Notifications:Email:From).");
        }

        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = message.Body },
        };
        mime.From.Add(new MailboxAddress(settings.FromName, settings.From!));
        mime.To.Add(new MailboxAddress(message.ToName ?? "", message.To));
        mime.MessageId = $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(message.IdempotencyKey)))[..32]}@{settings.From!.Split('@')[^1]}";

        using var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        await client.ConnectAsync(settings.Host!, settings.Port, settings.Security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
        }

        await client.SendAsync(mime, cancellationToken);
        if (accepted is not null)
        {
            await accepted();
        }

        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or MailKit.ProtocolException or MailKit.Net.Smtp.SmtpCommandException)
        {
            // The server took the message; a failed goodbye must not make the outbox send it again.
        }
    }
}
