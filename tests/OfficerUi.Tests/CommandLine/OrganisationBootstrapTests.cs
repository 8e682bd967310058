using DossierWorkflow.Testing;

namespace DossierWorkflow.OfficerUi.Tests.CommandLine;

/// <summary>A production database (no demo data) gets its first units and administrator from the command line.</summary>
public sealed class OrganisationBootstrapTests : IDisposable
{
    private readonly SqliteFile _database = new("bootstrap");

    [Fact]
    public async Task Units_an_administrator_and_a_password_are_created_from_the_command_line()
    {
        await RunOkAsync(["units", "add", "DN", "Ủy ban nhân dân Thành phố Đà Nẵng", "--kind", "province", "--agency-code", "000.00.00.H17"]);
        await RunOkAsync(["units", "add", "DN.HAICHAU", "Ủy ban nhân dân Phường Hải Châu", "--kind", "commune", "--parent", "DN"]);
        await RunOkAsync(["officers", "add", "Admin.DN", "Phan Văn Quản", "--role", "administrator@DN", "--role", "manager@dn"]);
        await RunOkAsync(["officers", "set-password", "admin.dn"], "mật khẩu quản trị Đà Nẵng\n");
        await RunOkAsync(["officers", "add", "quanly.dn", "Lê Thị Lý", "--role", "manager@DN", "--subject", "vnid-0042"]);
        var taken = await RunAsync(["officers", "add", "khac.dn", "Người khác", "--role", "manager@DN", "--subject", "vnid-0042"]);
        Assert.Contains("--subject: already linked to the officer 'quanly.dn'", taken.Error);

        var units = await RunOkAsync(["units", "list"]);
        var officers = await RunOkAsync(["officers", "list"]);

        Assert.Equal(["DN province 000.00.00.H17 Ủy ban nhân dân Thành phố Đà Nẵng", "DN.HAICHAU commune - Ủy ban nhân dân Phường Hải Châu"], Lines(units));
        Assert.Equal(["admin.dn Phan Văn Quản administrator@DN,manager@DN", "quanly.dn Lê Thị Lý manager@DN [no password]"], Lines(officers));
    }

    [Fact]
    public async Task Mistakes_are_named_and_nothing_is_written()
    {
        var badKind = await RunAsync(["units", "add", "X", "Đơn vị", "--kind", "ward"]);
        var badParent = await RunAsync(["units", "add", "X.Y", "Đơn vị", "--kind", "commune", "--parent", "X"]);
        var badRole = await RunAsync(["officers", "add", "someone", "Người nào đó", "--role", "boss@X"]);
        var unknownUnit = await RunAsync(["officers", "add", "someone", "Người nào đó", "--role", "leader@NOWHERE"]);

        Assert.Equal((2, "--kind"), (badKind.ExitCode, badKind.Error[..6]));
        Assert.Contains("no unit has the code 'X'", badParent.Error);
        Assert.Contains("'boss@X' is not <role>@<UNIT>", badRole.Error);
        Assert.Contains("no unit has the code 'NOWHERE'", unknownUnit.Error);
        Assert.Equal(1, (await RunAsync(["units", "list"])).ExitCode);
    }

    private static string[] Lines(string output) => [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private async Task<string> RunOkAsync(string[] args, string? input = null)
    {
        var (exitCode, output, error) = await RunAsync(args, input);
        Assert.True(exitCode == 0, $"{string.Join(' ', args)}: {error}");
        return output;
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, string? input = null) =>
        HostProcess.RunAsync(args, new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["Database__ConnectionString"] = _database.ConnectionString,
            ["Seeding__DemoData"] = "false",
        }, input);

    public void Dispose() => _database.Dispose();
}
