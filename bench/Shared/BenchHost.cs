using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using DossierWorkflow.Dossiers.Organisation;

namespace DossierWorkflow.Bench;

/// <summary>
/// What the HTTP benchmarks share: the officers' app started as its own process from its build output on a private
/// PostgreSQL, officers signed in through the sign-in form, and the <c>key: value</c> lines they print.
/// </summary>
internal static partial class BenchHost
{
    /// <summary>Starts the app (<c>Production</c>, demo organisation seeded, logging at <c>Warning</c>) on a loopback port.</summary>
    public static Process StartApp(string connectionString, int port, string name) =>
        Start(AppContext.BaseDirectory, "DossierWorkflow.OfficerUi.dll", connectionString, port, name, new Dictionary<string, string>
        {
            ["Seeding__DemoData"] = "true",

            // Plain HTTP on loopback: the officers' cookies must travel without TLS here.
            ["SignIn__SecureCookies"] = "false",
        });

    /// <summary>
    /// Starts the citizens' portal (<c>Production</c>, logging at <c>Warning</c>) on a loopback port, from its own Release
    /// build output (the bench's project builds it), over the same database, with <paramref name="settings"/>.
    /// </summary>
    public static Process StartPortal(string connectionString, int port, string name, IReadOnlyDictionary<string, string> settings)
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "DossierWorkflow.sln")))
        {
            directory = Path.GetDirectoryName(directory.TrimEnd(Path.DirectorySeparatorChar)) ?? throw new InvalidOperationException("The repository root was not found.");
        }

        var output = Path.Combine(directory, "src", "Portal", "bin", "Release", "net10.0");
        return Start(output, "DossierWorkflow.Portal.dll", connectionString, port, name, new Dictionary<string, string>(settings) { ["Portal__SecureCookies"] = "false" });
    }

    private static Process Start(string directory, string assembly, string connectionString, int port, string name, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(directory, assembly), "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Postgres";
        start.Environment["Database__ConnectionString"] = connectionString;
        start.Environment["Database__DataDirectory"] = Path.Combine(Path.GetTempPath(), $"{name}-{Guid.NewGuid():N}");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{assembly} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"app: {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task WaitUntilUpAsync(Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync("health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The app did not answer /health within 2 minutes.");
    }

    /// <summary>An officer's browser, signed in with the demo password: the session cookie kept, redirects not followed.</summary>
    public static async Task<HttpClient> SignInAsync(Uri baseAddress, string userName)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };
        var signIn = await http.GetStringAsync("Account/SignIn");
        var response = await http.PostAsync("Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(signIn),
            ["UserName"] = userName,
            ["Password"] = DemoOrganisation.DemoPassword,
        }));
        return response.StatusCode == HttpStatusCode.Redirect ? http : throw new InvalidOperationException($"{userName} could not sign in: {(int)response.StatusCode}.");
    }

    /// <summary>
    /// The reception form of a counter acceptance at Phường Hoàn Kiếm: a birth registration, the applicant as the ID card
    /// scan gives it, every line of the checklist (a list binds up to its first missing index) with the two mandatory
    /// ones ticked, decision <c>accept</c>, a fresh idempotency token.
    /// </summary>
    public static FormUrlEncodedContent CounterAcceptance(string antiforgery)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", antiforgery), new("Input.IdempotencyToken", Guid.NewGuid().ToString("N")),
            new("Input.ProcedureCode", "1.001193"), new("Input.ReceivingUnit", "HN.HOANKIEM"), new("Input.Channel", "Counter"),
            new("Input.ApplicantKind", "Person"), new("Input.Name", "Nguyễn Văn Án"), new("Input.CitizenId", "001085012345"),
            new("Input.DateOfBirth", "1985-03-15"), new("Input.Gender", "Male"), new("Input.Address", "Số 5 phố Hàng Bông, phường Hoàn Kiếm, Hà Nội"),
            new("Input.Phone", "0912345678"), new("Input.SetCount", "1"), new("Input.Delivery", "Counter"), new("Input.Decision", "Accept"),
        };
        for (var i = 0; i < 8; i++)
        {
            fields.Add(new($"Input.Documents[{i}].Position", $"{i}"));
            fields.Add(new($"Input.Documents[{i}].Form", "Original"));
            fields.Add(new($"Input.Documents[{i}].Count", "1"));
            if (i is 0 or 6)
            {
                fields.Add(new($"Input.Documents[{i}].Provided", "true"));
            }
        }

        return new FormUrlEncodedContent(fields);
    }

    /// <summary>The antiforgery token of a page's form.</summary>
    public static string Token(string html) => TokenPattern().Match(html) is { Success: true } match
        ? match.Groups[1].Value
        : throw new InvalidOperationException("No antiforgery token on the page.");

    public static void Print(string key, object value) =>
        Console.WriteLine($"{key}: {(value is double d ? d.ToString("0.###", CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture))}");

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    /// <summary>GETs a page and reads it whole; anything but 200 is a failure of the run.</summary>
    public static async Task GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        if (response.StatusCode != System.Net.HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode}.");
        }

        await response.Content.CopyToAsync(Stream.Null);
    }

    /// <summary>The most memory a process held at once (VmHWM), in MB.</summary>
    public static double PeakRssMb(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).First();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
