using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DossierWorkflow.Testing;
using DossierWorkflow.Testing.Operations;

namespace DossierWorkflow.Operations.Tests;

/// <summary>
/// PostgreSQL stopped for ten seconds under load, then started again: meanwhile every request that needs it is answered
/// "try again" (a page, or problem details for the API; never a stack trace) and the readiness probe says unhealthy;
/// afterwards the same process serves again, and nothing confirmed was lost or half-written.
/// </summary>
public sealed class DatabaseOutageTests(S3Server s3, SmtpServer smtp)
{
    [Fact]
    public async Task While_the_database_is_stopped_requests_are_told_to_try_again_and_the_app_recovers_without_a_restart()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var cluster = new PostgresCluster();
        var setup = new OfficeSetup(await cluster.CreateDatabaseAsync("outage"), await s3.ServiceUrlAsync(), await smtp.PortAsync());
        await using var office = await Office.OpenAsync(setup, instances: 1, cancel);
        var app = office.Instances[0];
        var processId = app.ProcessId;
        var record = new LoadRecord();
        var desks = new[] { new OfficeLoad(office, record, 1), new OfficeLoad(office, record, 2) };
        foreach (var desk in desks)
        {
            await desk.SignInAsync(cancel);
        }

        using var officer = await office.SignInAsync("chuyenvien", cancel);
        using var probe = new HttpClient { BaseAddress = app.BaseAddress };
        using var stop = new CancellationTokenSource();
        var load = desks.Select(d => Task.Run(() => d.RunAsync(stop.Token, cancel), CancellationToken.None)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(3), cancel);

        await cluster.StopServerAsync();
        var down = Stopwatch.StartNew();
        List<HttpResponseMessage> answers = [];
        while (down.Elapsed < TimeSpan.FromSeconds(10))
        {
            answers.Add(await officer.GetAsync(new Uri(app.BaseAddress, "Tasks"), cancel));
            answers.Add(await SubmitAsync(office, probe, cancel));
            answers.Add(await probe.GetAsync("health/ready", cancel));
            await Task.Delay(500, cancel);
        }

        var live = await probe.GetAsync("health/live", cancel);
        await cluster.StartAgainAsync();
        var back = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            status = (await officer.GetAsync(new Uri(app.BaseAddress, "Tasks"), cancel)).StatusCode;
        }
        while (status != HttpStatusCode.OK && back.Elapsed < TimeSpan.FromSeconds(30) && await Pause(cancel));

        var recoveredIn = back.Elapsed;
        var ready = await probe.GetAsync("health/ready", cancel);
        await Task.Delay(TimeSpan.FromSeconds(3), cancel);
        await stop.CancelAsync();
        await Task.WhenAll(load);
        await FaultAudit.DrainAsync(office.ConnectionString, TimeSpan.FromMinutes(1), cancel);
        var report = await FaultAudit.AuditAsync(office, record, kills: 0, smtp, cancel);
        TestContext.Current.TestOutputHelper!.WriteLine($"recovered_ms: {recoveredIn.TotalMilliseconds:0}");
        foreach (var line in report.Lines().Concat(report.Details).Concat(record.Unexpected.Take(20)))
        {
            TestContext.Current.TestOutputHelper!.WriteLine(line);
        }

        // During the outage: the pages say to try again, the API answers 503 problem details, readiness fails; never a stack trace.
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a.StatusCode));
        Assert.All(answers.Where(a => a.RequestMessage!.RequestUri!.AbsolutePath != "/health/ready"), a => Assert.Equal(TimeSpan.FromSeconds(10), a.Headers.RetryAfter?.Delta));
        foreach (var answer in answers)
        {
            var body = await answer.Content.ReadAsStringAsync(cancel);
            Assert.DoesNotContain("Exception", body);
            Assert.DoesNotContain("   at ", body);
            switch (answer.RequestMessage!.RequestUri!.AbsolutePath)
            {
                case "/Tasks":
                    Assert.Contains("Hệ thống tạm thời chưa sẵn sàng", WebUtility.HtmlDecode(body));
                    break;
                case "/api/v1/dossiers":
                    Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
                    Assert.Equal(503, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
                    break;
            }
        }

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        // Afterwards: the same process serves again, ready; nothing confirmed lost, nothing half-written or twice.
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(processId, app.ProcessId);
        Assert.True(report.Acknowledged > 10, $"Only {report.Acknowledged} changes were confirmed.");
        Assert.Equal((0, 0, 0), (report.Lost, report.Duplicated, report.HalfWritten));
        Assert.Equal((0, 0, 0), (report.TimersFiredTwice, report.TimersNotFired, report.NoticesUndelivered));
        Assert.DoesNotContain(record.Unexpected, u => u.Contains(" 500 ", StringComparison.Ordinal) || u.Contains("given up", StringComparison.Ordinal));
    }

    private static async Task<bool> Pause(CancellationToken cancel)
    {
        await Task.Delay(200, cancel);
        return true;
    }

    private static async Task<HttpResponseMessage> SubmitAsync(Office office, HttpClient http, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/dossiers")
        {
            Content = new MultipartFormDataContent { { new StringContent("{}", Encoding.UTF8, "application/json"), "dossier" } },
        };
        request.Headers.Add("X-Api-Key", office.ApiKey);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        return await http.SendAsync(request, cancel);
    }
}
