using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using static DossierWorkflow.Bench.BenchHost;

namespace DossierWorkflow.Scale.Bench;

/// <summary>
/// The managers' reports over the province, as the province's manager asks for them over HTTP: the dashboard of the
/// province's year, the exports (Biểu 06 of the province's year, the register book of one commune's month and of the
/// province's year) started, followed to the end and downloaded, the sections the dashboard loads after it shows (who
/// holds the overdue dossiers, early warning, the service-quality indices). Each figure is
/// the median of a few runs, with the app's peak resident memory during them (<c>_peak_rss_mb</c>).
/// </summary>
internal static partial class Reports
{
    public static async Task MeasureAsync(Uri baseAddress, int appPid)
    {
        var manager = await SignInAsync(baseAddress, "quanly");
        var token = HtmxToken(await manager.GetStringAsync("Procedures"));
        var today = DateTime.UtcNow.AddHours(7);
        var provinceYear = $"Unit=HN&Kind=year&Year={today.Year}";
        var communeMonth = $"Unit=HN.HOANKIEM&Kind=month&Year={today.Year}&Number={today.Month}";

        // The exports first: the sections after them keep large working sets that the runtime holds on to for a while.
        await MeasureAsync("dashboard_ms", appPid, 5, () => GetAsync(manager, $"Reports?{provinceYear}"));
        await MeasureAsync("register_export_ms", appPid, 1, async () => Print("register_rows", await ExportAsync(manager, token, "Register", provinceYear)));
        await MeasureAsync("register_export_commune_month_ms", appPid, 3, () => ExportAsync(manager, token, "Register", communeMonth));
        await MeasureAsync("bieu06_export_ms", appPid, 3, () => ExportAsync(manager, token, "Bieu06", provinceYear));
        await MeasureAsync("overdue_holders_ms", appPid, 3, () => GetAsync(manager, "Reports?handler=Holders&Unit=HN"));
        await MeasureAsync("early_warning_ms", appPid, 3, () => GetAsync(manager, "Reports?handler=EarlyWarning&Unit=HN"));
        await MeasureAsync("quality_ms", appPid, 3, () => GetAsync(manager, $"Reports?handler=Quality&{provinceYear}"));
    }

    /// <summary>The median of <paramref name="runs"/> runs, and the app's peak resident memory during them (its high-water mark reset before).</summary>
    private static async Task MeasureAsync(string name, int pid, int runs, Func<Task> request)
    {
        await File.WriteAllTextAsync($"/proc/{pid}/clear_refs", "5");
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await request();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        Print(name, Percentile(times, 0.5));
        Print($"{name.Replace("_ms", "", StringComparison.Ordinal)}_peak_rss_mb", PeakRssMb(pid));
    }

    /// <summary>Starts an export as the page does, follows its progress card until it is ready, downloads the file; returns its rows.</summary>
    private static async Task<int> ExportAsync(HttpClient http, string token, string report, string query)
    {
        var fields = query.Split('&').Select(p => p.Split('=')).Select(p => new KeyValuePair<string, string>(p[0], p[1])).Append(new("report", report));
        using var request = new HttpRequestMessage(HttpMethod.Post, "Reports?handler=Export") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("RequestVerificationToken", token);
        using var started = await http.SendAsync(request);
        var card = await started.Content.ReadAsStringAsync();
        var id = ExportId().Match(card).Groups[1].Value;
        if (!started.IsSuccessStatusCode || id.Length == 0)
        {
            throw new InvalidOperationException($"Starting the export {report} failed: {(int)started.StatusCode}.");
        }

        while (!card.Contains("data-status=\"Ready\"", StringComparison.Ordinal))
        {
            if (card.Contains("data-status=\"Failed\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The export {report} ({query}) failed.");
            }

            await Task.Delay(100);
            card = await http.GetStringAsync($"Reports?handler=ExportProgress&id={id}");
        }

        using var file = await http.GetAsync($"Reports?handler=Download&id={id}");
        if (file.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Downloading the export {report} failed: {(int)file.StatusCode}.");
        }

        await file.Content.CopyToAsync(Stream.Null);
        return int.Parse(ReadyRows().Match(card).Groups[1].Value.Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
    }

    /// <summary>The antiforgery token the layout gives htmx.</summary>
    private static string HtmxToken(string page) =>
        WebUtility.HtmlDecode(HxHeaders().Match(page).Groups[1].Value) is var json && json.Length > 0
            ? System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("RequestVerificationToken").GetString()!
            : throw new InvalidOperationException("The page has no hx-headers.");

    [GeneratedRegex("id=\"export-([0-9a-f-]{36})\"")]
    private static partial Regex ExportId();

    [GeneratedRegex("Xong: ([0-9.,]+) dòng")]
    private static partial Regex ReadyRows();

    [GeneratedRegex("hx-headers=\"([^\"]+)\"")]
    private static partial Regex HxHeaders();
}
