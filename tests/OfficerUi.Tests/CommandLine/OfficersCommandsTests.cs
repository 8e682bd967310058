using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Testing;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.OfficerUi.Tests.CommandLine;

/// <summary><c>officers list</c> and <c>officers set-password</c> on a fresh SQLite database with the demo officers.</summary>
public sealed class OfficersCommandsTests : IDisposable
{
    private readonly SqliteFile _database = new("officers");

    [Fact]
    public async Task The_list_names_each_officer_with_their_roles_in_their_units()
    {
        var (exitCode, output, error) = await RunAsync(["list"]);

        Assert.True(exitCode == 0, error);
        Assert.Contains("lanhdao Lê Quang Huy leader@HN.HOANKIEM", output.Split('\n').Select(l => l.Trim()));
        Assert.Contains("tiepnhan Nguyễn Thị Hồng Nhung reception@HN.HOANKIEM,reception@HN.HOANKIEM.TTPVHCC", output.Split('\n').Select(l => l.Trim()));
    }

    [Fact]
    public async Task A_password_read_from_standard_input_replaces_the_old_one()
    {
        var (exitCode, output, error) = await RunAsync(["set-password", "QuanTri"], "mật khẩu mới của quản trị\n");

        Assert.True(exitCode == 0, error);
        Assert.StartsWith("password set for quantri", output.Trim());
        Assert.DoesNotContain("mật khẩu mới", output + error);
        await using var db = new DossiersDbContext(new DbContextOptionsBuilder<DossiersDbContext>().UseSqlite(_database.ConnectionString).Options);
        var passwords = new OfficerPasswords(db, TimeProvider.System);
        Assert.Equal(PasswordSignInStatus.Succeeded, (await passwords.VerifyAsync("quantri", "mật khẩu mới của quản trị", TestContext.Current.CancellationToken)).Status);
        Assert.Equal(PasswordSignInStatus.Failed, (await passwords.VerifyAsync("quantri", DemoOrganisation.DemoPassword, TestContext.Current.CancellationToken)).Status);
    }

    [Fact]
    public async Task A_short_password_is_refused_before_anything_is_written()
    {
        var (exitCode, _, error) = await RunAsync(["set-password", "quantri"], "short\n");

        Assert.Equal(2, exitCode);
        Assert.Contains("at least 8 characters", error);
    }

    [Fact]
    public async Task An_unknown_officer_is_named_in_the_error()
    {
        var (exitCode, _, error) = await RunAsync(["set-password", "nobody"], "a long enough password\n");

        Assert.Equal(1, exitCode);
        Assert.Contains("'nobody'", error);
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, string? input = null) =>
        HostProcess.RunAsync(["officers", .. args], new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["Database__ConnectionString"] = _database.ConnectionString,
            ["Seeding__DemoData"] = "true",
        }, input);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _database.Dispose();
    }
}
