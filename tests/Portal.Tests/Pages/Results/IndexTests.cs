using System.Net;
using DossierWorkflow.Testing.Web;

namespace DossierWorkflow.Portal.Tests.Pages.Results;

/// <summary>The public results of dossier handling: no sign-in, this year's figures counted live, nothing personal.</summary>
public abstract class IndexTests(OfficerUiApp app)
{
    [Fact]
    public async Task The_public_results_page_needs_no_sign_in_counts_this_year_live_and_shows_no_personal_data()
    {
        var anonymous = app.Portal.CreateClient();
        int Accepted(string page) => int.Parse(
            System.Text.RegularExpressions.Regex.Match(page, "data-unit=\"HN.HOANKIEM\">\\s*<th[^>]*>.*?</th>\\s*<td class=\"text-end\">([0-9.,]+)</td>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value.Replace(".", "", StringComparison.Ordinal),
            System.Globalization.CultureInfo.InvariantCulture);

        var before = await anonymous.GetAsync("/ket-qua-giai-quyet", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        var count = Accepted(await before.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var code = await DossierFixtures.AcceptAsync(app);

        var after = await anonymous.GetStringAsync("/ket-qua-giai-quyet", TestContext.Current.CancellationToken);
        Assert.Equal(count + 1, Accepted(after));
        Assert.DoesNotContain(code, after, StringComparison.Ordinal);
        Assert.DoesNotContain("Nguyễn Văn Án", WebUtility.HtmlDecode(after), StringComparison.Ordinal);

        // The open page refreshes only its table.
        var request = new HttpRequestMessage(HttpMethod.Get, "/ket-qua-giai-quyet");
        request.Headers.Add("HX-Request", "true");
        var table = await (await anonymous.SendAsync(request, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith("<div class=\"table-responsive\">", table.TrimStart(), StringComparison.Ordinal);
    }
}

public sealed class IndexTestsOnSqlite(SqliteApp app) : IndexTests(app), IClassFixture<SqliteApp>;

public sealed class IndexTestsOnPostgres(PostgresApp app) : IndexTests(app), IClassFixture<PostgresApp>;
