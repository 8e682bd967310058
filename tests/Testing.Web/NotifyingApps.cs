using DossierWorkflow.Testing;
using Microsoft.AspNetCore.Hosting;

namespace DossierWorkflow.Testing.Web;

/// <summary>
/// The channels a host tells applicants through in a test: e-mail to the run's <see cref="SmtpServer"/>, SMS to an
/// <see cref="SmsGateway"/> of the fixture's own. The host's background workers are off: a test delivers the outbox
/// itself (<c>DeliverOutboxAsync</c>), so what was sent is there when it looks. A delivery is tried twice, a millisecond apart,
/// before it becomes an incident.
/// </summary>
public sealed class NotificationChannels(SmtpServer smtp) : IAsyncDisposable
{
    private int _smtpPort;

    public SmtpServer Smtp => smtp;

    public SmsGateway Sms { get; private set; } = null!;

    /// <summary>Starts the servers, when they can run here (a test then skips or fails in <see cref="Apply"/>).</summary>
    public async Task StartAsync()
    {
        if (SmtpServer.MissingReason is null)
        {
            _smtpPort = await smtp.PortAsync();
        }

        Sms = await SmsGateway.StartAsync();
    }

    public void Apply(IWebHostBuilder builder)
    {
        TestRequirements.Require(SmtpServer.RequireVariableName, SmtpServer.MissingReason);
        builder.UseSetting("Notifications:Email:Host", "127.0.0.1");
        builder.UseSetting("Notifications:Email:Port", _smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Notifications:Email:Security", "None");
        builder.UseSetting("Notifications:Email:From", "khongtraloi@dichvucong.hanoi.gov.vn");
        builder.UseSetting("Notifications:Sms:Url", Sms.Url.ToString());
        builder.UseSetting("Notifications:Sms:ApiKey", SmsGateway.ApiKey);
        builder.UseSetting("Notifications:Sms:BrandName", "UBND HANOI");
        builder.UseSetting("WorkflowEngine:RunWorkers", "false");
        builder.UseSetting("WorkflowEngine:OutboxMaxAttempts", "2");
        builder.UseSetting("WorkflowEngine:RetryBaseDelay", "00:00:00.001");
    }

    public async ValueTask DisposeAsync()
    {
        if (Sms is not null)
        {
            await Sms.DisposeAsync();
        }
    }
}

/// <summary>A host that tells applicants through <see cref="NotificationChannels"/>.</summary>
public interface INotifyingApp
{
    NotificationChannels Channels { get; }
}

public class NotifyingSqliteApp(SmtpServer smtp) : SqliteApp, INotifyingApp
{
    public NotificationChannels Channels { get; } = new(smtp);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Channels.StartAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Channels.Apply(builder);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Channels.DisposeAsync();
    }
}

public class NotifyingPostgresApp(PostgresCluster cluster, SmtpServer smtp) : PostgresApp(cluster), INotifyingApp
{
    public NotificationChannels Channels { get; } = new(smtp);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Channels.StartAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Channels.Apply(builder);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Channels.DisposeAsync();
    }
}
