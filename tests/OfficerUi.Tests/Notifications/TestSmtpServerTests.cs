using System.Net.Sockets;
using System.Text;
using DossierWorkflow.Testing;
using MailKit.Net.Smtp;
using MimeKit;

namespace DossierWorkflow.OfficerUi.Tests.Notifications;

/// <summary>
/// The run's SMTP server outlives a client that dies in the middle of a message (its connection reset, as when an app
/// instance is killed while sending): every later test still reaches it.
/// </summary>
public sealed class TestSmtpServerTests(DossierWorkflow.Testing.SmtpServer smtp)
{
    [Fact]
    public async Task A_connection_reset_in_the_middle_of_a_message_does_not_stop_the_server()
    {
        var port = await smtp.PortAsync();
        using (var dying = new TcpClient())
        {
            await dying.ConnectAsync("127.0.0.1", port, TestContext.Current.CancellationToken);
            var stream = dying.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true);
            await reader.ReadLineAsync(TestContext.Current.CancellationToken);
            foreach (var command in new[] { "HELO dying", "MAIL FROM:<a@example.vn>", "RCPT TO:<b@example.vn>" })
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), TestContext.Current.CancellationToken);
                await reader.ReadLineAsync(TestContext.Current.CancellationToken);
            }

            dying.Client.Close(timeout: 0); // a reset, not a goodbye: no FIN, as a killed process's socket ends
        }

        // The server reads the reset before this client's conversation (several round trips on one event loop): had
        // it stopped there, this would be refused.
        var recipient = $"{Guid.NewGuid():N}@example.vn";
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", port, MailKit.Security.SecureSocketOptions.None, TestContext.Current.CancellationToken);
        await client.SendAsync(new MimeMessage([new MailboxAddress("", "a@example.vn")], [new MailboxAddress("", recipient)], "after the reset", new TextPart("plain") { Text = "." }), TestContext.Current.CancellationToken);
        await client.DisconnectAsync(true, TestContext.Current.CancellationToken);

        Assert.Equal("after the reset", Assert.Single(await smtp.WaitForAsync(recipient)).Subject);
    }
}
