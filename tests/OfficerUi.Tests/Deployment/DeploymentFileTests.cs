using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Text.Json;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.OfficerUi.Authentication;
using DossierWorkflow.Testing;
using Microsoft.Extensions.Configuration;

namespace DossierWorkflow.OfficerUi.Tests.Deployment;

/// <summary>
/// No Docker engine runs here, so these check what can be checked: docker-compose accepts the compose file, every
/// setting the compose file and the Dockerfile pass to the app is one the app reads, and the app and Keycloak agree
/// (issuer, addresses, client, secret, the demo realm's users).
/// </summary>
public sealed partial class DeploymentFileTests
{
    private const string RequireVariable = "REQUIRE_DOCKER_COMPOSE";

    /// <summary>Host settings read by ASP.NET Core itself rather than by our options.</summary>
    private static readonly HashSet<string> HostSettings = ["ASPNETCORE_ENVIRONMENT", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_URLS"];

    /// <summary>The configuration sections the app binds, by the options class that reads each.</summary>
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.Ordinal)
    {
        [DatabaseOptions.SectionName] = typeof(DatabaseOptions),
        ["Seeding"] = typeof(SeedingOptions),
        ["SignIn"] = typeof(OfficerSignInOptions),
        ["SingleSignOn"] = typeof(SingleSignOnOptions),
        [DossierWorkflow.Dossiers.Forms.FormsOptions.SectionName] = typeof(DossierWorkflow.Dossiers.Forms.FormsOptions),
    };

    private static readonly string RepositoryRoot = FindRepositoryRoot();

    [Fact]
    public async Task Docker_compose_accepts_the_compose_file()
    {
        var (exitCode, output) = await ComposeConfigAsync();

        Assert.True(exitCode == 0, output);
        Assert.Contains("postgres:15", output);
    }

    [Fact]
    public async Task The_compose_file_configures_the_app_for_postgres_with_settings_the_app_reads()
    {
        var (exitCode, output) = await ComposeConfigAsync();
        Assert.True(exitCode == 0, output);

        var environment = ServiceEnvironment(output, "app");
        AssertEveryVariableIsRead(environment);
        var options = Bind(environment);

        Assert.Equal(DatabaseProvider.Postgres, options.Provider);
        Assert.Contains("Host=db", options.ConnectionString);
    }

    [Fact]
    public async Task The_compose_file_wires_the_app_to_keycloak_and_the_realm_of_the_demo_organisation()
    {
        var (exitCode, output) = await ComposeConfigAsync();
        Assert.True(exitCode == 0, output);
        var app = ServiceEnvironment(output, "app");
        var keycloak = ServiceEnvironment(output, "keycloak");
        var sso = Bind<SingleSignOnOptions>(app, "SingleSignOn");
        using var realm = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "deploy", "keycloak", "dossierworkflow-realm.json")));
        var realmName = realm.RootElement.GetProperty("realm").GetString();

        // The realm file is what Keycloak imports at start.
        Assert.Contains("--import-realm", output);
        Assert.Matches(@"deploy/keycloak/dossierworkflow-realm\.json:/opt/keycloak/data/import/dossierworkflow-realm\.json", output);

        // Browsers and tokens know Keycloak by its public address; the app reads the metadata over the compose network.
        Assert.Equal($"{keycloak["KC_HOSTNAME"]}/realms/{realmName}", sso.Authority);
        var port = new Uri(keycloak["KC_HOSTNAME"]).Port;
        Assert.Contains($"--http-port={port}", output);
        Assert.Equal($"http://keycloak:{port}/realms/{realmName}/.well-known/openid-configuration", sso.MetadataAddress);
        Assert.Equal("true", keycloak["KC_HOSTNAME_BACKCHANNEL_DYNAMIC"]);

        // The app is the realm's confidential client, with PKCE, its callbacks on the app's published port, the same secret.
        var client = realm.RootElement.GetProperty("clients").EnumerateArray().Single(c => c.GetProperty("clientId").GetString() == sso.ClientId);
        Assert.False(client.GetProperty("publicClient").GetBoolean());
        Assert.Equal("${KEYCLOAK_CLIENT_SECRET}", client.GetProperty("secret").GetString());
        Assert.Equal(keycloak["KEYCLOAK_CLIENT_SECRET"], sso.ClientSecret);
        Assert.Equal("S256", client.GetProperty("attributes").GetProperty("pkce.code.challenge.method").GetString());
        var appBase = $"http://localhost:{app["ASPNETCORE_HTTP_PORTS"]}";
        Assert.Contains($"{appBase}/signin-oidc", client.GetProperty("redirectUris").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal($"{appBase}/signout-callback-oidc", client.GetProperty("attributes").GetProperty("post.logout.redirect.uris").GetString());

        // Every demo officer the app seeds is a user of the realm, linked by a verified e-mail address.
        Assert.Equal(SingleSignOnLink.Email, sso.LinkBy);
        Assert.True(Bind<SeedingOptions>(app, "Seeding").DemoData);
        var users = realm.RootElement.GetProperty("users").EnumerateArray()
            .Where(u => u.GetProperty("emailVerified").GetBoolean() && u.GetProperty("enabled").GetBoolean())
            .Select(u => u.GetProperty("email").GetString())
            .ToHashSet();
        Assert.All(DemoOrganisation.UserNames, name => Assert.Contains(DemoOrganisation.EmailOf(name), users));
    }

    [Fact]
    public async Task The_compose_file_runs_the_portal_on_the_officers_database_once_they_prepared_it()
    {
        var (exitCode, output) = await ComposeConfigAsync();
        Assert.True(exitCode == 0, output);
        var app = ServiceEnvironment(output, "app");
        var portal = ServiceEnvironment(output, "portal");

        AssertEveryVariableIsRead(portal);
        Assert.Equal(Bind(app).ConnectionString, Bind(portal).ConnectionString);
        Assert.False(Bind<SeedingOptions>(portal, "Seeding").DemoData);
        Assert.Matches(@"portal:[\s\S]*target: portal[\s\S]*condition: service_healthy", output);
        var trackingUrl = Bind<DossierWorkflow.Dossiers.Forms.FormsOptions>(app, "Forms").TrackingUrl;
        Assert.StartsWith("http://localhost:8090/tra-cuu/", trackingUrl, StringComparison.Ordinal);
        Assert.Matches(@"portal:[\s\S]*published: 8090\s+target: 8080", output);

        // The dossiers' files live in one volume both hosts mount where their file store keeps them (the data directory's
        // attachments/): scans citizens upload reach the officers, results officers attach reach the citizens.
        Assert.Equal(Bind<DossierWorkflow.Dossiers.Forms.FormsOptions>(app, "Forms").TrackingUrl, Bind<DossierWorkflow.Dossiers.Forms.FormsOptions>(portal, "Forms").TrackingUrl);
        Assert.Equal(2, Regex.Matches(output, @"- attachments:/data/attachments").Count);
    }

    [Fact]
    public void The_dockerfile_sets_only_settings_the_app_reads()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryRoot, "Dockerfile"));
        // Both images (the portal's stage and the officers') set the same settings.
        var settings = DockerfileEnv().Matches(dockerfile).GroupBy(m => m.Groups[1].Value).ToList();
        Assert.All(settings, setting => Assert.Single(setting.Select(m => m.Groups[2].Value).Distinct()));
        var environment = settings.ToDictionary(s => s.Key, s => s.First().Groups[2].Value);

        Assert.Contains("Database__DataDirectory", environment.Keys);
        AssertEveryVariableIsRead(environment);
        Assert.Equal("/data", Bind(environment).DataDirectory);
    }

    private static void AssertEveryVariableIsRead(IReadOnlyDictionary<string, string> environment)
    {
        Assert.NotEmpty(environment);
        foreach (var name in environment.Keys)
        {
            var known = HostSettings.Contains(name)
                || (name.Split("__") is [var section, var setting] && Sections.TryGetValue(section, out var type)
                    && type.GetProperty(setting, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { CanWrite: true });
            Assert.True(known, $"'{name}' is not a setting the app reads.");
        }
    }

    private static DatabaseOptions Bind(IReadOnlyDictionary<string, string> environment) => Bind<DatabaseOptions>(environment, DatabaseOptions.SectionName);

    private static T Bind<T>(IReadOnlyDictionary<string, string> environment, string section) where T : new()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value)))
            .Build();
        return configuration.GetSection(section).Get<T>() ?? new T();
    }

    /// <summary>The <c>environment:</c> mapping of one service in the normalised output of <c>docker-compose config</c>.</summary>
    private static Dictionary<string, string> ServiceEnvironment(string config, string service)
    {
        var result = new Dictionary<string, string>();
        var lines = config.Split('\n');
        var inService = false;
        var inEnvironment = false;
        foreach (var line in lines)
        {
            var indent = line.Length - line.TrimStart().Length;
            if (indent == 2 && line.TrimEnd().EndsWith(':'))
            {
                inService = line.Trim() == service + ":";
                inEnvironment = false;
            }
            else if (inService && indent == 4)
            {
                inEnvironment = line.Trim() == "environment:";
            }
            else if (inService && inEnvironment && indent == 6 && line.Trim().Split(": ", 2) is [var key, var value])
            {
                result[key] = value.Trim('\'', '"');
            }
        }

        return result;
    }

    private static async Task<(int ExitCode, string Output)> ComposeConfigAsync()
    {
        var compose = new[] { "/usr/bin/docker-compose", "/usr/local/bin/docker-compose" }.FirstOrDefault(File.Exists);
        TestRequirements.Require(RequireVariable, compose is null ? "docker-compose was not found (apt-get install -y docker-compose)." : null);
        var start = new ProcessStartInfo(compose!, ["-f", Path.Combine(RepositoryRoot, "docker-compose.yml"), "config"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        start.Environment["POSTGRES_PASSWORD"] = "test-secret";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, output + error);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DossierWorkflow.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with DossierWorkflow.sln) was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\s*(?:ENV\s+|\\?\s*)([A-Za-z_][A-Za-z0-9_]*)=(\S+?)\s*\\?$", RegexOptions.Multiline)]
    private static partial Regex DockerfileEnv();
}
