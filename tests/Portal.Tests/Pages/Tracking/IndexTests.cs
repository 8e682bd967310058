using System.Net;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Testing;
using DossierWorkflow.Testing.Web;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DossierWorkflow.Portal.Tests.Pages.Tracking;

/// <summary>Tracking a dossier by its code without signing in: what the public sees, and what it never sees.</summary>
public abstract class IndexTests(OfficerUiApp app)
{
    private readonly HttpClient _client = app.Portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task An_accepted_dossier_shows_its_procedure_dates_status_and_unit_with_the_applicants_name_masked()
    {
        var code = await DossierFixtures.AcceptAsync(app);

        var page = await _client.GetStringAsync($"/tra-cuu/{code}", TestContext.Current.CancellationToken);

        Assert.Contains($"id=\"dossier-heading\">{code}<", page, StringComparison.Ordinal);
        Assert.Contains("id=\"status\">Đã tiếp nhận<", page, StringComparison.Ordinal);
        Assert.Contains("Thủ tục đăng ký khai sinh", page, StringComparison.Ordinal);
        Assert.Contains("id=\"applicant\">Nguyễn V** Á<", page, StringComparison.Ordinal);
        Assert.Matches("id=\"appointment\">\\d\\d:\\d\\d \\d\\d/\\d\\d/\\d{4}<", page);
        Assert.Contains("id=\"handled-by\">Ủy ban nhân dân Phường Hoàn Kiếm<", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_personal_but_the_masked_name_is_shown()
    {
        var code = await DossierFixtures.AcceptAsync(app);

        var page = await _client.GetStringAsync($"/tra-cuu/{code}", TestContext.Current.CancellationToken);

        Assert.DoesNotContain("Nguyễn Văn Án", page, StringComparison.Ordinal);
        Assert.DoesNotContain("001085012345", page, StringComparison.Ordinal);
        Assert.DoesNotContain("0912345678", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Hàng Bông", page, StringComparison.Ordinal);
        Assert.DoesNotContain("tiepnhan", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Nguyễn Thị Hồng Nhung", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dossier_submitted_online_and_not_yet_accepted_has_no_appointment_yet()
    {
        var code = await DossierFixtures.ReceiveAsync(app, decision: null);

        var page = await _client.GetStringAsync($"/tra-cuu/{code}", TestContext.Current.CancellationToken);

        Assert.Contains("id=\"status\">Đã gửi, chờ cán bộ tiếp nhận kiểm tra<", page, StringComparison.Ordinal);
        Assert.Contains("Ngày nộp", page, StringComparison.Ordinal);
        Assert.Contains("id=\"appointment\">Chưa có", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_leads_to_the_address_the_QR_code_opens_whatever_the_case_and_spaces_typed()
    {
        var code = await DossierFixtures.AcceptAsync(app);

        var response = await _client.GetAsync($"/tra-cuu?ma=%20{code.ToLowerInvariant()}%20", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/tra-cuu/{code}", response.Headers.Location?.OriginalString);
        Assert.Contains(code, await _client.GetStringAsync($"/tra-cuu/{code.ToLowerInvariant()}", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_code_says_so_and_a_malformed_one_says_what_a_code_is()
    {
        var unknown = await _client.GetAsync("/tra-cuu/000.00.25.H26-010101-9999", TestContext.Current.CancellationToken);
        var malformed = await _client.GetStringAsync("/tra-cuu?ma=%3Cscript%3E", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Không tìm thấy hồ sơ có mã 000.00.25.H26-010101-9999", await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("Mã hồ sơ gồm chữ, số, dấu chấm và dấu gạch ngang", malformed, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", malformed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resolved_dossier_says_its_result_is_ready_to_collect()
    {
        var code = await DossierFixtures.ResolveAsync(app, ResultDelivery.Counter);

        var page = await _client.GetStringAsync($"/tra-cuu/{code}", TestContext.Current.CancellationToken);

        Assert.Contains("id=\"status\">Đã có kết quả, chờ nhận<", page, StringComparison.Ordinal);
        Assert.Contains("id=\"resolved\">", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_speaks_English_when_chosen()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        var request = new HttpRequestMessage(HttpMethod.Get, $"/tra-cuu/{code}");
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Dvi-VN%7Cuic%3Den-US");

        var page = await (await _client.SendAsync(request, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("Track a dossier", page, StringComparison.Ordinal);
        Assert.Contains("id=\"status\">Accepted<", page, StringComparison.Ordinal);
    }
}

public sealed class IndexTestsOnSqlite(SqliteApp app) : IndexTests(app), IClassFixture<SqliteApp>;

public sealed class IndexTestsOnPostgres(PostgresApp app) : IndexTests(app), IClassFixture<PostgresApp>;

/// <summary>
/// Codes cannot be enumerated nor passwords guessed at speed: one address may look up so many codes, and open so many
/// account pages, a minute; then it is told to wait.
/// </summary>
public sealed class RateLimitTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private HttpClient Client()
    {
        app.Portal.Settings["Portal:RateLimits:TrackingPerMinute"] = "5";
        app.Portal.Settings["Portal:RateLimits:AccountsPerMinute"] = "3";
        return app.Portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    [Fact]
    public async Task Account_requests_beyond_the_limit_are_refused_whichever_account_page_they_go_to()
    {
        var client = Client();
        var email = $"{Guid.NewGuid():N}@example.vn";

        var register = await client.GetAsync("/tai-khoan/dang-ky", TestContext.Current.CancellationToken);
        var page = await register.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var registered = await client.PostFormAsync("/tai-khoan/dang-ky", page, ("Input.Identifier", "not an address"));
        var codeAsked = await client.PostFormAsync("/tai-khoan/quen-mat-khau", page, ("Identifier", email));
        var codeTyped = await client.PostFormAsync($"/tai-khoan/dat-lai-mat-khau?ten={email}", page, ("Code", "123456"), ("Password", "mat-khau-moi-1"), ("ConfirmPassword", "mat-khau-moi-1"));
        var signIn = await client.PostFormAsync("/tai-khoan/dang-nhap", page, ("Identifier", email), ("Password", "mat-khau-2026"));

        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, codeAsked.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, codeTyped.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, signIn.StatusCode);
        Assert.NotNull(signIn.Headers.RetryAfter);
    }

    [Fact]
    public async Task Lookups_beyond_the_limit_are_refused_with_a_page_saying_to_wait()
    {
        var client = Client();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await client.GetAsync($"/tra-cuu/000.00.25.H26-261201-{i:0000}", TestContext.Current.CancellationToken)).StatusCode);
        }

        var refused = await client.GetAsync("/tra-cuu/000.00.25.H26-261201-0100", TestContext.Current.CancellationToken);
        Assert.All(statuses.Take(5), status => Assert.Equal(HttpStatusCode.NotFound, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[5]);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("Quá nhiều yêu cầu", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/thu-tuc", TestContext.Current.CancellationToken)).StatusCode);
    }
}
