using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DossierWorkflow.Engine;
using Npgsql;

namespace DossierWorkflow.Testing.Operations;

/// <summary>A state change the office confirmed to its client: the dossier (and for a submission, its idempotency key).</summary>
public sealed record Acknowledgement(string Operation, string Code, string? IdempotencyKey, DateTimeOffset At);

/// <summary>What the clients did: the requests they sent, what was confirmed, and what the office answered unexpectedly.</summary>
public sealed class LoadRecord
{
    private long _requests;
    private long _sessionsRefused;

    public ConcurrentQueue<Acknowledgement> Acknowledged { get; } = new();

    /// <summary>Answers that were neither a confirmation, nor a failure a dying server explains (connection lost, 502–504).</summary>
    public ConcurrentQueue<string> Unexpected { get; } = new();

    /// <summary>Latencies of confirmed requests, in ms, by operation.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<double>> Latencies { get; } = new();

    /// <summary>State-changing requests sent (every attempt, answered or not).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Times an instance sent a signed-in officer to the sign-in page: the session was not valid there.</summary>
    public long SessionsRefused => Interlocked.Read(ref _sessionsRefused);

    internal void Sent() => Interlocked.Increment(ref _requests);

    internal void SessionRefused() => Interlocked.Increment(ref _sessionsRefused);

    internal void Confirmed(string operation, string code, string? key, double ms)
    {
        Acknowledged.Enqueue(new Acknowledgement(operation, code, key, DateTimeOffset.UtcNow));
        Latencies.GetOrAdd(operation, _ => new()).Enqueue(ms);
    }
}

/// <summary>
/// One desk of the office under load, over HTTP through the office's round robin: a citizen's portal submits a birth
/// registration online (with a scan and an <c>Idempotency-Key</c>), reception accepts it, and once the timer after the
/// receipt has fired the specialist submits it and the leader approves it. Every request that is not confirmed is sent
/// again (to the next instance) until it is, or until the office shows it was done after all; each confirmation is
/// recorded. The open step to act on is found in the database, as an officer finds it in their queue.
/// </summary>
public sealed partial class OfficeLoad(Office office, LoadRecord record, int desk)
{
    public const string Submit = "submit";
    public const string Accept = "accept";
    public const string Specialist = "specialist";
    public const string Leader = "leader";

    /// <summary>A scan of its own for each line of each dossier (the store keeps one copy of equal files).</summary>
    private static byte[] Scan(string key, int line) =>
        Encoding.ASCII.GetBytes($"%PDF-1.4\n% {key} {line}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private HttpClient _portal = null!;
    private HttpClient _reception = null!;
    private HttpClient _specialist = null!;
    private HttpClient _leader = null!;

    /// <summary>The applicant's e-mail address of a dossier: one per submission, so that duplicates can be told apart.</summary>
    public static string EmailOf(string idempotencyKey) => $"{idempotencyKey}@nguoidan.test";

    public async Task SignInAsync(CancellationToken cancellationToken)
    {
        _portal = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        _portal.DefaultRequestHeaders.Add("X-Api-Key", office.ApiKey);
        _reception = await office.SignInAsync("tiepnhan", cancellationToken);
        _specialist = await office.SignInAsync("chuyenvien", cancellationToken);
        _leader = await office.SignInAsync("lanhdao", cancellationToken);
    }

    /// <summary>Takes dossiers through until <paramref name="stop"/> is cancelled (the dossier in hand is finished first, within the time each step allows).</summary>
    public async Task RunAsync(CancellationToken stop, CancellationToken abort)
    {
        for (var n = 1; !stop.IsCancellationRequested; n++)
        {
            var key = $"fault-{desk}-{n}-{Guid.NewGuid():N}"[..40];
            var code = await UntilDoneAsync(Submit, () => SubmitAsync(key), abort);
            if (code is null
                || await UntilDoneAsync(Accept, () => AcceptAsync(code), abort) is null
                || await UntilDoneAsync(Specialist, () => CompleteAsync(_specialist, code, "Task_Processing", "submit"), abort) is null)
            {
                continue;
            }

            await UntilDoneAsync(Leader, () => CompleteAsync(_leader, code, "Task_Approval", "approve"), abort);
        }
    }

    /// <summary>What one attempt found: confirmed (the dossier's code), done before (by an attempt whose answer was lost), or to try again.</summary>
    private readonly record struct Attempt(string? Code, bool Done, double Ms = 0)
    {
        public static Attempt Again => new(null, false);
    }

    /// <summary>Tries an operation until it is confirmed or found done, for at most a minute; returns the dossier's code, or null when given up.</summary>
    private async Task<string?> UntilDoneAsync(string operation, Func<Task<Attempt>> attempt, CancellationToken abort)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline && !abort.IsCancellationRequested)
        {
            Attempt result;
            try
            {
                result = await attempt();
            }
            catch (HttpRequestException)
            {
                result = Attempt.Again;
            }
            catch (NpgsqlException)
            {
                // The desk's own look into the queue, while the database is away.
                result = Attempt.Again;
            }
            catch (TaskCanceledException) when (!abort.IsCancellationRequested)
            {
                result = Attempt.Again;
            }

            if (result.Done)
            {
                return result.Code;
            }

            await Task.Delay(200, CancellationToken.None);
        }

        record.Unexpected.Enqueue($"{operation}: given up after a minute");
        return null;
    }

    /// <summary>
    /// A birth registration as a portal submits it online (<c>/api/v1/dossiers</c>), with a scan of its own for each of the
    /// procedure's two mandatory lines, the applicant's e-mail address made from <paramref name="key"/>.
    /// </summary>
    public static MultipartFormDataContent Submission(string key)
    {
        var dossier = JsonSerializer.Serialize(new
        {
            procedureCode = Office.ProcedureCode,
            receivingUnit = Office.Unit,
            applicant = new
            {
                kind = "person", name = "Nguyễn Văn Án", citizenId = "001085012345", dateOfBirth = "1985-03-15", gender = "male",
                address = "Số 5 phố Hàng Bông, phường Hoàn Kiếm, Hà Nội", phone = "0912345678", email = EmailOf(key),
            },
            delivery = "counter",
        });
        var content = new MultipartFormDataContent { { new StringContent(dossier, Encoding.UTF8, "application/json"), "dossier" } };
        // The procedure's two mandatory lines: the declaration (0) and the applicant's identity document (6).
        foreach (var (line, name) in new[] { (0, "to-khai.pdf"), (6, "can-cuoc.pdf") })
        {
            var file = new ByteArrayContent(Scan(key, line));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            content.Add(file, $"documents[{line}]", name);
        }

        return content;
    }

    private async Task<Attempt> SubmitAsync(string key)
    {
        using var content = Submission(key);
        var address = office.Next();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, "api/v1/dossiers")) { Content = content };
        request.Headers.Add("Idempotency-Key", key);
        var clock = Stopwatch.StartNew();
        record.Sent();
        using var response = await office.SendAsync(_portal, address, request);
        if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
        {
            var code = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString()!;
            record.Confirmed(Submit, code, key, clock.Elapsed.TotalMilliseconds);
            return new(code, true);
        }

        return await UnexpectedAsync(Submit, response);
    }

    private async Task<Attempt> AcceptAsync(string code)
    {
        using var page = await office.GetAsync(_reception, $"Reception/Online/{code}");
        if (page.StatusCode == HttpStatusCode.Redirect && page.Headers.Location?.OriginalString.Contains("/Reception/Received", StringComparison.Ordinal) == true)
        {
            return new(code, true);
        }

        if (page.StatusCode != HttpStatusCode.OK)
        {
            return await UnexpectedAsync(Accept, page);
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Office.Antiforgery(await page.Content.ReadAsStringAsync()),
            ["Input.Decision"] = "Accept",
        });
        var clock = Stopwatch.StartNew();
        record.Sent();
        using var response = await office.PostAsync(_reception, $"Reception/Online/{code}", form);
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/Reception/Received", StringComparison.Ordinal) == true)
        {
            record.Confirmed(Accept, code, null, clock.Elapsed.TotalMilliseconds);
            return new(code, true);
        }

        return await UnexpectedAsync(Accept, response);
    }

    private async Task<Attempt> CompleteAsync(HttpClient officer, string code, string element, string outcome)
    {
        var operation = element == "Task_Processing" ? Specialist : Leader;
        var (open, completed) = await StepAsync(code, element);
        if (open is null)
        {
            // Not there yet (the timer before it has not fired), or completed by an attempt whose answer was lost.
            return completed ? new(code, true) : Attempt.Again;
        }

        using var page = await office.GetAsync(officer, $"Dossiers/{code}/Steps/{open}");
        if (page.StatusCode != HttpStatusCode.OK)
        {
            return await UnexpectedAsync(operation, page);
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Office.Antiforgery(await page.Content.ReadAsStringAsync()),
            ["Input.Outcome"] = outcome,
        });
        var clock = Stopwatch.StartNew();
        record.Sent();
        using var response = await office.PostAsync(officer, $"Dossiers/{code}/Steps/{open}", form);
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/Account/SignIn", StringComparison.Ordinal) != true)
        {
            record.Confirmed(operation, code, null, clock.Elapsed.TotalMilliseconds);
            return new(code, true);
        }

        return await UnexpectedAsync(operation, response);
    }

    /// <summary>The dossier's open step at <paramref name="element"/>, if any, and whether one was completed there.</summary>
    private async Task<(Guid? Open, bool Completed)> StepAsync(string code, string element)
    {
        await using var connection = new NpgsqlConnection(office.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """SELECT "Id", "Status" FROM "WorkflowWorkItems" WHERE "BusinessKey" = @code AND "ElementId" = @element""", connection);
        command.Parameters.AddWithValue("code", code);
        command.Parameters.AddWithValue("element", element);
        Guid? open = null;
        var completed = false;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            switch ((WorkItemStatus)reader.GetInt32(1))
            {
                case WorkItemStatus.Open:
                    open = reader.GetGuid(0);
                    break;
                case WorkItemStatus.Completed:
                    completed = true;
                    break;
            }
        }

        return (open, completed);
    }

    /// <summary>
    /// An answer that confirms nothing. A dying instance's (a gateway error, a 503 while its database is away) is tried
    /// again silently; anything else is recorded as unexpected, and tried again too.
    /// </summary>
    private async Task<Attempt> UnexpectedAsync(string operation, HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/Account/SignIn", StringComparison.Ordinal) == true)
        {
            record.SessionRefused();
        }
        else if (response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout))
        {
            var body = await response.Content.ReadAsStringAsync();
            var problem = ProblemPattern().Match(body) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : body[..Math.Min(body.Length, 300)];
            record.Unexpected.Enqueue($"{operation} {(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {problem}");
        }

        return Attempt.Again;
    }

    /// <summary>The first problem a page shows: the summary's or a field's.</summary>
    [GeneratedRegex("""(?:validation-summary-errors|field-validation-error|alert-danger)[^>]*>\s*(?:<ul>\s*<li>)?([^<]+)""")]
    private static partial Regex ProblemPattern();
}
