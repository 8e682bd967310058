using System.Text.RegularExpressions;
using DossierWorkflow.Testing;
using DossierWorkflow.Testing.Web;

namespace DossierWorkflow.Portal.Tests.Pages.Procedures;

/// <summary>The public catalogue: keywords without diacritics, names first and mentions apart, the filters.</summary>
public abstract partial class IndexTests(OfficerUiApp app)
{
    private readonly HttpClient _client = app.Portal.CreateClient();

    [Fact]
    public async Task A_search_lists_the_procedures_it_names_first_and_those_that_only_mention_it_apart()
    {
        var page = await _client.GetStringAsync("/thu-tuc?q=chung+thuc", TestContext.Current.CancellationToken);

        var named = Items(page, "procedures");
        Assert.Equal(3, named.Count);
        Assert.All(named, name => Assert.Contains("chứng thực", name, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("3 thủ tục", page, StringComparison.Ordinal);
        Assert.Equal(12, Items(page, "mentions").Count);
    }

    [Fact]
    public async Task The_online_level_and_the_handling_unit_filter_the_catalogue()
    {
        var all = Items(await _client.GetStringAsync("/thu-tuc", TestContext.Current.CancellationToken), "procedures");
        var fullyOnline = Items(await _client.GetStringAsync("/thu-tuc?muc-do=FullOnline", TestContext.Current.CancellationToken), "procedures");
        var commune = Items(await _client.GetStringAsync("/thu-tuc?don-vi=HN.HOANKIEM", TestContext.Current.CancellationToken), "procedures");
        var province = await _client.GetStringAsync("/thu-tuc?don-vi=HN", TestContext.Current.CancellationToken);

        // Fifteen procedures of the communes, and one the province handles itself (the construction permit).
        Assert.Equal(16, all.Count);
        Assert.InRange(fullyOnline.Count, 1, all.Count - 1);
        Assert.Equal(15, commune.Count);
        Assert.Contains("giấy phép xây dựng", Assert.Single(Items(province, "procedures")), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(commune, name => name.Contains("giấy phép xây dựng", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_procedure_page_says_what_to_bring_how_long_it_takes_what_it_costs_and_how_the_result_comes()
    {
        var page = await _client.GetStringAsync("/thu-tuc/1.001193", TestContext.Current.CancellationToken);

        Assert.Contains("Thủ tục đăng ký khai sinh", page, StringComparison.Ordinal);
        Assert.Contains("Tờ khai đăng ký khai sinh", page, StringComparison.Ordinal);
        Assert.Contains("Trong ngày", page, StringComparison.Ordinal);
        Assert.Matches("id=\"fee\"[\\s\\S]*8.000[\\s\\S]*giảm 50% khi nộp trực tuyến[\\s\\S]*Miễn: Đăng ký khai sinh đúng hạn", page);
        Assert.Contains("Tại Bộ phận Một cửa", page, StringComparison.Ordinal);
        Assert.Contains("Qua dịch vụ bưu chính công ích", page, StringComparison.Ordinal);
        Assert.Contains("Luật Hộ tịch", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_procedure_is_a_friendly_not_found_page()
    {
        var response = await _client.GetAsync("/thu-tuc/9.999999", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Không tìm thấy trang", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    /// <summary>The procedure names of a list of the page.</summary>
    private static List<string> Items(string page, string listId)
    {
        var start = page.IndexOf($"id=\"{listId}\"", StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }

        var list = page[start..page.IndexOf("</ul>", start, StringComparison.Ordinal)];
        return [.. ProcedureLink().Matches(list).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))];
    }

    [GeneratedRegex("<a class=\"fw-semibold\" href=\"/thu-tuc/[^\"]+\">([^<]+)</a>")]
    private static partial Regex ProcedureLink();
}

public sealed class IndexTestsOnSqlite(SqliteApp app) : IndexTests(app), IClassFixture<SqliteApp>;

public sealed class IndexTestsOnPostgres(PostgresApp app) : IndexTests(app), IClassFixture<PostgresApp>;
