namespace DossierWorkflow.OfficerUi.Tests.CommandLine;

/// <summary><c>catalogue search "&lt;text&gt;"</c> prints <c>&lt;code&gt; &lt;name&gt;</c> per match.</summary>
public sealed class CatalogueSearchTests
{
    [Theory]
    [InlineData("đăng ký kết hôn")]
    [InlineData("dang ky ket hon")]
    [InlineData("KET HON")]
    public async Task Marriage_registration_is_found_with_or_without_diacritics(string text)
    {
        var (exitCode, output, _) = await HostProcess.RunAsync(["catalogue", "search", text]);

        Assert.Equal(0, exitCode);
        Assert.Contains("1.000894 Thủ tục đăng ký kết hôn", output.Split('\n').Select(l => l.Trim()));
    }

    [Fact]
    public async Task Birth_procedures_are_found_for_dang_ky_khai_sinh()
    {
        var (exitCode, output, _) = await HostProcess.RunAsync(["catalogue", "search", "dang ky khai sinh"]);
        var codes = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ToList();

        Assert.Equal(0, exitCode);
        Assert.Contains("1.001193", codes);
        Assert.Contains("1.004884", codes);
        Assert.All(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.Matches(@"^\d\.\d{6} \S", l));
    }

    [Fact]
    public async Task Nothing_found_exits_with_one_and_prints_nothing()
    {
        var (exitCode, output, _) = await HostProcess.RunAsync(["catalogue", "search", "xyzzy"]);

        Assert.Equal(1, exitCode);
        Assert.Empty(output.Trim());
    }
}
