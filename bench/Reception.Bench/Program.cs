using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DossierWorkflow.Dossiers.OnlineIntake;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Testing;
using Npgsql;
using DossierWorkflow.Bench;
using static DossierWorkflow.Bench.BenchHost;

// Reception throughput over HTTP against the running app on a private PostgreSQL: four officers accepting dossiers at
// the counter at once, form 01 rendered on its own, and online submissions with a 1 MB scan each. Prints key: value lines.
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Reception.Bench [-- --acceptances 2000 --submissions 400 --officers 4 --warmup 1500]");
    return 2;
}

if (PostgresCluster.MissingReason is { } missing)
{
    Console.Error.WriteLine(missing);
    return 1;
}

await using var cluster = new PostgresCluster();
var connectionString = await cluster.CreateDatabaseAsync("reception_bench");
var port = LoopbackPort.Free();
using var app = BenchHost.StartApp(connectionString, port, "reception-bench");
try
{
var baseAddress = new Uri($"http://127.0.0.1:{port}/");
await BenchHost.WaitUntilUpAsync(baseAddress);
await AddOfficersAsync(connectionString, options.Officers);
var apiKey = await AddApiClientAsync(connectionString);

var officers = await Task.WhenAll(Enumerable.Range(1, options.Officers).Select(i => Officer.SignInAsync(baseAddress, $"bench.tiepnhan{i}")));
Print("officers", options.Officers);

// Warm-up: the first requests compile queries, prepare statements and fill caches, and the runtime keeps recompiling the
// busiest methods (tiered compilation) for several seconds: measured before it settles, a quarter of the app's processor
// time goes to the JIT. What is measured is the app as it runs for days, so the warm-up lasts until it has settled.
await RunAsync(officers, options.Warmup, officer => officer.AcceptAsync());

var cpu = await CpuTime.OfAsync(() => [app.Id], connectionString);
var cpuBefore = cpu.Now();
var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var accepted = await RunAsync(officers, options.Acceptances, officer => officer.AcceptAsync());
var cpuAfter = cpu.Now();
var benchCpu = Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore;
Print("acceptances", accepted.Count);
Print("accept_per_s", accepted.Count / accepted.Elapsed.TotalSeconds);
Print("accept_p50_ms", Percentile(accepted.Latencies, 0.50));
Print("accept_p95_ms", Percentile(accepted.Latencies, 0.95));
Print("accept_p99_ms", Percentile(accepted.Latencies, 0.99));
// Processor time per acceptance on each side: the side with the larger share limits throughput on shared cores.
Print("accept_app_cpu_ms", (cpuAfter.App - cpuBefore.App) * 1000 / accepted.Count);
Print("accept_postgres_cpu_ms", (cpuAfter.Postgres - cpuBefore.Postgres) * 1000 / accepted.Count);
Print("accept_bench_cpu_ms", benchCpu.TotalMilliseconds / accepted.Count);

var forms = new List<double>();
foreach (var code in accepted.Codes.Take(200))
{
    forms.Add(await officers[0].PrintForm01Async(code));
}

Print("form01_ms", Percentile(forms, 0.50));
Print("form01_p95_ms", Percentile(forms, 0.95));

var scan = new byte[1024 * 1024];
Encoding.ASCII.GetBytes("%PDF-1.4\n").CopyTo(scan, 0);
Random.Shared.NextBytes(scan.AsSpan(16, scan.Length - 32));
var clients = Enumerable.Range(0, options.Officers).Select(_ => Portal.Create(baseAddress, apiKey)).ToArray();
await RunAsync(clients, options.Officers * 5, client => client.SubmitAsync(scan));
var submitted = await RunAsync(clients, options.Submissions, client => client.SubmitAsync(scan));
Print("online_submissions", submitted.Count);
Print("online_submit_per_s", submitted.Count / submitted.Elapsed.TotalSeconds);
Print("online_submit_p50_ms", Percentile(submitted.Latencies, 0.50));
Print("online_submit_p95_ms", Percentile(submitted.Latencies, 0.95));
Print("load_average_at_end", string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]));
return 0;
}
finally
{
    app.Kill(entireProcessTree: true);
    await app.WaitForExitAsync();
}

// Runs `count` requests, spread over the workers, each worker one request at a time.
static async Task<RunResult> RunAsync<T>(IReadOnlyList<T> workers, int count, Func<T, Task<(double Ms, string? Code)>> request)
{
    var next = 0;
    var latencies = new List<double>();
    var codes = new List<string>();
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(workers.Select(async worker =>
    {
        while (Interlocked.Increment(ref next) <= count)
        {
            var (ms, code) = await request(worker);
            lock (latencies)
            {
                latencies.Add(ms);
                if (code is not null)
                {
                    codes.Add(code);
                }
            }
        }
    }));
    return new RunResult(latencies.Count, clock.Elapsed, latencies, codes);
}

// Reception officers of Phường Hoàn Kiếm with the demo password, beside the demo organisation.
static async Task AddOfficersAsync(string connectionString, int count)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    // Their password is the demo password: the seeded demo officer's hash is reused.
    for (var i = 1; i <= count; i++)
    {
        await using var command = new NpgsqlCommand(
            """
            WITH officer AS (
                INSERT INTO "Officers" ("UserName", "FullName", "Email", "IsActive") VALUES (@user, @name, @user || '@bench.vn', true) RETURNING "Id")
            , role AS (
                INSERT INTO "OfficerRoles" ("OfficerId", "UnitId", "Role") SELECT officer."Id", u."Id", 'reception' FROM officer, "Units" u WHERE u."Code" = 'HN.HOANKIEM')
            INSERT INTO "OfficerCredentials" ("OfficerId", "PasswordHash", "SecurityStamp", "FailedAttempts", "ChangedAt")
            SELECT officer."Id", c."PasswordHash", md5(random()::text), 0, now()
            FROM officer, "OfficerCredentials" c JOIN "Officers" o ON o."Id" = c."OfficerId" WHERE o."UserName" = 'tiepnhan'
            """, connection);
        command.Parameters.AddWithValue("user", $"bench.tiepnhan{i}");
        command.Parameters.AddWithValue("name", $"Cán bộ tiếp nhận {i}");
        await command.ExecuteNonQueryAsync();
    }
}

static async Task<string> AddApiClientAsync(string connectionString)
{
    var (client, key) = ApiClient.Create("bench-portal", DateTimeOffset.UtcNow);
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("""INSERT INTO "ApiClients" ("Name", "KeyHash", "CreatedAt") VALUES (@name, @hash, now())""", connection);
    command.Parameters.AddWithValue("name", client.Name);
    command.Parameters.AddWithValue("hash", client.KeyHash);
    await command.ExecuteNonQueryAsync();
    return key;
}

internal sealed record RunResult(int Count, TimeSpan Elapsed, List<double> Latencies, List<string> Codes);

internal sealed record BenchOptions(int Acceptances, int Submissions, int Officers, int Warmup)
{
    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions(2000, 400, 4, 1500);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                return null;
            }

            options = args[i] switch
            {
                "--acceptances" => options with { Acceptances = value },
                "--submissions" => options with { Submissions = value },
                "--officers" => options with { Officers = value },
                "--warmup" => options with { Warmup = value },
                _ => null,
            };
            if (options is null)
            {
                return null;
            }
        }

        return args.Length % 2 == 0 ? options : null;
    }
}

/// <summary>A signed-in reception officer's browser: the session cookie and the form's antiforgery token.</summary>
internal sealed class Officer(HttpClient http, string antiforgery)
{
    public static async Task<Officer> SignInAsync(Uri baseAddress, string userName)
    {
        var http = await BenchHost.SignInAsync(baseAddress, userName);
        return new Officer(http, BenchHost.Token(await http.GetStringAsync("Reception")));
    }

    /// <summary>One acceptance at the counter: the reception form posted (timed), answered by the redirect to its result.</summary>
    public async Task<(double Ms, string? Code)> AcceptAsync()
    {
        using var content = CounterAcceptance(antiforgery);
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync("Reception", content);
        var ms = clock.Elapsed.TotalMilliseconds;
        var location = response.Headers.Location?.OriginalString;
        if (response.StatusCode != HttpStatusCode.Redirect || location is null || !location.StartsWith("/Reception/Received?code=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"An acceptance failed: {(int)response.StatusCode}.");
        }

        return (ms, Uri.UnescapeDataString(location["/Reception/Received?code=".Length..]));
    }

    public async Task<double> PrintForm01Async(string code)
    {
        var clock = Stopwatch.StartNew();
        var pdf = await http.GetByteArrayAsync($"Dossiers/{Uri.EscapeDataString(code)}/Forms/01");
        var ms = clock.Elapsed.TotalMilliseconds;
        return pdf.AsSpan().StartsWith("%PDF"u8) ? ms : throw new InvalidOperationException("Form 01 is not a PDF.");
    }

}

/// <summary>A portal submitting dossiers through the online intake API.</summary>
internal sealed class Portal(HttpClient http)
{
    private static readonly string Dossier = JsonSerializer.Serialize(new
    {
        procedureCode = "1.001193",
        receivingUnit = "HN.HOANKIEM",
        applicant = new { kind = "person", name = "Nguyễn Văn Án", citizenId = "001085012345", dateOfBirth = "1985-03-15", gender = "male", address = "Hà Nội", phone = "0912345678" },
        delivery = "counter",
    });

    public static Portal Create(Uri baseAddress, string key)
    {
        var http = new HttpClient { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return new Portal(http);
    }

    public async Task<(double Ms, string? Code)> SubmitAsync(byte[] scan)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Dossier, Encoding.UTF8, "application/json"), "dossier" },
        };
        var file = new ByteArrayContent(scan);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "documents[0]", "to-khai.pdf");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/dossiers") { Content = content };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        var clock = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);
        var ms = clock.Elapsed.TotalMilliseconds;
        return response.StatusCode == HttpStatusCode.Created
            ? (ms, null)
            : throw new InvalidOperationException($"A submission failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
