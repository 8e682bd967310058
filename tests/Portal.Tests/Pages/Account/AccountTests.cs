using System.Net;
using DossierWorkflow.Dossiers.Citizens;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Testing;
using DossierWorkflow.Testing.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.Portal.Tests.Pages.Account;

/// <summary>
/// Citizens' accounts: registration confirmed by a one-time code (read from the real SMTP server or the SMS gateway),
/// sign-in and its lockout, a new password by code, the profile.
/// </summary>
public abstract class AccountTests<TApp>(TApp app) where TApp : OfficerUiApp, INotifyingApp
{
    private readonly string _email = $"{Guid.NewGuid():N}@example.vn";
    private readonly CitizenClient _citizen = new(app);

    [Fact]
    public async Task Registering_with_an_email_address_sends_a_code_that_confirms_the_account_and_signs_in()
    {
        var confirmation = await _citizen.RegisterAsync(_email);
        var mail = Assert.Single(await app.Channels.Smtp.MessagesToAsync(_email));
        Assert.StartsWith("Mã xác nhận Cổng dịch vụ công: ", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("có hiệu lực 10 phút", mail.TextBody, StringComparison.Ordinal);

        var confirmed = await _citizen.SubmitAsync(confirmation, ("Code", CitizenClient.CodeIn(mail.TextBody)));

        Assert.Equal("/tai-khoan", confirmed.Headers.Location?.OriginalString);
        var account = await _citizen.Http.GetStringAsync("/tai-khoan", TestContext.Current.CancellationToken);
        Assert.Contains($"Đăng nhập bằng {_email}.", account, StringComparison.Ordinal);
        Assert.Contains("id=\"account-link\"", account, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_with_a_mobile_number_sends_the_code_by_SMS()
    {
        var phone = $"09{Random.Shared.Next(10_000_000, 99_999_999)}";

        var confirmation = await _citizen.RegisterAsync(phone);

        var sms = Assert.Single(app.Channels.Sms.To("84" + phone[1..]));
        Assert.StartsWith("Ma xac nhan dang ky tai khoan Cong dich vu cong cua Ong/Ba la ", sms.Message, StringComparison.Ordinal);
        var confirmed = await _citizen.SubmitAsync(confirmation, ("Code", CitizenClient.CodeIn(sms.Message)));
        Assert.Equal("/tai-khoan", confirmed.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_code_typed_wrong_five_times_is_dead_even_for_the_right_code_then()
    {
        var confirmation = await _citizen.RegisterAsync(_email);
        var code = CitizenClient.CodeIn(Assert.Single(await app.Channels.Smtp.MessagesToAsync(_email)).TextBody);
        var wrong = code == "000000" ? "111111" : "000000";

        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await (await _citizen.SubmitAsync(confirmation, ("Code", wrong))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        var right = await _citizen.SubmitAsync(confirmation, ("Code", code));
        Assert.Contains("Mã xác nhận không đúng.", answers[0], StringComparison.Ordinal);
        Assert.Contains("Mã đã hết hạn hoặc đã nhập sai quá số lần cho phép.", answers[4], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("Mã đã hết hạn", await right.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_ten_minutes_old_no_longer_confirms_and_a_new_one_asked_for_does()
    {
        var confirmation = await _citizen.RegisterAsync(_email);
        var code = CitizenClient.CodeIn(Assert.Single(await app.Channels.Smtp.MessagesToAsync(_email)).TextBody);
        await TimePassesAsync(TimeSpan.FromMinutes(10));

        var late = await _citizen.SubmitAsync(confirmation, ("Code", code));
        var resent = await _citizen.SubmitAsync(confirmation + "&handler=Resend");
        var fresh = CitizenClient.CodeIn((await app.Channels.Smtp.MessagesToAsync(_email))[^1].TextBody);
        var confirmed = await _citizen.SubmitAsync(confirmation, ("Code", fresh));

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("Mã đã hết hạn", await late.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("Đã gửi mã mới.", await resent.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal("/tai-khoan", confirmed.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Five_codes_an_hour_reach_an_address_and_the_sixth_waits_until_the_first_is_an_hour_old()
    {
        var confirmation = await _citizen.RegisterAsync(_email);
        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            await TimePassesAsync(TimeSpan.FromMinutes(2));
            answers.Add(await (await _citizen.SubmitAsync(confirmation + "&handler=Resend")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        var withinTheHour = (await app.Channels.Smtp.MessagesToAsync(_email)).Count;
        await TimePassesAsync(TimeSpan.FromMinutes(51));
        var later = await (await _citizen.SubmitAsync(confirmation + "&handler=Resend")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var latest = CitizenClient.CodeIn((await app.Channels.Smtp.MessagesToAsync(_email))[^1].TextBody);

        Assert.All(answers[..4], answer => Assert.Contains("Đã gửi mã mới.", answer, StringComparison.Ordinal));
        Assert.Contains("tối đa 5 mã mỗi giờ", answers[4], StringComparison.Ordinal);
        Assert.Equal(5, withinTheHour);
        Assert.Contains("Đã gửi mã mới.", later, StringComparison.Ordinal);
        Assert.Equal("/tai-khoan", (await _citizen.SubmitAsync(confirmation, ("Code", latest))).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_second_code_to_the_same_address_within_a_minute_is_refused()
    {
        await _citizen.RegisterAsync(_email);

        var again = await _citizen.SubmitAsync("/tai-khoan/dang-ky",
            ("Input.Identifier", _email), ("Input.FullName", "Nguyễn Văn An"), ("Input.Password", "mat-khau-2027"), ("Input.ConfirmPassword", "mat-khau-2027"));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Vừa có mã được gửi tới địa chỉ hoặc số này.", await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Single(await app.Channels.Smtp.MessagesToAsync(_email));
    }

    [Fact]
    public async Task Registration_checks_every_field_and_a_confirmed_address_cannot_be_registered_again()
    {
        var empty = await (await _citizen.SubmitAsync("/tai-khoan/dang-ky", ("Input.Identifier", "not an address"), ("Input.Password", "short"), ("Input.ConfirmPassword", "short")))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        await _citizen.RegisterAndConfirmAsync(app, _email);
        var taken = await (await new CitizenClient(app).SubmitAsync("/tai-khoan/dang-ky",
                ("Input.Identifier", _email.ToUpperInvariant()), ("Input.FullName", "Người khác"), ("Input.Password", "mat-khau-khac"), ("Input.ConfirmPassword", "mat-khau-khac")))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("Hãy nhập một địa chỉ thư điện tử hoặc một số điện thoại di động", empty, StringComparison.Ordinal);
        Assert.Contains("Vui lòng nhập thông tin này.", empty, StringComparison.Ordinal);
        Assert.Contains("Mật khẩu phải có ít nhất 8 ký tự.", empty, StringComparison.Ordinal);
        Assert.Contains("Đã có tài khoản đăng ký bằng địa chỉ hoặc số này.", taken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_never_confirmed_cannot_sign_in_and_is_led_to_confirm_it()
    {
        await _citizen.RegisterAsync(_email);
        var later = new CitizenClient(app);

        var signIn = await later.SubmitAsync("/tai-khoan/dang-nhap", ("Identifier", _email), ("Password", "mat-khau-2026"));

        Assert.StartsWith("/tai-khoan/xac-nhan?t=", signIn.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await later.Http.GetAsync("/tai-khoan", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_name_typed_whether_an_account_has_it_or_not()
    {
        await _citizen.RegisterAndConfirmAsync(app, _email);
        var stranger = new CitizenClient(app);
        var nobody = $"{Guid.NewGuid():N}@example.vn";

        for (var i = 0; i < 5; i++)
        {
            await stranger.SubmitAsync("/tai-khoan/dang-nhap", ("Identifier", _email), ("Password", "sai-mat-khau"));
            await stranger.SubmitAsync("/tai-khoan/dang-nhap", ("Identifier", nobody), ("Password", "sai-mat-khau"));
        }

        var owner = await new CitizenClient(app).SubmitAsync("/tai-khoan/dang-nhap", ("Identifier", _email), ("Password", "mat-khau-2026"));
        var guess = await stranger.SubmitAsync("/tai-khoan/dang-nhap", ("Identifier", nobody), ("Password", "sai-mat-khau"));
        Assert.Contains("Đăng nhập sai quá nhiều lần", await owner.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("Đăng nhập sai quá nhiều lần", await guess.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        await _citizen.RegisterAndConfirmAsync(app, _email);
        var forger = app.Portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var other = $"{Guid.NewGuid():N}@example.vn";

        var signIn = await forger.PostAsync("/tai-khoan/dang-nhap", new FormUrlEncodedContent([new("Identifier", _email), new("Password", "mat-khau-2026")]), TestContext.Current.CancellationToken);
        var register = await forger.PostAsync("/tai-khoan/dang-ky", new FormUrlEncodedContent([new("Identifier", other), new("Password", "mat-khau-2026"), new("Name", "Kẻ Giả Mạo")]), TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (signIn.StatusCode, register.StatusCode));
        Assert.DoesNotContain(signIn.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.Contains("Citizen", StringComparison.OrdinalIgnoreCase)));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Set<CitizenAccount>().AnyAsync(a => a.Email == other, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_new_password_by_code_signs_in_and_the_old_one_no_longer_does()
    {
        await _citizen.RegisterAndConfirmAsync(app, _email);
        await TimePassesAsync(TimeSpan.FromMinutes(2));
        var forgetful = new CitizenClient(app);

        var asked = await forgetful.SubmitAsync("/tai-khoan/quen-mat-khau", ("Identifier", _email));
        var code = CitizenClient.CodeIn((await app.Channels.Smtp.MessagesToAsync(_email))[^1].TextBody);
        var reset = await forgetful.SubmitAsync(asked.Headers.Location!.OriginalString, ("Code", code), ("Password", "mat-khau-moi-1"), ("ConfirmPassword", "mat-khau-moi-1"));
        var withOld = await new CitizenClient(app).SubmitAsync("/tai-khoan/dang-nhap", ("Identifier", _email), ("Password", "mat-khau-2026"));
        var withNew = await new CitizenClient(app).SubmitAsync("/tai-khoan/dang-nhap", ("Identifier", _email), ("Password", "mat-khau-moi-1"));

        Assert.Equal($"/tai-khoan/dat-lai-mat-khau?ten={Uri.EscapeDataString(_email)}", asked.Headers.Location?.OriginalString);
        Assert.Equal("/tai-khoan/dang-nhap?datLai=1", reset.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, withOld.StatusCode);
        Assert.Equal("/tai-khoan", withNew.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_new_password_refused_as_too_short_keeps_the_code_typed_which_still_works()
    {
        await _citizen.RegisterAndConfirmAsync(app, _email);
        await TimePassesAsync(TimeSpan.FromMinutes(2));
        var forgetful = new CitizenClient(app);
        var asked = await forgetful.SubmitAsync("/tai-khoan/quen-mat-khau", ("Identifier", _email));
        var code = CitizenClient.CodeIn((await app.Channels.Smtp.MessagesToAsync(_email))[^1].TextBody);

        var tooShort = await forgetful.SubmitAsync(asked.Headers.Location!.OriginalString, ("Code", code), ("Password", "ngan"), ("ConfirmPassword", "ngan"));
        var page = await tooShort.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var reset = await forgetful.SubmitAsync(asked.Headers.Location!.OriginalString, ("Code", code), ("Password", "mat-khau-moi-2"), ("ConfirmPassword", "mat-khau-moi-2"));

        Assert.Equal(HttpStatusCode.OK, tooShort.StatusCode);
        Assert.Contains("Mật khẩu phải có ít nhất 8 ký tự.", page, StringComparison.Ordinal);
        Assert.Contains($"value=\"{code}\"", page, StringComparison.Ordinal);
        Assert.Equal("/tai-khoan/dang-nhap?datLai=1", reset.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Asking_a_new_password_for_an_address_nobody_has_answers_the_same_and_sends_nothing()
    {
        var nobody = $"{Guid.NewGuid():N}@example.vn";

        var asked = await _citizen.SubmitAsync("/tai-khoan/quen-mat-khau", ("Identifier", nobody));

        Assert.Equal($"/tai-khoan/dat-lai-mat-khau?ten={Uri.EscapeDataString(nobody)}", asked.Headers.Location?.OriginalString);
        Assert.Empty(await app.Channels.Smtp.MessagesToAsync(nobody));
    }

    [Fact]
    public async Task Registering_an_unconfirmed_address_again_kills_the_first_confirmation_link()
    {
        var first = await _citizen.RegisterAsync(_email, "mat-khau-nguoi-1");
        await TimePassesAsync(TimeSpan.FromMinutes(2));
        var second = new CitizenClient(app);
        var secondLink = await second.RegisterAsync(_email, "mat-khau-nguoi-2");
        var code = CitizenClient.CodeIn((await app.Channels.Smtp.MessagesToAsync(_email))[^1].TextBody);

        var viaFirst = await _citizen.Http.GetAsync(first, TestContext.Current.CancellationToken);
        var viaSecond = await second.SubmitAsync(secondLink, ("Code", code));

        Assert.Equal("/tai-khoan/dang-nhap?hetHan=1", viaFirst.Headers.Location?.OriginalString);
        Assert.Equal("/tai-khoan", viaSecond.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_registration_refused_for_a_code_sent_too_soon_changes_nothing()
    {
        var first = await _citizen.RegisterAsync(_email, "mat-khau-nguoi-1");

        var again = await new CitizenClient(app).SubmitAsync("/tai-khoan/dang-ky",
            ("Input.Identifier", _email), ("Input.FullName", "Người khác"), ("Input.Password", "mat-khau-nguoi-2"), ("Input.ConfirmPassword", "mat-khau-nguoi-2"));
        var confirmed = await _citizen.SubmitAsync(first, ("Code", CitizenClient.CodeIn(Assert.Single(await app.Channels.Smtp.MessagesToAsync(_email)).TextBody)));
        var signIn = await new CitizenClient(app).SubmitAsync("/tai-khoan/dang-nhap", ("Identifier", _email), ("Password", "mat-khau-nguoi-1"));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("/tai-khoan", confirmed.Headers.Location?.OriginalString);
        Assert.Equal("/tai-khoan", signIn.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("/\t/evil.example/")]
    [InlineData("https://evil.example/")]
    public async Task Signing_in_never_leads_off_the_portal(string returnUrl)
    {
        await _citizen.RegisterAndConfirmAsync(app, _email);
        var later = new CitizenClient(app);

        var signIn = await later.SubmitAsync("/tai-khoan/dang-nhap", ("Identifier", _email), ("Password", "mat-khau-2026"), ("ReturnUrl", returnUrl));

        Assert.Equal("/tai-khoan", signIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_confirmation_address_not_made_by_the_portal_leads_nowhere()
    {
        var response = await _citizen.Http.GetAsync("/tai-khoan/xac-nhan?t=CfDJ8forged", TestContext.Current.CancellationToken);

        Assert.Equal("/tai-khoan/dang-nhap?hetHan=1", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_profile_keeps_the_details_that_pre_fill_submissions_and_checks_the_citizen_id()
    {
        await _citizen.RegisterAndConfirmAsync(app, _email);

        var wrong = await _citizen.SubmitAsync("/tai-khoan",
            ("Input.FullName", "Nguyễn Văn An"), ("Input.CitizenId", "001085012345"), ("Input.DateOfBirth", "1990-03-15"), ("Input.Gender", "Male"), ("Input.Address", "Hà Nội"));
        var right = await _citizen.SubmitAsync("/tai-khoan",
            ("Input.FullName", "Nguyễn Văn An"), ("Input.CitizenId", "001085012345"), ("Input.DateOfBirth", "1985-03-15"), ("Input.Gender", "Male"), ("Input.Address", "Số 5 Hàng Bông, Hà Nội"));

        Assert.Contains("Số căn cước không khớp với năm sinh.", await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("id=\"profile-saved\"", await right.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("value=\"Số 5 Hàng Bông, Hà Nội\"", await _citizen.Http.GetStringAsync("/tai-khoan", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
    /// <summary>The codes sent to this test's address are made older by <paramref name="time"/>, as if the citizen had waited.</summary>
    private async Task TimePassesAsync(TimeSpan time)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        foreach (var code in await db.Set<OneTimeCode>().Where(c => c.Destination == _email).ToListAsync(TestContext.Current.CancellationToken))
        {
            code.SentAt -= time;
            code.ExpiresAt -= time;
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}

public sealed class AccountTestsOnSqlite(NotifyingSqliteApp app) : AccountTests<NotifyingSqliteApp>(app), IClassFixture<NotifyingSqliteApp>;

public sealed class AccountTestsOnPostgres(NotifyingPostgresApp app) : AccountTests<NotifyingPostgresApp>(app), IClassFixture<NotifyingPostgresApp>;
