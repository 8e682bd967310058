using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Npgsql;
using static DossierWorkflow.Bench.BenchHost;

namespace DossierWorkflow.Scale.Bench;

/// <summary>
/// The citizens' portal over the province: its own process on the same database (as a province runs it), asked what the
/// public asks most — a dossier by its code on the tracking page, and by SMS (the reply sent through a local stand-in for
/// the SMS gateway) — one request at a time over random codes of the whole province; then citizens submitting online,
/// each with a 1 MB scan, through every step of the pages, several at once; and the public results page.
/// </summary>
internal static class Portal
{
    private const string SmsSecret = "bench-sms-secret";
    private const string Password = "mat-khau-bench";

    public static async Task MeasureAsync(string connectionString, int samples)
    {
        using var gateway = new HttpListener();
        var gatewayPort = Testing.LoopbackPort.Free();
        gateway.Prefixes.Add($"http://127.0.0.1:{gatewayPort}/");
        gateway.Start();
        _ = Task.Run(async () =>
        {
            while (gateway.IsListening)
            {
                var context = await gateway.GetContextAsync();
                await context.Request.InputStream.CopyToAsync(Stream.Null);
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });

        var port = Testing.LoopbackPort.Free();
        var portal = StartPortal(connectionString, port, "portal-bench", new Dictionary<string, string>
        {
            ["Portal__RateLimits__TrackingPerMinute"] = "100000",
            ["Portal__RateLimits__AccountsPerMinute"] = "100000",
            ["Portal__SmsLookup__Secret"] = SmsSecret,
            ["Notifications__Sms__Url"] = $"http://127.0.0.1:{gatewayPort}/sms",
            ["WorkflowEngine__RunWorkers"] = "false",
        });
        try
        {
            var baseAddress = new Uri($"http://127.0.0.1:{port}/");
            await WaitUntilUpAsync(baseAddress);
            var codes = await Province.SampleAsync(connectionString, """SELECT "Code" FROM "Dossiers" ORDER BY random() LIMIT 1000""");
            var rng = new Random(11);
            using var anonymous = new HttpClient { BaseAddress = baseAddress };
            await LatencyAsync("tracking", samples, async () => await GetAsync(anonymous, $"tra-cuu/{Uri.EscapeDataString(codes[rng.Next(codes.Count)])}"));
            await LatencyAsync("sms_lookup", samples, () => SmsAsync(anonymous, codes[rng.Next(codes.Count)]));
            await SubmissionsAsync(baseAddress, connectionString);

            // The public results page: every unit's year so far, counted live.
            var results = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                var clock = Stopwatch.StartNew();
                await GetAsync(anonymous, "ket-qua-giai-quyet");
                results.Add(clock.Elapsed.TotalMilliseconds);
            }

            Print("public_page_ms", Percentile(results, 0.5));
            Print("portal_peak_rss_mb", PeakRssMb(portal.Id));
        }
        finally
        {
            portal.Kill(entireProcessTree: true);
            await portal.WaitForExitAsync();
            portal.Dispose();
            gateway.Stop();
        }
    }

    /// <summary>20 unmeasured, then <paramref name="count"/> one at a time: <c>{name}_p50_ms</c> and <c>{name}_p95_ms</c>.</summary>
    private static async Task LatencyAsync(string name, int count, Func<Task> request)
    {
        for (var i = 0; i < 20; i++)
        {
            await request();
        }

        var latencies = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            await request();
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }

        Print($"{name}_p50_ms", Percentile(latencies, 0.50));
        Print($"{name}_p95_ms", Percentile(latencies, 0.95));
    }

    private static async Task SmsAsync(HttpClient http, string code)
    {
        var body = JsonSerializer.Serialize(new { from = "84912345678", text = $"DVC {code}", id = Guid.NewGuid().ToString() });
        using var request = new HttpRequestMessage(HttpMethod.Post, "sms/incoming") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SmsSecret), Encoding.UTF8.GetBytes(body))));
        using var response = await http.SendAsync(request);
        var reply = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK || !reply.Contains("HS ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"SMS lookup {code}: {(int)response.StatusCode} {reply}");
        }
    }

    /// <summary>
    /// Citizens (4 at once, each with a confirmed account) submit birth registrations through the pages: start, unit,
    /// applicant, a 1 MB scan for each of the two mandatory documents, delivery, review and submit.
    /// <c>portal_submit_per_s</c> is submissions done over the wall-clock time, <c>portal_submit_p95_ms</c> one whole submission.
    /// </summary>
    private static async Task SubmissionsAsync(Uri baseAddress, string connectionString)
    {
        const int Citizens = 4;
        const int Each = 10;
        var scan = Scan(1024 * 1024);
        var accounts = await AccountsAsync(connectionString, Citizens);
        var clients = new List<HttpClient>();
        foreach (var email in accounts)
        {
            clients.Add(await SignInAsync(baseAddress, email));
        }

        await SubmitAsync(clients[0], scan);
        var durations = new System.Collections.Concurrent.ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(async client =>
        {
            for (var i = 0; i < Each; i++)
            {
                var one = Stopwatch.StartNew();
                await SubmitAsync(client, scan);
                durations.Add(one.Elapsed.TotalMilliseconds);
            }
        }));
        Print("portal_submissions", durations.Count);
        Print("portal_submit_per_s", durations.Count / clock.Elapsed.TotalSeconds);
        Print("portal_submit_p95_ms", Percentile([.. durations], 0.95));
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    private static async Task SubmitAsync(HttpClient http, byte[] scan)
    {
        var draft = (await PostAsync(http, "nop-ho-so/1.001193", [])).Replace("/don-vi", "", StringComparison.Ordinal);
        await PostAsync(http, $"{draft[1..]}/don-vi", [new("receivingUnit", "HN.HOANKIEM")]);
        await PostAsync(http, $"{draft[1..]}/nguoi-nop",
        [
            new("Applicant.Name", "Nguyễn Văn Án"), new("Applicant.CitizenId", "001085012345"), new("Applicant.DateOfBirth", "1985-03-15"),
            new("Applicant.Gender", "Male"), new("Applicant.Address", "Số 5 phố Hàng Bông, Hoàn Kiếm, Hà Nội"), new("Applicant.Phone", "0912345678"),
        ]);
        foreach (var position in (string[])["0", "6"])
        {
            var page = await http.GetStringAsync($"{draft[1..]}/giay-to");
            using var form = new MultipartFormDataContent
            {
                { new StringContent(Token(page)), "__RequestVerificationToken" },
                { new StringContent(position), "position" },
                { new ByteArrayContent(scan), "files", $"scan-{position}.pdf" },
            };
            using var upload = await http.PostAsync($"{draft[1..]}/giay-to?handler=Upload", form);
            if (upload.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Upload: {(int)upload.StatusCode}.");
            }
        }

        await PostAsync(http, $"{draft[1..]}/giay-to", []);
        await PostAsync(http, $"{draft[1..]}/nhan-ket-qua", [new("delivery", "Counter")]);
        var submitted = await PostAsync(http, $"{draft[1..]}/xem-lai", []);
        if (!submitted.StartsWith("/ho-so-cua-toi?moi=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Submission led to {submitted}.");
        }
    }

    /// <summary>Reads a page, posts its form with <paramref name="fields"/>, and returns where it led.</summary>
    private static async Task<string> PostAsync(HttpClient http, string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = Token(await http.GetStringAsync(path));
        using var response = await http.PostAsync(path, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
        return response.StatusCode == HttpStatusCode.Redirect
            ? response.Headers.Location!.OriginalString
            : throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode}.");
    }

    /// <summary>A PDF of <paramref name="bytes"/> bytes (a header, comment lines, a trailer): accepted by content like a real scan.</summary>
    private static byte[] Scan(int bytes)
    {
        var text = new StringBuilder("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n");
        while (text.Length < bytes - 40)
        {
            text.Append("% scanned page data 0123456789abcdef\n");
        }

        return Encoding.ASCII.GetBytes(text.Append("trailer << /Root 1 0 R >>\n%%EOF\n").ToString());
    }

    /// <summary>Confirmed accounts written straight to the database (the code by e-mail is not what is measured).</summary>
    private static async Task<IReadOnlyList<string>> AccountsAsync(string connectionString, int count)
    {
        var hash = new PasswordHasher<object>().HashPassword(new object(), Password);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        List<string> emails = [];
        for (var i = 0; i < count; i++)
        {
            var email = $"bench-{Guid.NewGuid():N}@example.vn";
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO "CitizenAccounts" ("Id", "Email", "PasswordHash", "FullName", "SecurityStamp", "CreatedAt", "ConfirmedAt", "FailedAttempts")
                VALUES (@id, @email, @hash, 'Nguyễn Văn Án', @stamp, now(), now(), 0)
                """, connection);
            insert.Parameters.AddWithValue("id", Guid.NewGuid());
            insert.Parameters.AddWithValue("email", email);
            insert.Parameters.AddWithValue("hash", hash);
            insert.Parameters.AddWithValue("stamp", Guid.NewGuid().ToString("N"));
            await insert.ExecuteNonQueryAsync();
            emails.Add(email);
        }

        return emails;
    }

    private static async Task<HttpClient> SignInAsync(Uri baseAddress, string email)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };
        var signedIn = await PostAsync(http, "tai-khoan/dang-nhap", [new("Identifier", email), new("Password", Password)]);
        return signedIn == "/tai-khoan" ? http : throw new InvalidOperationException($"{email} could not sign in: {signedIn}.");
    }
}
