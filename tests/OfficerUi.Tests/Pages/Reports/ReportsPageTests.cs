using System.Net;
using ClosedXML.Excel;
using DossierWorkflow.OfficerUi.Tests.Pages.Dossiers;
using DossierWorkflow.Testing.Web;
using DossierWorkflow.Dossiers.Reports;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Pages.Reports;

/// <summary>
/// The reports page as a manager uses it: their home page, the units they may see, a month's Biểu 06 with the dossiers
/// the counter just accepted, a bad period named, the workbook downloaded; other officers are kept out.
/// </summary>
public sealed class ReportsPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_manager_lands_on_the_reports_sees_the_month_s_dossiers_and_downloads_bieu_06()
    {
        // The class's tests share one app: what this one adds is counted against what was there.
        var manager = await app.CreateSignedInClientAsync("quanly", new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var monthBefore = Received(WebUtility.HtmlDecode(await manager.GetStringAsync("/Reports", Cancel)));
        var yearBefore = Received(WebUtility.HtmlDecode(await manager.GetStringAsync("/Reports?Kind=year", Cancel)));
        await DossierFixtures.AcceptAsync(app);
        await DossierFixtures.AcceptAsync(app);

        Assert.Equal("/Reports", (await manager.GetAsync("/", Cancel)).Headers.Location?.OriginalString);
        var page = WebUtility.HtmlDecode(await manager.GetStringAsync("/Reports", Cancel));
        Assert.Contains("<option value=\"HN.SOCSON\"", page);
        Assert.Equal(monthBefore + 2, Received(page));
        Assert.Contains("data-unit=\"HN.HOANKIEM\"", page);
        Assert.Contains("data-procedure=\"1.001193\"", page);

        var socSon = WebUtility.HtmlDecode(await manager.GetStringAsync("/Reports?Unit=HN.SOCSON", Cancel));
        Assert.Equal(0, Received(socSon));
        var badPeriod = WebUtility.HtmlDecode(await manager.GetStringAsync("/Reports?Kind=quarter&Number=7", Cancel));
        Assert.Contains("Kỳ báo cáo không hợp lệ", badPeriod);

        using var workbook = new XLWorkbook(new MemoryStream(await ExportAsync(manager, "Bieu06", "Kind=year")));
        var sheet = workbook.Worksheet("Biểu 06");
        Assert.Equal("TỔNG SỐ", sheet.Column(2).CellsUsed().Last().GetString());
        Assert.Equal(yearBefore + 2, sheet.Column(2).CellsUsed().Last().CellRight().GetValue<int>());
    }

    /// <summary>The dashboard's "received" figure.</summary>
    private static int Received(string page) => int.Parse(
        System.Text.RegularExpressions.Regex.Match(page, "id=\"received\">([0-9.]+)<").Groups[1].Value.Replace(".", "", StringComparison.Ordinal),
        System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_register_book_lists_the_period_s_dossiers_in_the_order_accepted_with_formats_a_frozen_filtered_header_and_a_valid_file()
    {
        var first = await DossierFixtures.AcceptAsync(app);
        var second = await DossierFixtures.AcceptAsync(app);
        var manager = await app.CreateSignedInClientAsync("quanly");

        var bytes = await ExportAsync(manager, "Register", "Unit=HN.HOANKIEM&Kind=year");

        using (var workbook = new XLWorkbook(new MemoryStream(bytes)))
        {
            var sheet = workbook.Worksheet("Sổ theo dõi hồ sơ");
            Assert.Equal("SỔ THEO DÕI HỒ SƠ", sheet.Cell(1, 1).GetString());
            Assert.Equal(["STT", "Mã hồ sơ", "Tên thủ tục hành chính", "Tên tổ chức, cá nhân"], Enumerable.Range(1, 4).Select(c => sheet.Cell(3, c).GetString()));
            var codes = sheet.Column(2).CellsUsed().Skip(1).Select(c => c.GetString()).ToList();
            Assert.Equal([first, second], codes.Where(c => c == first || c == second));
            var row = sheet.Column(2).CellsUsed().First(c => c.GetString() == first).Address.RowNumber;
            Assert.Equal("Nguyễn Văn Án", sheet.Cell(row, 4).GetString());
            Assert.Equal("Ủy ban nhân dân Phường Hoàn Kiếm", sheet.Cell(row, 6).GetString());
            Assert.Equal("dd/MM/yyyy HH:mm", sheet.Cell(row, 7).Style.NumberFormat.Format);
            Assert.Equal(3, sheet.SheetView.SplitRow);
            Assert.True(sheet.AutoFilter.IsEnabled);
            Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
            Assert.Equal(XLPaperSize.A4Paper, sheet.PageSetup.PaperSize);
            Assert.Equal((3, 3), (sheet.PageSetup.FirstRowToRepeatAtTop, sheet.PageSetup.LastRowToRepeatAtTop));
        }

        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document, Cancel));
    }

    [Fact]
    public async Task Each_figure_opens_the_search_page_with_the_dossiers_behind_it_and_keeps_its_criteria_shown()
    {
        var accepted = await DossierFixtures.AcceptAsync(app);
        var manager = await app.CreateSignedInClientAsync("quanly");
        var page = WebUtility.HtmlDecode(await manager.GetStringAsync("/Reports?Unit=HN.HOANKIEM", Cancel));

        var received = Link(page, "Input.Figure=Received&");
        Assert.Contains("Input.Unit=HN.HOANKIEM&Input.Below=true", received);
        var list = WebUtility.HtmlDecode(await manager.GetStringAsync(received, Cancel));
        Assert.Contains(accepted, list);
        Assert.Contains("id=\"report-criteria\"", list);
        Assert.Contains("Hồ sơ nhận giải quyết (tổng số)", list);
        Assert.Contains("name=\"Input.Figure\" value=\"Received\"", list);

        // The procedure's row opens its own dossiers; a figure it does not count lists nothing of it.
        var row = Link(page, "Input.Figure=InProgressWithinDeadline&", "&Input.Procedure=1.001193");
        Assert.Contains(accepted, WebUtility.HtmlDecode(await manager.GetStringAsync(row, Cancel)));
        var late = received.Replace("Input.Figure=Received", "Input.Figure=ResolvedLate", StringComparison.Ordinal);
        Assert.DoesNotContain(accepted, WebUtility.HtmlDecode(await manager.GetStringAsync(late, Cancel)));

        // Another unit's figure does not list it.
        var socSon = received.Replace("Input.Unit=HN.HOANKIEM", "Input.Unit=HN.SOCSON", StringComparison.Ordinal);
        Assert.DoesNotContain(accepted, WebUtility.HtmlDecode(await manager.GetStringAsync(socSon, Cancel)));
    }

    [Fact]
    public async Task Exports_run_in_the_background_are_kept_for_their_officer_only_and_list_the_overdue_and_the_officers_work()
    {
        await DossierFixtures.AcceptAsync(app);
        var manager = await app.CreateSignedInClientAsync("quanly");
        var overdue = await ExportAsync(manager, "Overdue", "Unit=HN.HOANKIEM&Kind=year");
        var productivity = await ExportAsync(manager, "Productivity", "Unit=HN.HOANKIEM&Kind=year");

        using (var workbook = new XLWorkbook(new MemoryStream(overdue)))
        {
            var sheet = workbook.Worksheet("Hồ sơ quá hạn");
            Assert.Equal("DANH SÁCH HỒ SƠ QUÁ HẠN", sheet.Cell(1, 1).GetString());
            Assert.Equal("Số ngày làm việc quá hạn", sheet.Cell(3, 8).GetString());
        }

        using (var workbook = new XLWorkbook(new MemoryStream(productivity)))
        {
            var sheet = workbook.Worksheet("Năng suất cán bộ");
            Assert.Equal(["STT", "Họ và tên", "Tên đăng nhập", "Số bước đã hoàn thành"], Enumerable.Range(1, 4).Select(c => sheet.Cell(3, c).GetString()));
        }

        // The page lists the officer's exports (closing it loses nothing); another officer neither sees nor downloads them.
        var page = await manager.GetStringAsync("/Reports?Unit=HN.HOANKIEM&Kind=year", Cancel);
        var id = System.Text.RegularExpressions.Regex.Match(page, "id=\"export-([0-9a-f-]{36})\" data-status=\"Ready\"").Groups[1].Value;
        Assert.NotEmpty(id);
        var leader = await app.CreateSignedInClientAsync("lanhdao");
        Assert.DoesNotContain(id, await leader.GetStringAsync("/Reports", Cancel));
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/Reports?handler=Download&id={id}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/Reports?handler=ExportProgress&id={id}", Cancel)).StatusCode);
    }

    [Fact]
    public async Task An_officer_may_have_only_a_few_exports_waiting_or_running_at_once()
    {
        var exports = app.Services.GetRequiredService<ReportExports>();
        var period = DossierWorkflow.Dossiers.Reports.ReportPeriod.Year(2026);
        List<ReportExport?> started = [];
        for (var i = 0; i < ReportExports.MostPerOfficer + 3; i++)
        {
            started.Add(await exports.StartAsync("vanthu", ReportKind.Register, "HN", period, Cancel));
        }


        // Those beyond the limit are refused while the first wait or run; once they are ready, more may start.
        Assert.Contains(started, e => e is null);
        Assert.True(started.Count(e => e is not null) >= ReportExports.MostPerOfficer);
        for (var polls = 0; (await exports.OfAsync("vanthu", Cancel)).Any(e => e.Status is ReportExportStatus.Waiting or ReportExportStatus.Running); polls++)
        {
            Assert.True(polls < 300, "The exports did not finish.");
            await Task.Delay(100, Cancel);
        }

        Assert.NotNull(await exports.StartAsync("vanthu", ReportKind.Register, "HN", period, Cancel));
    }

    [Fact]
    public async Task The_quality_indices_early_warning_and_overdue_holders_load_into_the_page_for_its_unit_and_period()
    {
        var manager = await app.CreateSignedInClientAsync("quanly");
        var page = WebUtility.HtmlDecode(await manager.GetStringAsync("/Reports?Unit=HN.HOANKIEM&Kind=quarter&Number=4", Cancel));
        var address = System.Text.RegularExpressions.Regex.Match(page, "id=\"quality\" hx-get=\"([^\"]+)\"").Groups[1].Value;
        Assert.Contains("handler=Quality", address);
        Assert.Contains("Unit=HN.HOANKIEM", address);

        var indices = WebUtility.HtmlDecode(await manager.GetStringAsync(address, Cancel));
        Assert.Contains("id=\"quality-table\"", indices);
        Assert.Contains("data-unit=\"HN.HOANKIEM\"", indices);
        Assert.Contains("Cung cấp dịch vụ công trực tuyến", indices);
        Assert.DoesNotContain("<html", indices);
        var reception = await app.CreateSignedInClientAsync("tiepnhan", new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.NotEqual(HttpStatusCode.OK, (await reception.GetAsync(address, Cancel)).StatusCode);

        // Early warning loads the same way, after the page shows.
        var warning = System.Text.RegularExpressions.Regex.Match(page, "id=\"warnings-list\" hx-get=\"([^\"]+)\"").Groups[1].Value;
        var warnings = WebUtility.HtmlDecode(await manager.GetStringAsync(warning, Cancel));
        Assert.Matches("id=\"(no-)?warnings\"", warnings);
        Assert.DoesNotContain("<html", warnings);

        // And who holds the overdue dossiers now.
        var holders = System.Text.RegularExpressions.Regex.Match(page, "id=\"holders\" hx-get=\"([^\"]+)\"").Groups[1].Value;
        Assert.Contains("handler=Holders", holders);
        Assert.DoesNotContain("<html", await manager.GetStringAsync(holders, Cancel));
    }

    /// <summary>
    /// Exports a report as the page does — started over htmx, its progress card polled until ready — and downloads the
    /// file, which the Open XML SDK's validator finds without errors.
    /// </summary>
    private static async Task<byte[]> ExportAsync(HttpClient client, string report, string query)
    {
        var page = await client.GetStringAsync($"/Reports?{query}", Cancel);
        var fields = System.Web.HttpUtility.ParseQueryString(query);
        var request = new HttpRequestMessage(HttpMethod.Post, "/Reports?handler=Export")
        {
            Content = new FormUrlEncodedContent(fields.AllKeys.Select(k => new KeyValuePair<string, string>(k!, fields[k]!)).Append(new("report", report))),
        };
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("RequestVerificationToken", OfficerSignIn.HtmxToken(page));
        var started = await client.SendAsync(request, Cancel);
        started.EnsureSuccessStatusCode();
        var card = await started.Content.ReadAsStringAsync(Cancel);
        var id = System.Text.RegularExpressions.Regex.Match(card, "id=\"export-([0-9a-f-]{36})\"").Groups[1].Value;
        for (var polls = 0; !card.Contains("data-status=\"Ready\"", StringComparison.Ordinal); polls++)
        {
            Assert.True(polls < 300, $"The export did not finish: {card}");
            Assert.DoesNotContain("data-status=\"Failed\"", card);
            await Task.Delay(100, Cancel);
            card = await client.GetStringAsync($"/Reports?handler=ExportProgress&id={id}", Cancel);
        }

        var file = await client.GetAsync($"/Reports?handler=Download&id={id}", Cancel);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.Content.Headers.ContentType?.MediaType);
        var bytes = await file.Content.ReadAsByteArrayAsync(Cancel);
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document, Cancel).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        return bytes;
    }

    /// <summary>The first link of <paramref name="page"/> to the search page containing every one of <paramref name="parts"/>.</summary>
    private static string Link(string page, params string[] parts) =>
        System.Text.RegularExpressions.Regex.Matches(page, "href=\"(/Dossiers\\?[^\"]*)\"").Select(m => m.Groups[1].Value)
            .First(href => parts.All(p => href.Contains(p, StringComparison.Ordinal)));

    [Fact]
    public async Task Officers_without_a_manager_s_leader_s_or_administrator_s_role_are_kept_out_and_units_beyond_theirs_are_not_found()
    {
        var reception = await app.CreateSignedInClientAsync("tiepnhan", new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var leader = await app.CreateSignedInClientAsync("lanhdao.socson", new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Contains("/Account/AccessDenied", (await reception.GetAsync("/Reports", Cancel)).Headers.Location?.OriginalString);
        Assert.DoesNotContain("id=\"nav-reports\"", await reception.GetStringAsync("/Procedures", Cancel));
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/Reports", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync("/Reports?Unit=HN.HOANKIEM", Cancel)).StatusCode);
    }
}
