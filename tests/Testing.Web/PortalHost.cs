using DossierWorkflow.Portal;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DossierWorkflow.Testing.Web;

/// <summary>
/// The citizens' portal over the database of an officers' host fixture (<see cref="OfficerUiApp.Portal"/>), as a
/// province runs them: two hosts, one database — a dossier the officers accept is tracked in the portal.
/// </summary>
public sealed class PortalHost(OfficerUiApp officers) : WebApplicationFactory<PortalProgram>
{
    /// <summary>Settings of this portal (set before its first request).</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        // Tests ask for many codes from one address; the test of the limit sets its own.
        ["Portal:RateLimits:TrackingPerMinute"] = "10000",
        ["Portal:RateLimits:AccountsPerMinute"] = "10000",
        ["Portal:Accounts:LogCodes"] = "false",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", officers.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", officers.ConnectionString);
        builder.UseSetting("Seeding:DemoDossiers", "0");
        if (officers is INotifyingApp notifying)
        {
            // The portal sends its one-time codes through the same test servers the officers' host tells applicants through.
            notifying.Channels.Apply(builder);
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
