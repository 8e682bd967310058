using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Testing;
using Microsoft.Extensions.Configuration;

namespace DossierWorkflow.OfficerUi.Tests.Deployment;

/// <summary>
/// No Docker engine runs here, so these check what can be checked: docker-compose accepts the compose file, and every
/// setting the compose file and the Dockerfile pass to the app is one the app reads.
/// </summary>
public sealed partial class DeploymentFileTests
{
    private const string RequireVariable = "REQUIRE_DOCKER_COMPOSE";

    /// <summary>Host settings read by ASP.NET Core itself rather than by our options.</summary>
    private static readonly HashSet<string> HostSettings = ["ASPNETCORE_ENVIRONMENT", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_URLS"];

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
    public void The_dockerfile_sets_only_settings_the_app_reads()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryRoot, "Dockerfile"));
        var environment = DockerfileEnv().Matches(dockerfile).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

        Assert.Contains("Database__DataDirectory", environment.Keys);
        AssertEveryVariableIsRead(environment);
        Assert.Equal("/data", Bind(environment).DataDirectory);
    }

    private static void AssertEveryVariableIsRead(IReadOnlyDictionary<string, string> environment)
    {
        Assert.NotEmpty(environment);
        var databaseSettings = typeof(DatabaseOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var name in environment.Keys)
        {
            var known = HostSettings.Contains(name)
                || (name.Split("__") is [var section, var setting] && section == DatabaseOptions.SectionName && databaseSettings.Contains(setting));
            Assert.True(known, $"'{name}' is not a setting the app reads.");
        }
    }

    private static DatabaseOptions Bind(IReadOnlyDictionary<string, string> environment)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value)))
            .Build();
        return configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
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
