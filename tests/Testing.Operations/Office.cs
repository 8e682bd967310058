using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Dossiers.Attachments;
using DossierWorkflow.Dossiers.OnlineIntake;
using DossierWorkflow.Dossiers.Organisation;
using Npgsql;

namespace DossierWorkflow.Testing.Operations;

/// <summary>Where an office's instances keep what they share besides the database: attachments and mail.</summary>
/// <param name="ConnectionString">The PostgreSQL database, empty before the first instance starts.</param>
/// <param name="S3ServiceUrl">The S3-compatible store the attachments go to (its bucket <see cref="S3Server.Bucket"/>).</param>
/// <param name="SmtpPort">The SMTP server on 127.0.0.1 the applicants' notices go to.</param>
/// <param name="LogLevel">The instances' default log level.</param>
/// <param name="TimerBeforeProcessing">
/// Whether the workflow waits on a timer between the receipt and the specialist's step (so that timers fall due under
/// load); without it, the shipped workflow runs, and a desk's pace is the app's alone.
/// </param>
/// <param name="Settings">More settings for every instance (environment variables).</param>
public sealed record OfficeSetup(
    string ConnectionString, string S3ServiceUrl, int SmtpPort, string LogLevel = "Warning", bool TimerBeforeProcessing = true,
    IReadOnlyDictionary<string, string>? Settings = null);

/// <summary>
/// A commune's back office run as a province runs it: several instances of the officers' host on one PostgreSQL (each
/// with its workers), attachments in one S3-compatible store, notices through one SMTP server; the demo organisation
/// seeded, an API client for online submissions, and (unless <see cref="OfficeSetup.TimerBeforeProcessing"/> is off) the
/// birth registration's workflow published again with a short timer between the receipt and the specialist's step, so
/// that every dossier has a timer that falls due while the load runs. Requests go to the instances in turn, as a load balancer sends them.
/// </summary>
public sealed partial class Office : IAsyncDisposable
{
    public const string Unit = "HN.HOANKIEM";
    public const string ProcedureCode = "1.001193";
    public const string TimerElement = "Timer_Settle";
    public const string MailDomain = "hoankiem.test";

    private readonly List<AppInstance> _instances;
    private readonly long[] _downUntil;
    private int _next;

    private Office(OfficeSetup setup, List<AppInstance> instances)
    {
        Setup = setup;
        _instances = instances;
        _downUntil = new long[instances.Count];
    }

    public OfficeSetup Setup { get; }

    public string ConnectionString => Setup.ConnectionString;

    public IReadOnlyList<AppInstance> Instances => _instances;

    /// <summary>The API client's key for online submissions (<c>X-Api-Key</c>).</summary>
    public string ApiKey { get; private set; } = "";

    /// <summary>The name the API client's idempotency keys are prefixed with in the database.</summary>
    public const string ApiClientName = "fault-portal";

    /// <summary>
    /// Starts <paramref name="instances"/> instances on an empty database — the first alone (it migrates and seeds),
    /// the others once it is ready — and prepares the office (API client, the workflow with its timer).
    /// </summary>
    public static async Task<Office> OpenAsync(OfficeSetup setup, int instances, CancellationToken cancellationToken = default)
    {
        // One set of settings for all: the same database, the same store (its key prefix), the same mail server.
        var settings = SettingsOf(setup);
        var office = new Office(setup, [.. Enumerable.Range(1, instances).Select(i => new AppInstance($"app{i}", LoopbackPort.Free(), settings))]);
        try
        {
            foreach (var instance in office._instances)
            {
                instance.Start();
                await instance.WaitUntilReadyAsync(TimeSpan.FromMinutes(2), cancellationToken);
            }

            office.ApiKey = await AddApiClientAsync(setup.ConnectionString, cancellationToken);
            if (setup.TimerBeforeProcessing)
            {
                await office.PublishTimedWorkflowAsync(cancellationToken);
            }

            return office;
        }
        catch
        {
            await office.DisposeAsync();
            throw;
        }
    }

    /// <summary>The attachment store the instances share, as they reach it.</summary>
    public S3AttachmentStore Store() => new(new S3AttachmentOptions
    {
        ServiceUrl = Setup.S3ServiceUrl,
        Bucket = S3Server.Bucket,
        AccessKey = S3Server.AccessKey,
        SecretKey = S3Server.SecretKey,
        KeyPrefix = _instances[0].Settings["Attachments__S3__KeyPrefix"],
    });

    /// <summary>How long an instance that refused a connection is left out of the turn, as a load balancer's passive health check does.</summary>
    private static readonly TimeSpan LeftOut = TimeSpan.FromSeconds(1);

    /// <summary>The next instance's address, in turn (a load balancer's round robin), passing over one that just refused a connection.</summary>
    public Uri Next()
    {
        var now = Environment.TickCount64;
        for (var tried = 0; ; tried++)
        {
            var index = (int)((uint)Interlocked.Increment(ref _next) % _instances.Count);
            if (Volatile.Read(ref _downUntil[index]) <= now || tried >= _instances.Count)
            {
                return _instances[index].BaseAddress;
            }
        }
    }

    /// <summary>
    /// Sends a request to <paramref name="address"/> (from <see cref="Next"/>); an instance that cannot be reached is left
    /// out of the turn for a moment, and the failure thrown for the caller to try again.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpClient client, Uri address, HttpRequestMessage request)
    {
        try
        {
            return await client.SendAsync(request);
        }
        catch (HttpRequestException)
        {
            var index = _instances.FindIndex(i => i.BaseAddress == address);
            Volatile.Write(ref _downUntil[index], Environment.TickCount64 + (long)LeftOut.TotalMilliseconds);
            throw;
        }
    }

    /// <summary>A GET of <paramref name="path"/> at the next instance (see <see cref="SendAsync"/>).</summary>
    public Task<HttpResponseMessage> GetAsync(HttpClient client, string path)
    {
        var address = Next();
        return SendAsync(client, address, new HttpRequestMessage(HttpMethod.Get, new Uri(address, path)));
    }

    /// <summary>A POST of <paramref name="content"/> to <paramref name="path"/> at the next instance (see <see cref="SendAsync"/>).</summary>
    public Task<HttpResponseMessage> PostAsync(HttpClient client, string path, HttpContent content)
    {
        var address = Next();
        return SendAsync(client, address, new HttpRequestMessage(HttpMethod.Post, new Uri(address, path)) { Content = content });
    }

    /// <summary>What every instance is configured with: production, except plain HTTP cookies on loopback.</summary>
    private static Dictionary<string, string> SettingsOf(OfficeSetup setup)
    {
        var settings = BaseSettingsOf(setup);
        foreach (var (key, value) in setup.Settings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    private static Dictionary<string, string> BaseSettingsOf(OfficeSetup setup) => new()
    {
        ["Database__Provider"] = "Postgres",
        ["Database__ConnectionString"] = setup.ConnectionString,
        ["Database__DataDirectory"] = Directory.CreateTempSubdirectory("dw-office-").FullName,
        ["Seeding__DemoData"] = "true",
        ["SignIn__SecureCookies"] = "false",
        ["SignIn__TwoFactorForAdministrators"] = "false",
        ["Attachments__Store"] = "S3",
        ["Attachments__S3__ServiceUrl"] = setup.S3ServiceUrl,
        ["Attachments__S3__Bucket"] = S3Server.Bucket,
        ["Attachments__S3__AccessKey"] = S3Server.AccessKey,
        ["Attachments__S3__SecretKey"] = S3Server.SecretKey,
        ["Attachments__S3__KeyPrefix"] = $"office-{Guid.NewGuid():N}/",
        ["Notifications__Email__Host"] = "127.0.0.1",
        ["Notifications__Email__Port"] = setup.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Notifications__Email__Security"] = "None",
        ["Notifications__Email__From"] = $"thongbao@{MailDomain}",
        ["WorkflowEngine__PollInterval"] = "00:00:01",

        // What a killed instance had claimed waits this long for another: short, so that a run drains in seconds.
        ["WorkflowEngine__LeaseDuration"] = "00:00:10",
        ["Logging__LogLevel__Default"] = setup.LogLevel,
    };

    private static async Task<string> AddApiClientAsync(string connectionString, CancellationToken cancellationToken)
    {
        var (client, key) = ApiClient.Create(ApiClientName, DateTimeOffset.UtcNow);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""INSERT INTO "ApiClients" ("Name", "KeyHash", "CreatedAt") VALUES (@name, @hash, now())""", connection);
        command.Parameters.AddWithValue("name", client.Name);
        command.Parameters.AddWithValue("hash", client.KeyHash);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return key;
    }

    /// <summary>
    /// The administrator imports the birth registration's workflow with a two-second timer before the specialist's step
    /// (<see cref="TimerElement"/>) and publishes it, through the pages, as version 2.
    /// </summary>
    private async Task PublishTimedWorkflowAsync(CancellationToken cancellationToken)
    {
        var shipped = ProcedureCatalogue.LoadEmbedded().FindByKey("birth-registration")!.WorkflowBpmn;
        var timed = Replace(
            Replace(
                Replace(shipped, "<bpmn:incoming>Flow_IssueReceipt_Processing</bpmn:incoming>", "<bpmn:incoming>Flow_Settle_Processing</bpmn:incoming>"),
                """<bpmn:sequenceFlow id="Flow_IssueReceipt_Processing" sourceRef="Task_IssueReceipt" targetRef="Task_Processing" />""",
                $"""<bpmn:sequenceFlow id="Flow_IssueReceipt_Processing" sourceRef="Task_IssueReceipt" targetRef="{TimerElement}" /><bpmn:sequenceFlow id="Flow_Settle_Processing" sourceRef="{TimerElement}" targetRef="Task_Processing" />"""),
            "</bpmn:process>",
            $"""
            <bpmn:intermediateCatchEvent id="{TimerElement}" name="Chờ đối soát" dw:nameEn="Wait for the cross-check">
              <bpmn:incoming>Flow_IssueReceipt_Processing</bpmn:incoming>
              <bpmn:outgoing>Flow_Settle_Processing</bpmn:outgoing>
              <bpmn:timerEventDefinition><bpmn:timeDuration>PT2S</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            </bpmn:process>
            """);

        using var administrator = await SignInAsync("quantri", cancellationToken);
        var page = await administrator.GetStringAsync(new Uri(Next(), "Admin/Workflows/birth-registration"), cancellationToken);
        using var import = new MultipartFormDataContent
        {
            { new StringContent(Antiforgery(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(timed)), "file", "birth-registration-timed.bpmn" },
        };
        var imported = await (await administrator.PostAsync(new Uri(Next(), "Admin/Workflows/birth-registration?handler=Import"), import, cancellationToken)).Content.ReadAsStringAsync(cancellationToken);
        using var publish = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Antiforgery(imported) });
        await administrator.PostAsync(new Uri(Next(), "Admin/Workflows/birth-registration?handler=Publish"), publish, cancellationToken);

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var check = new NpgsqlCommand("""SELECT max("Version") FROM "WorkflowDefinitions" WHERE "Key" = 'birth-registration'""", connection);
        if (await check.ExecuteScalarAsync(cancellationToken) is not 2)
        {
            throw new InvalidOperationException($"The timed workflow was not published: {WebUtility.HtmlDecode(imported)[..Math.Min(imported.Length, 4000)]}");
        }
    }

    /// <summary>An officer's browser signed in with the demo password: cookies kept (for every instance), redirects not followed.</summary>
    public Task<HttpClient> SignInAsync(string userName, CancellationToken cancellationToken = default) => SignInAsync(Next(), userName, cancellationToken);

    /// <summary>An officer's browser signed in at the host at <paramref name="address"/> with the demo password.</summary>
    public static async Task<HttpClient> SignInAsync(Uri address, string userName, CancellationToken cancellationToken = default)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        var signIn = await http.GetStringAsync(new Uri(address, "Account/SignIn"), cancellationToken);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Antiforgery(signIn),
            ["UserName"] = userName,
            ["Password"] = DemoOrganisation.DemoPassword,
        });
        using var response = await http.PostAsync(new Uri(address, "Account/SignIn"), form, cancellationToken);
        return response.StatusCode == HttpStatusCode.Redirect
            ? http
            : throw new InvalidOperationException($"{userName} could not sign in: {(int)response.StatusCode}.");
    }

    /// <summary>The antiforgery token of a page's form.</summary>
    public static string Antiforgery(string html) => AntiforgeryPattern().Match(html) is { Success: true } match
        ? match.Groups[1].Value
        : throw new InvalidOperationException("No antiforgery token on the page.");

    private static string Replace(string text, string old, string replacement) =>
        text.Contains(old, StringComparison.Ordinal) ? text.Replace(old, replacement, StringComparison.Ordinal)
            : throw new InvalidOperationException($"The shipped workflow no longer contains {old}.");

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();
}
