using System.Net;
using DossierWorkflow.Testing;
using DossierWorkflow.Testing.Web;
using Microsoft.AspNetCore.Hosting;

namespace DossierWorkflow.OfficerUi.Tests.Hosting;

/// <summary>
/// The probes orchestrators ask: live while the process serves, ready while the database and the attachment store
/// answer — here with the object storage unreachable, so the host is live but not ready.
/// </summary>
public sealed class HealthProbeTests(HealthProbeTests.UnreachableStoreApp app) : IClassFixture<HealthProbeTests.UnreachableStoreApp>
{
    [Fact]
    public async Task A_host_whose_object_storage_does_not_answer_is_live_but_not_ready()
    {
        var client = app.CreateClient();

        var live = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);
        var ready = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        var health = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (live.StatusCode, await live.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (ready.StatusCode, await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
    }

    /// <summary>The host on SQLite with its files in S3-compatible storage at an address where nothing listens.</summary>
    public sealed class UnreachableStoreApp : SqliteApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Attachments:Store", "S3");
            builder.UseSetting("Attachments:S3:ServiceUrl", $"http://127.0.0.1:{LoopbackPort.Free()}");
            builder.UseSetting("Attachments:S3:Bucket", "dossiers");
            builder.UseSetting("Attachments:S3:AccessKey", "nobody");
            builder.UseSetting("Attachments:S3:SecretKey", "nothing");
        }
    }
}
