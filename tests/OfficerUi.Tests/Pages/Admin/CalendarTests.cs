using System.Net;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Testing.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Pages.Admin;

public abstract class CalendarTests(OfficerUiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private CurrentWorkingCalendar Calendar => app.Services.GetRequiredService<CurrentWorkingCalendar>();

    [Fact]
    public async Task The_year_shows_lunar_new_year_by_default_and_the_shipped_official_swaps()
    {
        var client = await app.CreateSignedInClientAsync("quantri");

        var year2026 = await client.GetStringAsync("/Admin/Calendar?year=2026", Cancel);
        var year2025 = await client.GetStringAsync("/Admin/Calendar?year=2025", Cancel);

        Assert.Contains("data-date=\"2026-02-17\"", year2026);
        Assert.Contains("Tết Âm lịch", year2026);
        Assert.Contains("Lịch làm việc năm 2026", year2026);
        Assert.Contains("data-date=\"2025-05-02\"", year2025);
        Assert.Contains("Lịch chính thức có sẵn trong phần mềm", year2025);
    }

    [Fact]
    public async Task A_make_up_saturday_added_by_the_administrator_is_a_working_day_at_once()
    {
        var client = await app.CreateSignedInClientAsync("quantri", new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var saturday = new DateOnly(2027, 1, 9);
        Assert.False(Calendar.IsWorkingDay(saturday));

        var response = await AddAsync(client, "2027-01-09", isWorkingDay: true, "Làm bù cho thứ Sáu 15/01/2027");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(Calendar.IsWorkingDay(saturday));
        var page = await client.GetStringAsync(response.Headers.Location!.OriginalString, Cancel);
        Assert.Contains("Quyết định cho ngày 09/01/2027 đã được áp dụng.", page);
        Assert.Contains("Làm bù cho thứ Sáu 15/01/2027", page);
    }

    [Fact]
    public async Task Removing_a_decision_brings_the_default_back()
    {
        var client = await app.CreateSignedInClientAsync("quantri");
        await AddAsync(client, "2028-03-03", isWorkingDay: false, "Nghỉ thêm theo thông báo số 1");
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2028, 3, 3)));
        var page = await client.GetStringAsync("/Admin/Calendar?year=2028", Cancel);

        var response = await client.HtmxPostAsync(page, "/Admin/Calendar?handler=Delete&date=2028-03-03");
        var fragment = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("<table", fragment.Trim());
        Assert.DoesNotContain("2028-03-03", fragment);
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2028, 3, 3)));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.False(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(
            scope.ServiceProvider.GetRequiredService<DossierWorkflow.Dossiers.Persistence.DossiersDbContext>().Set<CalendarDay>(), d => d.Date == new DateOnly(2028, 3, 3), Cancel));
    }

    [Fact]
    public async Task A_decision_without_a_reason_names_the_missing_field_and_changes_nothing()
    {
        var client = await app.CreateSignedInClientAsync("quantri");

        var response = await AddAsync(client, "2029-06-01", isWorkingDay: false, "");
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Cần nhập Lý do và văn bản.", html);
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2029, 6, 1)));
    }

    [Fact]
    public async Task A_decision_that_changes_nothing_or_repeats_a_date_is_refused_with_the_reason()
    {
        var client = await app.CreateSignedInClientAsync("quantri");
        await AddAsync(client, "2029-09-03", isWorkingDay: true, "Làm việc ngày 3/9/2029");

        var ordinaryMonday = await (await AddAsync(client, "2029-10-01", isWorkingDay: true, "Không cần thiết")).Content.ReadAsStringAsync(Cancel);
        var sameDate = await (await AddAsync(client, "2029-09-03", isWorkingDay: false, "Lần thứ hai")).Content.ReadAsStringAsync(Cancel);

        Assert.Contains("Ngày 01/10/2029 theo mặc định đã là ngày làm việc.", ordinaryMonday);
        Assert.Contains("Đã có quyết định cho ngày 03/09/2029: hãy xóa quyết định đó trước.", sameDate);
    }

    [Fact]
    public async Task A_shipped_decision_is_shown_as_such_cannot_be_removed_is_replaced_by_the_administrators_and_comes_back_after()
    {
        var client = await app.CreateSignedInClientAsync("quantri");
        var page = await client.GetStringAsync("/Admin/Calendar?year=2025", Cancel);
        Assert.Matches(@"data-date=""2025-05-02""(?:(?!</tr>).)*data-source=""shipped""", System.Text.RegularExpressions.Regex.Replace(page, @"\s+", " "));
        Assert.DoesNotContain("date=2025-05-02", page);

        // Removing it is refused: it stays.
        await client.HtmxPostAsync(page, "/Admin/Calendar?handler=Delete&date=2025-05-02");
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2025, 5, 2)));

        // The administrator's decision for the date replaces it (also back to what the rules say)…
        var replaced = await AddAsync(client, "2025-05-02", isWorkingDay: true, "Tỉnh giữ nguyên lịch làm việc thứ Sáu 02/5/2025");
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2025, 5, 2)));
        var mine = await client.GetStringAsync("/Admin/Calendar?year=2025", Cancel);
        Assert.Contains("date=2025-05-02", mine);

        // … and removing it brings the shipped one back.
        await client.HtmxPostAsync(mine, "/Admin/Calendar?handler=Delete&date=2025-05-02");
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2025, 5, 2)));
        Assert.Contains("Nghỉ hoán đổi, làm bù thứ Bảy 26/4/2025", await client.GetStringAsync("/Admin/Calendar?year=2025", Cancel));
    }

    [Theory]
    [InlineData("1999")]
    [InlineData("abc")]
    [InlineData("99999")]
    public async Task A_year_the_calendar_does_not_have_is_said_so(string year)
    {
        var client = await app.CreateSignedInClientAsync("quantri");

        var page = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/Admin/Calendar?year={year}", Cancel));

        Assert.Contains($"Năm '{year}' không hợp lệ: lịch có từ năm 2000 đến năm 2100.", page);
    }

    [Fact]
    public async Task A_date_that_does_not_exist_and_a_note_too_long_are_refused_in_vietnamese()
    {
        var client = await app.CreateSignedInClientAsync("quantri");
        var form = await client.GetStringAsync("/Admin/Calendar", Cancel);

        var badDate = System.Net.WebUtility.HtmlDecode(await (await AddAsync(client, "31/02/2026", isWorkingDay: false, "Nghỉ")).Content.ReadAsStringAsync(Cancel));
        var longNote = System.Net.WebUtility.HtmlDecode(await (await AddAsync(client, "2029-06-04", isWorkingDay: false, new string('x', 301))).Content.ReadAsStringAsync(Cancel));

        Assert.Contains("Giá trị '31/02/2026' không hợp lệ cho Ngày.", badDate);
        Assert.DoesNotContain("is not valid", badDate);
        Assert.Contains("tối đa 300 ký tự", longNote);
        Assert.DoesNotMatch(@"id=""Decision_Note""[^>]*maxlength", form);
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2029, 6, 4)));
    }

    private static async Task<HttpResponseMessage> AddAsync(HttpClient client, string date, bool isWorkingDay, string note)
    {
        var page = await client.GetStringAsync("/Admin/Calendar", Cancel);
        var form = page[page.IndexOf("id=\"add-decision\"", StringComparison.Ordinal)..];
        return await client.PostAsync("/Admin/Calendar?handler=Add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Decision.Date"] = date,
            ["Decision.IsWorkingDay"] = isWorkingDay ? "true" : "false",
            ["Decision.Note"] = note,
            ["__RequestVerificationToken"] = OfficerSignIn.AntiforgeryToken(form),
        }), Cancel);
    }
}

public sealed class CalendarTestsOnSqlite(SqliteApp app) : CalendarTests(app), IClassFixture<SqliteApp>;

public sealed class CalendarTestsOnPostgres(PostgresApp app) : CalendarTests(app), IClassFixture<PostgresApp>;
