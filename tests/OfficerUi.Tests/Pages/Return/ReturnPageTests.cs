using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.OfficerUi.Tests.Pages.Dossiers;
using DossierWorkflow.Testing.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Pages.Return;

/// <summary>Result return: at the counter (who collected it, the fee), electronically, and by post until delivered or returned.</summary>
public abstract class ReturnPageTests(OfficerUiApp app)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_applicant_collects_the_result_at_the_counter_and_the_dossier_is_returned_and_read_only()
    {
        var code = await DossierFixtures.ResolveAsync(app);
        var officer = await ClientAsync("tiepnhan");

        var list = await ReadAsync(await officer.GetAsync($"/Return?Code={Uri.EscapeDataString(code)}", Cancel));
        Assert.Contains($"data-code=\"{code}\"", list);
        var returned = await Succeeded(PostAsync(officer, code, "Counter", ("Input.Collector", "Applicant"), ("Input.CollectorIdNumber", "001085012345"), ("Input.PaymentMethod", "Cash")));
        var again = await PostAsync(officer, code, "Counter", ("Input.Collector", "Applicant"), ("Input.CollectorIdNumber", "001085012345"), ("Input.PaymentMethod", "Cash"));

        Assert.Equal($"/Return/{code}", returned.Headers.Location?.OriginalString);
        var dossier = await DossierAsync(code);
        Assert.Equal(DossierStatus.ResultReturned, dossier.Status);
        var handover = Assert.Single(dossier.Handovers);
        Assert.Equal((ResultDelivery.Counter, CollectorKind.Applicant, "Nguyễn Văn Án", "001085012345", "tiepnhan"),
            (handover.Method, handover.CollectorKind, handover.CollectorName, handover.CollectorIdNumber, handover.RecordedBy));
        Assert.Empty(await OpenStepsAsync(code));
        Assert.Contains("Kết quả của hồ sơ này đã được trả", await ReadAsync(again));
        Assert.DoesNotContain($"data-code=\"{code}\"", await ReadAsync(await officer.GetAsync("/Return", Cancel)));
        var page = await ReadAsync(await officer.GetAsync($"/Dossiers/{code}", Cancel));
        Assert.Contains("10 — Đã trả kết quả", page);
        Assert.Contains("Người nộp hồ sơ: Nguyễn Văn Án", page);
    }

    [Fact]
    public async Task The_applicant_s_rating_from_the_counter_is_recorded_once_after_the_return_and_shown()
    {
        var code = await DossierFixtures.ResolveAsync(app);
        var officer = await ClientAsync("tiepnhan");
        Assert.Contains("Chỉ đánh giá được khi đã trả kết quả.", await ReadAsync(await PostAsync(officer, code, "Rating", ("Input.RatingScore", "5"))));

        await Succeeded(PostAsync(officer, code, "Counter", ("Input.Collector", "Applicant"), ("Input.CollectorIdNumber", "001085012345"), ("Input.PaymentMethod", "Cash")));
        Assert.Contains("id=\"rating-form\"", await ReadAsync(await officer.GetAsync($"/Return/{code}", Cancel)));
        Assert.Contains("Chọn mức độ hài lòng của người dân.", await ReadAsync(await PostAsync(officer, code, "Rating", ("Input.RatingComment", "Nhanh"))));
        await Succeeded(PostAsync(officer, code, "Rating", ("Input.RatingScore", "4"), ("Input.RatingComment", "  Cán bộ hướng dẫn tận tình.  ")));
        Assert.Contains("Hồ sơ này đã được đánh giá.", await ReadAsync(await PostAsync(officer, code, "Rating", ("Input.RatingScore", "1"))));

        var page = await ReadAsync(await officer.GetAsync($"/Return/{code}", Cancel));
        Assert.Contains("Người dân đã đánh giá: 4/5 — Hài lòng — “Cán bộ hướng dẫn tận tình.”", page);
        Assert.DoesNotContain("id=\"rating-form\"", page);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        var dossier = await DossierAsync(code);
        var rating = await db.Set<DossierRating>().SingleAsync(r => r.DossierId == dossier.Id, Cancel);
        Assert.Equal((4, RatingChannel.Counter, "tiepnhan"), (rating.Score, rating.Channel, rating.RecordedBy));
    }

    [Fact]
    public async Task The_process_control_sheet_lists_each_hand_off_from_reception_to_the_applicant()
    {
        DossierWorkflow.Testing.Poppler.Require();
        var code = await DossierFixtures.ResolveAsync(app);
        var officer = await ClientAsync("tiepnhan");
        await Succeeded(PostAsync(officer, code, "Counter", ("Input.Collector", "Applicant"), ("Input.CollectorIdNumber", "001085012345"), ("Input.PaymentMethod", "Cash")));

        var sheet = await officer.GetAsync($"/Dossiers/{code}/Forms/06", Cancel);

        Assert.Equal("application/pdf", sheet.Content.Headers.ContentType?.MediaType);
        var text = DossierWorkflow.Testing.Poppler.Flatten(DossierWorkflow.Testing.Poppler.Text(await sheet.Content.ReadAsByteArrayAsync(Cancel)));
        Assert.Contains("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", text);
        Assert.Contains(code, text);
        var order = new[] { "Nguyễn Thị Hồng Nhung", "Trần Văn Minh", "Lê Quang Huy", "Tổ chức, cá nhân" }.Select(name => text.IndexOf(name, StringComparison.Ordinal)).ToList();
        Assert.All(order, position => Assert.True(position >= 0));
        Assert.Equal(order.Order(), order);
        Assert.Equal(HttpStatusCode.NotFound, (await (await ClientAsync("tiepnhan.socson")).GetAsync($"/Dossiers/{code}/Forms/06", Cancel)).StatusCode);
    }

    [Fact]
    public async Task An_authorised_person_must_be_named_and_identified_and_the_outstanding_fee_collected_with_its_reference()
    {
        var code = await DossierFixtures.ResolveAsync(app);
        var officer = await ClientAsync("tiepnhan");

        var unnamed = await ReadAsync(await PostAsync(officer, code, "Counter", ("Input.Collector", "Authorised"), ("Input.CollectorIdNumber", "12345")));
        var unpaid = await ReadAsync(await PostAsync(officer, code, "Counter", ("Input.Collector", "Authorised"), ("Input.CollectorName", "Lê Thị Hoa"), ("Input.CollectorIdNumber", "001190012345")));
        var noReference = await ReadAsync(await PostAsync(officer, code, "Counter", ("Input.Collector", "Authorised"), ("Input.CollectorName", "Lê Thị Hoa"), ("Input.CollectorIdNumber", "001190012345"), ("Input.PaymentMethod", "BankTransfer")));

        Assert.Contains("Thông tin này là bắt buộc.", unnamed);
        Assert.Contains("Số định danh gồm 12 chữ số (hoặc số hộ chiếu 8–9 ký tự).", unnamed);
        Assert.Contains("Còn 8.000 đồng phí, lệ phí chưa thu: chọn hình thức thanh toán.", unpaid);
        Assert.Contains("Chuyển khoản hoặc thanh toán trực tuyến cần mã giao dịch.", noReference);
        var unchanged = await DossierAsync(code);
        Assert.Equal((DossierStatus.Resolved, 0, 0), (unchanged.Status, unchanged.Handovers.Count, unchanged.Payments.Count));

        await PostAsync(officer, code, "Counter", ("Input.Collector", "Authorised"), ("Input.CollectorName", "Lê Thị Hoa"), ("Input.CollectorIdNumber", "001190012345"), ("Input.PaymentMethod", "BankTransfer"), ("Input.PaymentReference", "FT26338123456"));

        var dossier = await DossierAsync(code);
        Assert.Equal(DossierStatus.ResultReturned, dossier.Status);
        Assert.True(dossier.FeePaid);
        var payment = Assert.Single(dossier.Payments);
        Assert.Equal((8000L, PaymentMethod.BankTransfer, "FT26338123456"), (payment.Amount, payment.Method, payment.Reference));
        Assert.Equal(("Lê Thị Hoa", CollectorKind.Authorised), (dossier.Handovers.Single().CollectorName, dossier.Handovers.Single().CollectorKind));
    }

    [Fact]
    public async Task By_post_the_result_is_handed_over_with_its_tracking_number_and_returned_when_delivered()
    {
        var code = await DossierFixtures.ResolveAsync(app, ResultDelivery.Post);
        var officer = await ClientAsync("tiepnhan");

        var counter = await ReadAsync(await PostAsync(officer, code, "Counter", ("Input.CollectorIdNumber", "001085012345")));
        var badNumber = await ReadAsync(await PostAsync(officer, code, "Post", ("Input.TrackingNumber", "EB 12"), ("Input.HandedOverAt", LocalNow())));
        var unpaid = await ReadAsync(await PostAsync(officer, code, "Post", ("Input.TrackingNumber", "EB123456789VN"), ("Input.HandedOverAt", LocalNow())));
        await Succeeded(PostAsync(officer, code, "Post", ("Input.TrackingNumber", "eb123456789vn"), ("Input.HandedOverAt", LocalNow()), ("Input.PaymentMethod", "Cash")));

        Assert.Contains("Hồ sơ này trả kết quả qua bưu chính.", counter);
        Assert.Contains("Số hiệu bưu gửi gồm 6–40 chữ và số.", badNumber);
        Assert.Contains("Còn 8.000 đồng phí, lệ phí chưa thu", unpaid);
        var atThePost = await DossierAsync(code);
        Assert.Equal(DossierStatus.Resolved, atThePost.Status);
        Assert.Equal("EB123456789VN", Assert.Single(atThePost.Handovers).TrackingNumber);
        Assert.True(atThePost.FeePaid);
        Assert.Single(await OpenStepsAsync(code));
        Assert.Contains("Bưu chính đang chuyển", await ReadAsync(await officer.GetAsync("/Return", Cancel)));

        await PostAsync(officer, code, "PostalOutcome", ("Input.Outcome", "Delivered"), ("Input.OutcomeAt", LocalNow()));

        var dossier = await DossierAsync(code);
        Assert.Equal(DossierStatus.ResultReturned, dossier.Status);
        Assert.Equal(PostalOutcome.Delivered, dossier.Handovers.Single().PostalOutcome);
        Assert.Empty(await OpenStepsAsync(code));
    }

    [Fact]
    public async Task A_result_returned_to_sender_waits_at_the_counter_and_is_collected_there()
    {
        var code = await DossierFixtures.ResolveAsync(app, ResultDelivery.Post);
        var officer = await ClientAsync("tiepnhan");
        await Succeeded(PostAsync(officer, code, "Post", ("Input.TrackingNumber", "EB123456789VN"), ("Input.HandedOverAt", LocalNow()), ("Input.PaymentMethod", "Cash")));

        var future = await ReadAsync(await PostAsync(officer, code, "PostalOutcome", ("Input.Outcome", "ReturnedToSender"), ("Input.OutcomeAt", LocalNow(days: 2))));
        await PostAsync(officer, code, "PostalOutcome", ("Input.Outcome", "ReturnedToSender"), ("Input.OutcomeAt", LocalNow()));

        Assert.Contains("Thời điểm không được ở tương lai.", future);
        Assert.Equal(DossierStatus.Resolved, (await DossierAsync(code)).Status);
        Assert.Equal("Task_ReturnAtCounter", Assert.Single(await OpenStepsAsync(code)).ElementId);
        Assert.Contains("Bưu chính đã chuyển hoàn kết quả", await ReadAsync(await officer.GetAsync($"/Return/{code}", Cancel)));

        await Succeeded(PostAsync(officer, code, "Counter", ("Input.Collector", "Applicant"), ("Input.CollectorIdNumber", "001085012345")));

        var dossier = await DossierAsync(code);
        Assert.Equal(DossierStatus.ResultReturned, dossier.Status);
        Assert.Equal([ResultDelivery.Post, ResultDelivery.Counter], dossier.Handovers.OrderBy(h => h.RecordedAt).Select(h => h.Method));
    }

    [Fact]
    public async Task An_electronic_result_needs_its_file_which_is_kept_as_the_dossiers_result()
    {
        var code = await DossierFixtures.ResolveAsync(app, ResultDelivery.Electronic);
        var officer = await ClientAsync("tiepnhan");

        var noFile = await ReadAsync(await PostAsync(officer, code, "Electronic"));
        var sent = await Succeeded(PostAsync(officer, code, "Electronic", ("Input.ResultFile", "giay-khai-sinh.pdf"), ("Input.PaymentMethod", "Online"), ("Input.PaymentReference", "DVCQG-2612-0001")));

        Assert.Contains("Hãy đính kèm tệp kết quả.", noFile);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var dossier = await DossierAsync(code);
        Assert.Equal(DossierStatus.ResultReturned, dossier.Status);
        var file = Assert.Single(dossier.Files, f => f.Kind == DossierFileKind.Result);
        Assert.Equal((ResultDelivery.Electronic, file.Id), (dossier.Handovers.Single().Method, dossier.Handovers.Single().ResultFileId!.Value));
        var page = await ReadAsync(await officer.GetAsync($"/Dossiers/{code}", Cancel));
        Assert.Contains("giay-khai-sinh.pdf", page);
    }

    [Fact]
    public async Task The_return_step_is_completed_only_here_and_only_by_the_receiving_units_counter()
    {
        var code = await DossierFixtures.ResolveAsync(app);
        var step = Assert.Single(await OpenStepsAsync(code));

        var fromStepPage = await (await ClientAsync("tiepnhan")).GetAsync($"/Dossiers/{code}/Steps/{step.Id}", Cancel);
        var stranger = await (await ClientAsync("tiepnhan.socson")).GetAsync($"/Return/{code}", Cancel);
        var specialist = await (await ClientAsync("chuyenvien")).GetAsync($"/Return/{code}", Cancel);
        var queue = await ReadAsync(await (await ClientAsync("tiepnhan")).GetAsync("/Tasks", Cancel));

        Assert.Equal($"/Return/{code}", fromStepPage.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, specialist.StatusCode);
        Assert.Contains("/Account/AccessDenied", specialist.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Return/{code}\"", queue);
        Assert.Equal(DossierStatus.Resolved, (await DossierAsync(code)).Status);
    }

    /// <summary>The action succeeded: it redirected back to the page; otherwise the failure names the page's messages.</summary>
    private static async Task<HttpResponseMessage> Succeeded(Task<HttpResponseMessage> action)
    {
        var response = await action;
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
            var messages = System.Text.RegularExpressions.Regex.Matches(page, "<(?:div|li) class=\"(?:invalid-feedback|text-danger)[^\"]*\">([^<]+)<|<li>([^<]+)</li>")
                .Select(m => m.Groups[1].Value + m.Groups[2].Value).Where(m => m.Trim().Length > 0);
            Assert.Fail($"Expected a redirect, got {(int)response.StatusCode}: {string.Join("; ", messages)}");
        }

        return response;
    }

    private static string LocalNow(int days = 0) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(days), TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")).ToString("yyyy-MM-ddTHH:mm");

    /// <summary>Posts a handler of the return page; an <c>Input.ResultFile</c> field becomes a PDF of that name.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string code, string handler, params (string Name, string Value)[] fields)
    {
        var page = await client.GetStringAsync($"/Return/{code}", Cancel);
        var content = new MultipartFormDataContent { { new StringContent(OfficerSignIn.AntiforgeryToken(page)), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            if (name == "Input.ResultFile")
            {
                var file = new ByteArrayContent(Pdf);
                file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                content.Add(file, name, value);
            }
            else
            {
                content.Add(new StringContent(value), name);
            }
        }

        return await client.PostAsync($"/Return/{code}?handler={handler}", content, Cancel);
    }

    private Task<HttpClient> ClientAsync(string userName) => DossierFixtures.ClientAsync(app, userName);

    private Task<IReadOnlyList<WorkItem>> OpenStepsAsync(string code) => DossierFixtures.OpenStepsAsync(app, code);

    private async Task<Dossier> DossierAsync(string code)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Set<Dossier>().AsNoTracking()
            .Include(d => d.Handovers).Include(d => d.Payments).Include(d => d.Files)
            .AsSplitQuery()
            .SingleAsync(d => d.Code == code, Cancel);
    }

    private static async Task<string> ReadAsync(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
}

public sealed class ReturnPageTestsOnSqlite(SqliteApp app) : ReturnPageTests(app), IClassFixture<SqliteApp>;

public sealed class ReturnPageTestsOnPostgres(PostgresApp app) : ReturnPageTests(app), IClassFixture<PostgresApp>;
