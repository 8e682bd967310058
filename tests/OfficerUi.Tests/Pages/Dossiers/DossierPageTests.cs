using System.Net;
using System.Text.RegularExpressions;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Testing.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Pages.Dossiers;

/// <summary>The dossier page: what it shows, to whom, and that every view is on record.</summary>
public abstract partial class DossierPageTests(OfficerUiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_accepted_dossier_shows_its_summary_applicant_documents_form_and_timeline()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        var officer = await app.CreateSignedInClientAsync("tiepnhan");

        var page = WebUtility.HtmlDecode(await officer.GetStringAsync($"/Dossiers/{code}", Cancel));

        Assert.Contains($"<span class=\"font-monospace\" id=\"dossier-code\">{code}</span>", page);
        Assert.Contains("2 — Đã tiếp nhận", Text(page, "status"));
        Assert.Contains("Thủ tục đăng ký khai sinh", Text(page, "summary"));
        Assert.Contains("Phiên bản áp dụng từ 01/07/2025", Text(page, "procedure-version"));
        Assert.Equal("Nguyễn Văn Án", Text(page, "applicant-name"));
        Assert.Contains("001085012345", Text(page, "applicant"));
        Assert.Contains("Số 5 phố Hàng Bông", Text(page, "applicant"));
        Assert.Contains("Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả", Text(page, "forms"));
        Assert.Contains($"href=\"/Dossiers/{code}/Forms/01?issue=", page);
        Assert.Contains($"href=\"/Dossiers/{code}/Forms/06\"", page);
        Assert.Contains("data-current=\"[\"Task_Processing\"]\"", page);
        Assert.Matches("data-done=\"\\[[^\\]]*\"Task_Reception\"", page);
        Assert.Contains("Tờ khai đăng ký khai sinh (theo mẫu) (Bản chính, 1)", Regex.Replace(Text(page, "documents"), @"\s+", " "));

        // The timeline, from the journal: the reception step completed with its outcome, the next step reached.
        var timeline = Regex.Replace(Text(page, "timeline"), @"\s+", " ");
        Assert.Contains("Hoàn thành bước: Tiếp nhận, kiểm tra hồ sơ Tiếp nhận", timeline);
        Assert.Contains("Chuyển đến bước: Kiểm tra hồ sơ, ghi Sổ hộ tịch (Chuyên viên", timeline);
        Assert.Contains("Nguyễn Thị Hồng Nhung", timeline);
        Assert.Matches("data-timeliness=\"(Early|OnTime)\"", page);
        Assert.Contains("Chờ trong hàng đợi Chuyên viên", Text(page, "open-steps"));
    }

    [Fact]
    public async Task An_officer_of_another_commune_and_an_unknown_code_get_not_found()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        var stranger = await app.CreateSignedInClientAsync("tiepnhan.socson");

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Dossiers/{code}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/Dossiers/000.00.25.H26-991231-9999", Cancel)).StatusCode);
        Assert.Empty(await ViewsAsync(code));
    }

    [Fact]
    public async Task Every_view_is_recorded_and_administrators_see_the_record()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        var officer = await app.CreateSignedInClientAsync("tiepnhan");
        var administrator = await app.CreateSignedInClientAsync("quantri");

        var officersPage = await officer.GetStringAsync($"/Dossiers/{code}", Cancel);
        await officer.GetStringAsync($"/Dossiers/{code}", Cancel);
        var administratorsPage = WebUtility.HtmlDecode(await administrator.GetStringAsync($"/Dossiers/{code}", Cancel));

        Assert.Equal(["tiepnhan", "tiepnhan", "quantri"], (await ViewsAsync(code)).Select(v => v.Actor));
        Assert.DoesNotContain("id=\"views\"", officersPage);
        var views = Regex.Replace(Text(administratorsPage, "views"), @"\s+", " ");
        Assert.Equal(3, Regex.Matches(views, @"\d\d:\d\d \d\d/\d\d/\d{4}").Count);
        Assert.Contains("Nguyễn Thị Hồng Nhung (tiepnhan)", views);
        Assert.Contains("Đỗ Đức Anh (quantri)", views);
    }

    [Fact]
    public async Task The_queue_opens_a_step_onto_its_dossier_page()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        var specialist = await app.CreateSignedInClientAsync("chuyenvien");

        var queue = await specialist.GetStringAsync("/Tasks", Cancel);

        Assert.Contains($"<a href=\"/Dossiers/{code}\">{code}</a>", queue);
        Assert.Equal(HttpStatusCode.OK, (await specialist.GetAsync($"/Dossiers/{code}", Cancel)).StatusCode);
    }

    [Fact]
    public async Task The_diagram_is_the_bpmn_of_the_version_the_dossier_runs_on_for_those_who_may_see_it()
    {
        var code = await DossierFixtures.AcceptAsync(app);

        var diagram = await (await app.CreateSignedInClientAsync("chuyenvien")).GetAsync($"/Dossiers/{code}?handler=Diagram", Cancel);
        var stranger = await (await app.CreateSignedInClientAsync("chuyenvien.socson")).GetAsync($"/Dossiers/{code}?handler=Diagram", Cancel);

        Assert.Equal("application/xml", diagram.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<bpmn:userTask id=\"Task_Processing\"", await diagram.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Empty(await ViewsAsync(code));
    }

    [Fact]
    public async Task Every_page_that_shows_the_applicant_records_the_view()
    {
        string[] codes = [await DossierFixtures.ResolveAsync(app), await DossierFixtures.ReceiveAsync(app, ReceptionDecision.Supplement), await DossierFixtures.ReceiveAsync(app, decision: null)];
        string[] pages = ["/Return/{0}", "/Reception/Supplement/{0}", "/Reception/Online/{0}"];
        var counter = await app.CreateSignedInClientAsync("tiepnhan");

        for (var i = 0; i < codes.Length; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await counter.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, pages[i], codes[i]), Cancel)).StatusCode);
            Assert.Equal("tiepnhan", Assert.Single(await ViewsAsync(codes[i])).Actor);
        }
    }

    /// <summary>The dossier's views as the audit journal recorded them, oldest first.</summary>
    private async Task<List<DossierWorkflow.Dossiers.Audit.AuditEntry>> ViewsAsync(string code)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        return await db.Set<DossierWorkflow.Dossiers.Audit.AuditEntry>()
            .Where(e => e.DossierCode == code && e.Action == DossierWorkflow.Dossiers.Audit.AuditActions.DossierViewed)
            .OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(Cancel);
    }

    /// <summary>The text inside the element with this id (tags removed).</summary>
    private static string Text(string page, string id)
    {
        var start = page.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"The page has no element #{id}.");
        var open = page.LastIndexOf('<', start);
        var tag = Regex.Match(page[(open + 1)..], @"^\w+").Value;
        var depth = 0;
        foreach (Match match in Regex.Matches(page[open..], $@"<(/?){tag}\b[^>]*>"))
        {
            depth += match.Groups[1].Value.Length == 0 ? 1 : -1;
            if (depth == 0)
            {
                return Regex.Replace(page.Substring(open, match.Index + match.Length), "<[^>]+>", " ").Trim();
            }
        }

        return Regex.Replace(page[open..], "<[^>]+>", " ").Trim();
    }
}

public sealed class DossierPageTestsOnSqlite(SqliteApp app) : DossierPageTests(app), IClassFixture<SqliteApp>;

public sealed class DossierPageTestsOnPostgres(PostgresApp app) : DossierPageTests(app), IClassFixture<PostgresApp>;
