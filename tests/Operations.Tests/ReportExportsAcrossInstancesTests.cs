using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DossierWorkflow.Testing;
using DossierWorkflow.Testing.Operations;

namespace DossierWorkflow.Operations.Tests;

/// <summary>
/// A report export started on one instance runs once, there; its progress card and its file are served by every
/// instance (the load balancer sends the page's polls wherever it likes).
/// </summary>
public sealed partial class ReportExportsAcrossInstancesTests(PostgresCluster cluster, S3Server s3, SmtpServer smtp)
{
    [Fact]
    public async Task An_export_started_on_one_instance_is_followed_and_downloaded_on_the_other()
    {
        var cancel = TestContext.Current.CancellationToken;
        var setup = new OfficeSetup(await cluster.CreateDatabaseAsync("exports"), await s3.ServiceUrlAsync(), await smtp.PortAsync(), TimerBeforeProcessing: false);
        await using var office = await Office.OpenAsync(setup, instances: 2, cancel);
        var (first, second) = (office.Instances[0].BaseAddress, office.Instances[1].BaseAddress);
        using var manager = await office.SignInAsync("quanly", cancel);

        var page = await manager.GetStringAsync(new Uri(first, "Reports?Unit=HN&Kind=year"), cancel);
        using var start = new HttpRequestMessage(HttpMethod.Post, new Uri(first, "Reports?handler=Export"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Unit"] = "HN", ["Kind"] = "year", ["report"] = "Register" }),
        };
        start.Headers.Add("HX-Request", "true");
        start.Headers.Add("RequestVerificationToken", HtmxToken(page));
        var started = await manager.SendAsync(start, cancel);
        var card = await started.Content.ReadAsStringAsync(cancel);
        Assert.True(started.StatusCode == HttpStatusCode.OK, card);
        var id = ExportId().Match(card).Groups[1].Value;

        for (var polls = 0; !card.Contains("data-status=\"Ready\"", StringComparison.Ordinal); polls++)
        {
            Assert.True(polls < 150, $"The export did not finish: {card}");
            Assert.DoesNotContain("data-status=\"Failed\"", card);
            await Task.Delay(200, cancel);
            card = await manager.GetStringAsync(new Uri(second, $"Reports?handler=ExportProgress&id={id}"), cancel);
        }

        var fromSecond = await manager.GetAsync(new Uri(second, $"Reports?handler=Download&id={id}"), cancel);
        var fromFirst = await manager.GetAsync(new Uri(first, $"Reports?handler=Download&id={id}"), cancel);
        Assert.Equal(HttpStatusCode.OK, fromSecond.StatusCode);
        var bytes = await fromSecond.Content.ReadAsByteArrayAsync(cancel);
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
        Assert.Equal(bytes, await fromFirst.Content.ReadAsByteArrayAsync(cancel));
        Assert.Contains($"id=\"export-{id}\"", await manager.GetStringAsync(new Uri(second, "Reports?Unit=HN&Kind=year"), cancel));
        Assert.Equal(1L, await PostgresCluster.ExecuteScalarAsync(office.ConnectionString, $"SELECT count(*) FROM \"ReportExports\" WHERE \"Id\" = '{id}' AND \"Status\" = 2", cancel));
    }

    /// <summary>The antiforgery token the layout gives htmx (<c>hx-headers</c>).</summary>
    private static string HtmxToken(string page) =>
        JsonDocument.Parse(WebUtility.HtmlDecode(HxHeaders().Match(page).Groups[1].Value)).RootElement.GetProperty("RequestVerificationToken").GetString()!;

    [GeneratedRegex("id=\"export-([0-9a-f-]{36})\"")]
    private static partial Regex ExportId();

    [GeneratedRegex("hx-headers=\"([^\"]+)\"")]
    private static partial Regex HxHeaders();
}
