using System.Diagnostics;
using System.Globalization;
using System.Net;
using DossierWorkflow.Bench;
using DossierWorkflow.Scale.Bench;
using DossierWorkflow.Testing;
using Npgsql;
using static DossierWorkflow.Bench.BenchHost;

// The officers' pages at a province's scale: a private PostgreSQL filled with --dossiers dossiers of 100 communes (with
// their workflow instances, tasks and journals), the app over HTTP with signed-in officers of one commune, and the p50
// and p95 of what they do most; then the managers' reports over the province. Prints key: value lines.
var dossiers = args is ["--dossiers", var n] && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= 1000 ? parsed
    : args.Length == 0 ? 1_000_000 : -1;
if (dossiers < 0)
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Scale.Bench [-- --dossiers 1000000]");
    return 2;
}

if (PostgresCluster.MissingReason is { } missing)
{
    Console.Error.WriteLine(missing);
    return 1;
}

const int Samples = 200;
await using var cluster = new PostgresCluster();
var connectionString = await cluster.CreateDatabaseAsync("scale_bench");
var port = LoopbackPort.Free();
var app = StartApp(connectionString, port, "scale-bench");
try
{
    var baseAddress = new Uri($"http://127.0.0.1:{port}/");
    await WaitUntilUpAsync(baseAddress);
    var reception = await Counter.SignInAsync(baseAddress);
    var specialist = await SignInAsync(baseAddress, "chuyenvien");
    var leader = await SignInAsync(baseAddress, "lanhdao");

    // Templates made by the officers themselves, then copied across the province.
    var fill = Stopwatch.StartNew();
    var templates = await Templates.MakeAsync(reception, specialist, leader, connectionString);
    await Province.FillAsync(connectionString, templates, dossiers);
    Print("dossiers", await Province.CountAsync(connectionString));
    Print("fill_s", fill.Elapsed.TotalSeconds);

    // The app again, as after a deployment: it reads the 99 communes written behind its back (its unit tree is read
    // once), and its memory starts from the province's data.
    app.Kill(entireProcessTree: true);
    await app.WaitForExitAsync();
    app.Dispose();
    app = StartApp(connectionString, port, "scale-bench");
    await WaitUntilUpAsync(baseAddress);
    reception = await Counter.SignInAsync(baseAddress);
    specialist = await SignInAsync(baseAddress, "chuyenvien");

    var rng = new Random(7);
    var ours = await Province.SampleAsync(connectionString, """SELECT "Code" FROM "Dossiers" WHERE "ReceivingUnit" = 'HN.HOANKIEM' ORDER BY random() LIMIT 400""");
    var ids = await Province.SampleAsync(connectionString, """SELECT "ApplicantCitizenId" FROM "Dossiers" WHERE "ReceivingUnit" = 'HN.HOANKIEM' ORDER BY random() LIMIT 400""");
    string Pick(IReadOnlyList<string> values) => values[rng.Next(values.Count)];

    await MeasureAsync("queue_page", () => Timed(() => GetAsync(specialist, "Tasks")));
    await MeasureAsync("dossier_page", () => Timed(() => GetAsync(specialist, $"Dossiers/{Uri.EscapeDataString(Pick(ours))}")));
    await MeasureAsync("search_code", () => Timed(() => GetAsync(specialist, $"Dossiers?Input.Code={Uri.EscapeDataString(Pick(ours)[..20])}")));
    string[] fragments = ["nguyen van an", "thi lan", "tran minh", "le thi mai", "hoang duc", "pham ngoc"];
    await MeasureAsync("search_name", () => Timed(() => GetAsync(specialist, $"Dossiers?Input.Name={Uri.EscapeDataString(fragments[rng.Next(fragments.Length)])}")));
    await MeasureAsync("search_id", () => Timed(() => GetAsync(specialist, $"Dossiers?Input.IdNumber={Pick(ids)}")));

    // Completing steps: the specialist's queued steps of the commune, one each (a dossier per request).
    var steps = new Queue<(string Code, string Step)>(await Province.OpenStepsAsync(connectionString, "specialist", 2 * Samples + 40));
    await MeasureAsync("complete_step", () => Step.CompleteAsync(specialist, steps.Dequeue()), Math.Min(Samples, steps.Count - 20));
    await MeasureAsync("accept", () => Timed(reception.AcceptAsync));
    Print("peak_rss_mb", PeakRssMb(app.Id));

    // The managers' reports over the whole province.
    await Reports.MeasureAsync(baseAddress, app.Id);

    // The citizens' portal over the province: tracking and SMS lookups by code, online submissions.
    await Portal.MeasureAsync(connectionString, Samples);
    Print("load_average_at_end", string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]));
    return 0;
}
finally
{
    app.Kill(entireProcessTree: true);
    await app.WaitForExitAsync();
    app.Dispose();
}

// 20 unmeasured requests, then `count` one at a time (each saying how long it took, in ms): p50 and p95 as
// <name>_p50_ms and <name>_p95_ms.
static async Task MeasureAsync(string name, Func<Task<double>> request, int count = Samples)
{
    for (var i = 0; i < 20; i++)
    {
        await request();
    }

    var latencies = new List<double>();
    for (var i = 0; i < count; i++)
    {
        latencies.Add(await request());
    }

    Print($"{name}_p50_ms", Percentile(latencies, 0.50));
    Print($"{name}_p95_ms", Percentile(latencies, 0.95));
}

static async Task<double> Timed(Func<Task> request)
{
    var clock = Stopwatch.StartNew();
    await request();
    return clock.Elapsed.TotalMilliseconds;
}

/// <summary>A reception officer of Phường Hoàn Kiếm accepting birth registrations at the counter.</summary>
internal sealed class Counter(HttpClient http, string antiforgery)
{
    public HttpClient Http => http;

    public static async Task<Counter> SignInAsync(Uri baseAddress)
    {
        var http = await BenchHost.SignInAsync(baseAddress, "tiepnhan");
        return new Counter(http, Token(await http.GetStringAsync("Reception")));
    }

    public async Task AcceptAsync() => await AcceptCodeAsync();

    public async Task<string> AcceptCodeAsync()
    {
        using var response = await http.PostAsync("Reception", CounterAcceptance(antiforgery));
        var location = response.Headers.Location?.OriginalString;
        return response.StatusCode == HttpStatusCode.Redirect && location?.StartsWith("/Reception/Received?code=", StringComparison.Ordinal) == true
            ? Uri.UnescapeDataString(location["/Reception/Received?code=".Length..])
            : throw new InvalidOperationException($"An acceptance failed: {(int)response.StatusCode}.");
    }
}

/// <summary>Completing a step from its page, as an officer does: the page read, then the outcome posted (timed).</summary>
internal static class Step
{
    /// <returns>How long the POST took, in ms.</returns>
    public static async Task<double> CompleteAsync(HttpClient http, (string Code, string Step) step, string outcome = "submit")
    {
        var path = $"Dossiers/{Uri.EscapeDataString(step.Code)}/Steps/{step.Step}";
        var token = Token(await http.GetStringAsync(path));
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Outcome"] = outcome,
        }));
        var ms = clock.Elapsed.TotalMilliseconds;
        return response.StatusCode == HttpStatusCode.Redirect ? ms : throw new InvalidOperationException($"Completing {step.Code} failed: {(int)response.StatusCode}.");
    }
}

/// <summary>Fifty dossiers of Phường Hoàn Kiếm in the states of a working office, made through the pages.</summary>
internal static class Templates
{
    public static async Task<IReadOnlyList<string>> MakeAsync(Counter reception, HttpClient specialist, HttpClient leader, string connectionString)
    {
        List<string> codes = [];
        for (var i = 0; i < 50; i++)
        {
            codes.Add(await reception.AcceptCodeAsync());
        }

        // 20 wait in the specialist's queue, 10 at the leader, 10 resolved at the counter, 10 returned.
        foreach (var code in codes.Skip(20))
        {
            await Step.CompleteAsync(specialist, (code, await Province.OpenStepAsync(connectionString, code)));
        }

        foreach (var code in codes.Skip(30))
        {
            await Step.CompleteAsync(leader, (code, await Province.OpenStepAsync(connectionString, code)), "approve");
        }

        foreach (var code in codes.Skip(40))
        {
            var path = $"Return/{Uri.EscapeDataString(code)}";
            var token = Token(await reception.Http.GetStringAsync(path));
            using var response = await reception.Http.PostAsync($"{path}?handler=Counter", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Input.Collector"] = "Applicant", ["Input.CollectorIdNumber"] = "001085012345", ["Input.PaymentMethod"] = "Cash",
            }));
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Returning {code} failed: {(int)response.StatusCode}.");
            }
        }

        return codes;
    }
}
