using System.Net;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Portal.Tests.Pages.Account;
using DossierWorkflow.Testing.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.Portal.Tests.Pages.MyDossiers;

/// <summary>
/// A citizen's own dossier in the portal: the steps by department, a supplement sent online, the withdrawal, the
/// electronic result and the rating — and nothing of it for another citizen.
/// </summary>
public abstract class DetailsTests<TApp>(TApp app) where TApp : OfficerUiApp, INotifyingApp
{
    private readonly string _email = $"{Guid.NewGuid():N}@example.vn";
    private readonly CitizenClient _citizen = new(app);

    [Fact]
    public async Task The_steps_so_far_are_shown_by_department_without_any_officers_name()
    {
        var code = await SubmitAsync();
        await PortalDossiers.DecideAsync(app, code, ReceptionDecision.Accept);

        var page = await _citizen.Http.GetStringAsync($"/ho-so-cua-toi/{code}", TestContext.Current.CancellationToken);

        Assert.Contains("id=\"status\">Đã tiếp nhận<", page, StringComparison.Ordinal);
        Assert.Contains("Tiếp nhận, kiểm tra hồ sơ", page, StringComparison.Ordinal);
        Assert.Contains("Kiểm tra hồ sơ, ghi Sổ hộ tịch", page, StringComparison.Ordinal);
        Assert.Contains("Đang thực hiện", page, StringComparison.Ordinal);
        Assert.Contains("Ủy ban nhân dân Phường Hoàn Kiếm", page, StringComparison.Ordinal);
        Assert.DoesNotContain("tiepnhan", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Nguyễn Thị Hồng Nhung", page, StringComparison.Ordinal);
        Assert.Matches("id=\"appointment\">\\d\\d:\\d\\d \\d\\d/\\d\\d/\\d{4}<", page);
    }

    [Fact]
    public async Task A_supplement_asked_for_is_shown_and_sent_online_for_reception_to_decide_again()
    {
        var code = await SubmitAsync();
        await PortalDossiers.DecideAsync(app, code, ReceptionDecision.Supplement);

        var page = await _citizen.Http.GetStringAsync($"/ho-so-cua-toi/{code}", TestContext.Current.CancellationToken);
        var sent = await _citizen.UploadAsync($"/ho-so-cua-toi/{code}", "Supplement", [("position", "1")], ("giay-chung-sinh.pdf", PortalDossiers.Pdf));

        Assert.Contains("Giấy chứng sinh — Bản chụp bị mờ", page, StringComparison.Ordinal);
        Assert.Contains("Đã gửi giấy tờ bổ sung", await sent.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var dossier = await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Set<Dossier>().Include(d => d.Files).AsNoTracking()
            .SingleAsync(d => d.Code == code, TestContext.Current.CancellationToken);
        Assert.Contains(dossier.Files, f => f.DocumentPosition == 1 && f.FileName == "giay-chung-sinh.pdf");
        Assert.NotNull(dossier.SupplementArrivedAt);
        Assert.Contains(await DossierFixtures.OpenStepsAsync(app, code), step => step.CandidateRole == "reception");

        await PortalDossiers.DecideAsync(app, code, ReceptionDecision.Accept);
        Assert.Contains("id=\"status\">Đã tiếp nhận<", await _citizen.Http.GetStringAsync($"/ho-so-cua-toi/{code}", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_accepted_dossier_is_withdrawn_online_with_the_reason_given()
    {
        var code = await SubmitAsync();
        var tooEarly = await FormAsync(code, "Withdraw", ("reason", "Tôi nộp nhầm"));
        await PortalDossiers.DecideAsync(app, code, ReceptionDecision.Accept);
        var withdrawn = await FormAsync(code, "Withdraw", ("reason", "Gia đình chuyển nơi cư trú"));

        Assert.Contains("Ở bước xử lý hiện tại không thể rút hồ sơ trực tuyến", await tooEarly.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Contains("id=\"status\">Đã rút theo yêu cầu của người nộp<", await _citizen.Http.GetStringAsync($"/ho-so-cua-toi/{code}", TestContext.Current.CancellationToken), StringComparison.Ordinal);

        await DossierFixtures.DeliverOutboxAsync(app);
        var notice = (await app.Channels.Smtp.MessagesToAsync(_email)).Single(m => m.Subject == $"Hồ sơ {code} đã được rút");
        Assert.Contains("Hồ sơ đã được rút theo yêu cầu của Ông/Bà.", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/tra-cuu/{code}", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains(app.Channels.Sms.To("84912345678"), sms => sms.RequestId.StartsWith($"{code}:Withdrawn:", StringComparison.Ordinal)
            && sms.Message.StartsWith($"Ho so {code}: Ho so da duoc rut theo yeu cau cua Ong/Ba.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_electronic_result_is_downloaded_and_the_service_rated_once()
    {
        var code = await SubmitAsync(ResultDelivery.Electronic);
        await PortalDossiers.DecideAsync(app, code, ReceptionDecision.Accept);
        await PortalDossiers.ResolveAsync(app, code);
        byte[] result = [.. PortalDossiers.Pdf, .. "% giay khai sinh\n"u8.ToArray()];
        await PortalDossiers.ReturnAsync(app, code, result);

        var page = await _citizen.Http.GetStringAsync($"/ho-so-cua-toi/{code}", TestContext.Current.CancellationToken);
        Assert.Contains("id=\"status\">Đã trả kết quả<", page, StringComparison.Ordinal);
        var link = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/ho-so-cua-toi/[^\"]+handler=Result[^\"]+)\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        var download = await _citizen.Http.GetByteArrayAsync(link, TestContext.Current.CancellationToken);
        var rated = await FormAsync(code, "Rate", ("score", "5"), ("comment", "Nhanh gọn"));
        var again = await _citizen.Http.PostFormAsync($"/ho-so-cua-toi/{code}?handler=Rate", await _citizen.Http.GetStringAsync("/tai-khoan", TestContext.Current.CancellationToken), ("score", "1"));

        Assert.Equal(result, download);
        Assert.Equal(HttpStatusCode.Redirect, rated.StatusCode);
        Assert.Contains("Ông/Bà đã đánh giá 5/5.", await _citizen.Http.GetStringAsync($"/ho-so-cua-toi/{code}", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("Hồ sơ đã được đánh giá.", await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_citizen_reaches_neither_the_dossier_nor_its_result_nor_its_rating()
    {
        var code = await SubmitAsync(ResultDelivery.Electronic);
        await PortalDossiers.DecideAsync(app, code, ReceptionDecision.Accept);
        await PortalDossiers.ResolveAsync(app, code);
        await PortalDossiers.ReturnAsync(app, code, PortalDossiers.Pdf);
        var own = await _citizen.Http.GetStringAsync($"/ho-so-cua-toi/{code}", TestContext.Current.CancellationToken);
        var link = System.Text.RegularExpressions.Regex.Match(own, "href=\"(/ho-so-cua-toi/[^\"]+handler=Result[^\"]+)\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        var stranger = new CitizenClient(app);
        await stranger.RegisterAndConfirmAsync(app, $"{Guid.NewGuid():N}@example.vn");
        var strangersPage = await stranger.Http.GetStringAsync("/tai-khoan", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/ho-so-cua-toi/{code}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(link, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.PostFormAsync($"/ho-so-cua-toi/{code}?handler=Rate", strangersPage, ("score", "1"))).StatusCode);
        Assert.DoesNotContain(code, await stranger.Http.GetStringAsync("/ho-so-cua-toi", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        Assert.False(await db.Set<DossierRating>().AnyAsync(r => db.Set<Dossier>().Any(d => d.Id == r.DossierId && d.Code == code), TestContext.Current.CancellationToken));
    }

    private async Task<string> SubmitAsync(ResultDelivery delivery = ResultDelivery.Counter)
    {
        await _citizen.RegisterAndConfirmAsync(app, _email);
        return await PortalDossiers.SubmitAsync(app, _email, delivery);
    }

    /// <summary>Posts one of the dossier page's forms (its handler) with its antiforgery token.</summary>
    private async Task<HttpResponseMessage> FormAsync(string code, string handler, params (string Name, string Value)[] fields)
    {
        var page = await _citizen.Http.GetStringAsync($"/ho-so-cua-toi/{code}", TestContext.Current.CancellationToken);
        return await _citizen.Http.PostFormAsync($"/ho-so-cua-toi/{code}?handler={handler}", page, fields);
    }
}

public sealed class DetailsTestsOnSqlite(NotifyingSqliteApp app) : DetailsTests<NotifyingSqliteApp>(app), IClassFixture<NotifyingSqliteApp>;

public sealed class DetailsTestsOnPostgres(NotifyingPostgresApp app) : DetailsTests<NotifyingPostgresApp>(app), IClassFixture<NotifyingPostgresApp>;
