using DossierWorkflow.Dossiers.OnlineIntake;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Testing;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.OfficerUi.Tests.CommandLine;

/// <summary><c>api-clients add</c>, <c>list</c> and <c>revoke</c> on a fresh SQLite database.</summary>
public sealed class ApiClientsCommandsTests : IDisposable
{
    private readonly SqliteFile _database = new("api-clients");

    [Fact]
    public async Task A_client_added_gets_its_key_printed_once_and_only_the_hash_is_stored_until_it_is_revoked()
    {
        var (added, key, addError) = await RunAsync(["add", "cong-dich-vu-cong"]);
        var (listed, list, _) = await RunAsync(["list"]);
        var (revoked, revokeOutput, _) = await RunAsync(["revoke", "cong-dich-vu-cong"]);
        var (_, afterRevoking, _) = await RunAsync(["list"]);

        Assert.True(added == 0, addError);
        key = key.Trim();
        Assert.StartsWith(ApiClient.KeyPrefix, key);
        Assert.Contains("cannot be shown again", addError);
        await using (var db = new DossiersDbContext(new DbContextOptionsBuilder<DossiersDbContext>().UseSqlite(_database.ConnectionString).Options))
        {
            var client = await db.Set<ApiClient>().SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal(ApiClient.Hash(key), client.KeyHash);
            Assert.DoesNotContain(key, client.KeyHash, StringComparison.Ordinal);
        }

        Assert.Equal(0, listed);
        Assert.StartsWith("cong-dich-vu-cong ", list.Trim());
        Assert.DoesNotContain(key, list);
        Assert.Equal((0, "revoked cong-dich-vu-cong"), (revoked, revokeOutput.Trim()));
        Assert.Contains("[revoked ", afterRevoking);
    }

    [Fact]
    public async Task A_name_taken_or_malformed_is_refused()
    {
        await RunAsync(["add", "portal"]);

        var (again, _, againError) = await RunAsync(["add", "portal"]);
        var (bad, _, badError) = await RunAsync(["add", "cổng dịch vụ"]);
        var (unknown, _, unknownError) = await RunAsync(["revoke", "nobody"]);

        Assert.Equal((1, 2, 1), (again, bad, unknown));
        Assert.Contains("exists already", againError);
        Assert.Contains("cannot name a client", badError);
        Assert.Contains("'nobody'", unknownError);
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args) =>
        HostProcess.RunAsync(["api-clients", .. args], new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["Database__ConnectionString"] = _database.ConnectionString,
        });

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _database.Dispose();
    }
}
