using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using DossierWorkflow.Testing;
using DossierWorkflow.Testing.Operations;

namespace DossierWorkflow.Operations.Tests;

/// <summary>
/// The officers' host as operators watch it: the Prometheus endpoint with the domain's metrics (only for the configured
/// network or the token), and traces and metrics pushed over OTLP to a collector (here a local HTTP receiver).
/// </summary>
public sealed partial class TelemetryTests(PostgresCluster cluster, S3Server s3, SmtpServer smtp)
{
    private const string Token = "scrape-token-for-the-test";

    [Fact]
    public async Task The_metrics_endpoint_shows_the_domains_figures_to_the_token_only_and_otlp_receives_traces_and_metrics()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var collector = new OtlpReceiver();
        var setup = new OfficeSetup(
            await cluster.CreateDatabaseAsync("telemetry"), await s3.ServiceUrlAsync(), await smtp.PortAsync(), TimerBeforeProcessing: false,
            Settings: new Dictionary<string, string>
            {
                ["Telemetry__SampleInterval"] = "00:00:01",
                ["Telemetry__Prometheus__AllowedNetworks__0"] = "10.0.0.0/8",
                ["Telemetry__Prometheus__Token"] = Token,
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            });
        await using var office = await Office.OpenAsync(setup, instances: 1, cancel);
        var record = new LoadRecord();
        var desk = new OfficeLoad(office, record, 1);
        await desk.SignInAsync(cancel);
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(4)))
        {
            await desk.RunAsync(stop.Token, cancel);
        }

        // One dossier past its appointment, for the overdue gauge.
        var overdue = record.Acknowledged.First(a => a.Operation == OfficeLoad.Accept).Code;
        await PostgresCluster.ExecuteScalarAsync(office.ConnectionString, $"""UPDATE "Dossiers" SET "AppointmentAt" = now() - interval '1 day', "ResolvedAt" = NULL WHERE "Code" = '{overdue}'""", cancel);
        await Task.Delay(TimeSpan.FromSeconds(3), cancel);

        using var http = new HttpClient { BaseAddress = office.Instances[0].BaseAddress };
        var refused = await http.GetAsync("metrics", cancel);
        var refusedWithSlash = await http.GetAsync("metrics/", cancel);
        using var scrape = new HttpRequestMessage(HttpMethod.Get, "metrics");
        scrape.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var scraped = await http.SendAsync(scrape, cancel);
        var metrics = await scraped.Content.ReadAsStringAsync(cancel);

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, refusedWithSlash.StatusCode);
        Assert.DoesNotContain("dossierworkflow_", await refusedWithSlash.Content.ReadAsStringAsync(cancel));
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        var submitted = record.Acknowledged.Where(a => a.Operation == OfficeLoad.Submit).Select(a => a.Code).Distinct().Count();
        var accepted = record.Acknowledged.Where(a => a.Operation == OfficeLoad.Accept).Select(a => a.Code).Distinct().Count();
        Assert.True(submitted > 2, $"Only {submitted} dossiers were submitted.");
        Assert.Equal(submitted, Value(metrics, "dossierworkflow_dossiers_received_total", "channel=\"online\"", "unit=\"HN.HOANKIEM\""));
        Assert.Equal(accepted, Value(metrics, "dossierworkflow_steps_completed_total", "role=\"reception\"", "unit=\"HN.HOANKIEM\""));
        Assert.Equal(1, Value(metrics, "dossierworkflow_dossiers_overdue", "unit=\"HN.HOANKIEM\""));
        Assert.Equal(0, Value(metrics, "dossierworkflow_incidents_open"));
        Assert.True(Value(metrics, "dossierworkflow_outbox_backlog") >= 0);
        Assert.True(Value(metrics, "dossierworkflow_timers_lag_seconds") >= 0);
        Assert.Contains("http_server_request_duration_seconds_bucket", metrics);
        Assert.Contains("db_client_", metrics);
        Assert.Contains("dotnet_gc_", metrics);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((collector.Count("/v1/traces") == 0 || collector.Count("/v1/metrics") == 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, cancel);
        }

        Assert.True(collector.Count("/v1/traces") > 0, "No traces reached the OTLP collector.");
        Assert.True(collector.Count("/v1/metrics") > 0, "No metrics reached the OTLP collector.");
    }

    /// <summary>The value of a metric's sample whose labels include all of <paramref name="labels"/>.</summary>
    private static double Value(string metrics, string name, params string[] labels)
    {
        foreach (Match sample in SamplePattern().Matches(metrics))
        {
            if (sample.Groups["name"].Value == name && labels.All(l => sample.Groups["labels"].Value.Contains(l, StringComparison.Ordinal)))
            {
                return double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        throw new Xunit.Sdk.XunitException($"No sample of {name} with {string.Join(", ", labels)} in:\n{string.Join('\n', metrics.Split('\n').Where(l => l.StartsWith("dossierworkflow", StringComparison.Ordinal)))}");
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(?:\{(?<labels>[^}]*)\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex SamplePattern();

    /// <summary>An OTLP/HTTP collector on loopback that only counts what it receives, by path.</summary>
    private sealed class OtlpReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentDictionary<string, int> _received = new();

        public OtlpReceiver()
        {
            var port = LoopbackPort.Free();
            Address = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Address + "/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Address { get; }

        public int Count(string path) => _received.GetValueOrDefault(path);

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                await context.Request.InputStream.CopyToAsync(Stream.Null);
                _received.AddOrUpdate(context.Request.Url!.AbsolutePath, 1, (_, n) => n + 1);
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }
}
