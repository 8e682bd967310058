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
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", officers.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", officers.ConnectionString);
        builder.UseSetting("Seeding:DemoDossiers", "0");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
