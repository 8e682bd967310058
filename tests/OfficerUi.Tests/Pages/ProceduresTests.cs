using System.Net;
using DossierWorkflow.Testing.Web;

namespace DossierWorkflow.OfficerUi.Tests.Pages;

public sealed class ProceduresTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task The_catalogue_lists_every_procedure_in_force()
    {
        var html = await (await app.CreateSignedInClientAsync()).GetStringAsync("/Procedures", TestContext.Current.CancellationToken);

        Assert.Contains("1.001193", html);
        Assert.Contains("Thủ tục đăng ký khai sinh", html);
        Assert.Contains("16 thủ tục", html);
    }

    [Theory]
    [InlineData("dang ky ket hon")]
    [InlineData("KET HON")]
    [InlineData("đăng ký kết hôn")]
    public async Task Searching_ignores_diacritics_and_case(string words)
    {
        var html = await (await app.CreateSignedInClientAsync()).GetStringAsync($"/Procedures?q={Uri.EscapeDataString(words)}", TestContext.Current.CancellationToken);

        // Every word must match somewhere (birth registration asks for the parents' marriage certificate),
        // but a match in the name ranks first.
        var marriage = html.IndexOf("1.000894", StringComparison.Ordinal);
        var birth = html.IndexOf("1.001193", StringComparison.Ordinal);
        Assert.True(marriage > 0);
        Assert.True(birth == -1 || birth > marriage, "Marriage registration must be listed before birth registration.");
    }

    [Fact]
    public async Task The_online_service_level_narrows_the_list()
    {
        var client = await app.CreateSignedInClientAsync();

        var full = await client.GetStringAsync("/Procedures?handler=Results&level=FullOnline", TestContext.Current.CancellationToken);
        var partial = await client.GetStringAsync("/Procedures?handler=Results&level=PartialOnline", TestContext.Current.CancellationToken);

        var fullRows = full.Split("<tr>").Length - 2;
        var partialRows = partial.Split("<tr>").Length - 2;
        Assert.True(fullRows > 0 && partialRows > 0, $"{fullRows} full, {partialRows} partial");
        Assert.Equal(16, fullRows + partialRows);
        Assert.DoesNotContain("Một phần", full[full.IndexOf("<tbody>", StringComparison.Ordinal)..]);
        Assert.DoesNotContain("Toàn trình", partial[partial.IndexOf("<tbody>", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task Procedures_that_only_mention_the_words_are_listed_apart_from_those_they_name()
    {
        var html = System.Net.WebUtility.HtmlDecode(await (await app.CreateSignedInClientAsync()).GetStringAsync("/Procedures?q=chung+thuc", TestContext.Current.CancellationToken));

        Assert.Contains("id=\"count\">3 thủ tục<", html);
        var mentions = html.IndexOf("id=\"mentions\"", StringComparison.Ordinal);
        Assert.True(mentions > 0, "The mentions are listed apart.");
        Assert.InRange(html.IndexOf("2.000815", StringComparison.Ordinal), 1, mentions);
        Assert.Contains("khác chỉ nhắc tới từ khóa trong giấy tờ hoặc căn cứ pháp lý", html[mentions..]);
    }

    [Fact]
    public async Task The_htmx_search_returns_only_the_result_list()
    {
        var html = await (await app.CreateSignedInClientAsync()).GetStringAsync("/Procedures?handler=Results&q=chung+thuc", TestContext.Current.CancellationToken);

        Assert.DoesNotContain("<html", html);
        Assert.Contains("2.000815", html);
        Assert.Contains("<table", html);
    }

    [Fact]
    public async Task A_procedure_shows_its_documents_fee_and_the_steps_of_its_workflow()
    {
        var html = await (await app.CreateSignedInClientAsync()).GetStringAsync("/Procedures/Details?code=2.000815", TestContext.Current.CancellationToken);

        Assert.Contains("chứng thực bản sao từ bản chính", html);
        Assert.Contains("Cán bộ tiếp nhận", html);
        Assert.Contains("Lãnh đạo", html);
        Assert.Contains("Trong ngày", html);
        Assert.Contains("/trang từ trang thứ 3", html);
        Assert.Contains("tối đa 200.000", html);
    }

    [Fact]
    public async Task An_unknown_procedure_code_is_not_found()
    {
        var response = await (await app.CreateSignedInClientAsync()).GetAsync("/Procedures/Details?code=9.999999", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
