using DossierWorkflow.Testing;
using DossierWorkflow.Testing.Web;
using Microsoft.AspNetCore.Hosting;

namespace DossierWorkflow.Browser.Tests;

/// <summary>
/// The officers' host and the citizens' portal, each served by Kestrel on a real loopback port over one SQLite database,
/// telling applicants by e-mail (the run's SMTP server) and SMS (a gateway of its own) — for the browser walks of the portal.
/// </summary>
public sealed class PortalBrowserApp(SmtpServer smtp) : BrowserApp, INotifyingApp
{
    /// <summary>The secret the SMS gateway signs forwarded texts with.</summary>
    public const string SmsLookupSecret = "walk-secret";

    public NotificationChannels Channels { get; } = new(smtp);

    /// <summary>The portal's address, e.g. <c>http://127.0.0.1:41235/</c>; known once the servers have started.</summary>
    public Uri PortalAddress => Portal.ClientOptions.BaseAddress;

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

    protected override Task OnServerStartedAsync()
    {
        Portal.Settings["Portal:SmsLookup:Secret"] = SmsLookupSecret;
        Portal.UseKestrel(0);
        Portal.StartServer();
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Channels.DisposeAsync();
    }
}
