using MimeKit;

namespace DossierWorkflow.Testing;

/// <summary>
/// A private SMTP server for one test run: the npm package <c>smtp-server</c> under Node.js (see <see cref="NodeServer"/>
/// and <c>smtp-server.mjs</c>), which keeps every message it receives, as sent, for the tests to read back. Tests share
/// it and keep apart by their own recipients. Register once per test assembly:
/// <c>[assembly: AssemblyFixture(typeof(SmtpServer))]</c>.
/// </summary>
public sealed class SmtpServer : NodeServer
{
    public const string RequireVariableName = "REQUIRE_SMTP";

    private static readonly string ScriptPath = BuildPath("SmtpServerScript");
    private static readonly string PackagePath = BuildPath("SmtpServerPackage");

    /// <summary>Why the server cannot run here, or null when Node.js and the smtp-server package are installed.</summary>
    public static string? MissingReason => MissingReasonFor(PackagePath, "smtp-server") ?? MissingReasonFor(ScriptPath, "smtp-server");

    protected override string Name => "smtp-server";

    protected override string RequireVariable => RequireVariableName;

    protected override string Script => ScriptPath;

    protected override IEnumerable<string> Arguments(string directory, int port) => [directory, port.ToString(System.Globalization.CultureInfo.InvariantCulture)];

    /// <summary>The server's port on 127.0.0.1, starting it on first use.</summary>
    public new Task<int> PortAsync() => base.PortAsync();

    /// <summary>Every message received so far for <paramref name="recipient"/>, oldest first.</summary>
    public async Task<IReadOnlyList<MimeMessage>> MessagesToAsync(string recipient) =>
        [.. (await AllMessagesAsync()).Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, recipient, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>Every message received so far, oldest first.</summary>
    public async Task<IReadOnlyList<MimeMessage>> AllMessagesAsync()
    {
        await PortAsync();
        var messages = new List<MimeMessage>();
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.eml").Order(StringComparer.Ordinal))
        {
            messages.Add(await MimeMessage.LoadAsync(file));
        }

        return messages;
    }

    /// <summary>
    /// Waits (up to <paramref name="timeout"/>, 10 s by default) until <paramref name="count"/> messages reached
    /// <paramref name="recipient"/>, and returns them; fails with what did arrive otherwise.
    /// </summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string recipient, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var messages = await MessagesToAsync(recipient);
            if (messages.Count >= count || DateTime.UtcNow > deadline)
            {
                return messages.Count >= count
                    ? messages
                    : throw new TimeoutException($"{messages.Count} of {count} message(s) reached {recipient}: {string.Join(" | ", messages.Select(m => m.Subject))}");
            }

            await Task.Delay(50);
        }
    }
}
