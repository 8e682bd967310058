using System.Net;
using System.Text.RegularExpressions;
using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Testing.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Pages.Admin;

/// <summary>
/// Officers in the browser: added with a role, given a one-time password they must change as they sign in, their roles
/// edited, unlocked and deactivated — never the last administrator — by the administrators of their units.
/// </summary>
public abstract partial class OfficersTests(OfficerUiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_officer_signs_in_with_a_one_time_password_and_must_choose_their_own_first()
    {
        var admin = await app.CreateSignedInClientAsync("quantri");
        var list = await admin.GetStringAsync("/Admin/Officers", Cancel);
        var added = await Decode(admin.PostFormAsync("/Admin/Officers", list,
            ("Input.UserName", "Chuyenvien.Moi"), ("Input.FullName", "Lê Thị Mới"), ("Input.Email", "moi@hoankiem.gov.vn"), ("Input.NewRole", Roles.Specialist), ("Input.NewUnit", "HN.HOANKIEM")));
        Assert.Contains("Đã thêm cán bộ chuyenvien.moi.", added);

        var page = await admin.GetStringAsync("/Admin/Officers/chuyenvien.moi", Cancel);
        var reset = await Decode(admin.PostFormAsync("/Admin/Officers/chuyenvien.moi?handler=ResetPassword", page));
        var oneTime = OneTimePassword().Match(reset).Groups[1].Value;
        Assert.Equal(12, oneTime.Length);

        var officer = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal("/Account/ChangePassword", (await officer.SignInAsync("chuyenvien.moi", oneTime)).Headers.Location?.OriginalString);
        Assert.Contains("/Account/SignIn", (await officer.GetAsync("/Tasks", Cancel)).Headers.Location?.OriginalString);
        var form = await officer.GetStringAsync("/Account/ChangePassword", Cancel);
        Assert.Contains("id=\"must-change\"", form);
        var mismatch = await Decode(officer.PostFormAsync("/Account/ChangePassword", form, ("NewPassword", "mat-khau-moi-2026"), ("ConfirmPassword", "mat-khau-khac")));
        Assert.Contains("Hai lần nhập mật khẩu mới không khớp.", mismatch);
        var changed = await officer.PostFormAsync("/Account/ChangePassword", form, ("NewPassword", "mat-khau-moi-2026"), ("ConfirmPassword", "mat-khau-moi-2026"));

        Assert.Equal("/", changed.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/Tasks", Cancel)).StatusCode);
        var oneTimeAgain = await NewClient().SignInAsync("chuyenvien.moi", oneTime);
        Assert.Equal((HttpStatusCode.OK, null), (oneTimeAgain.StatusCode, oneTimeAgain.Headers.Location));
        Assert.Equal("/", (await NewClient().SignInAsync("chuyenvien.moi", "mat-khau-moi-2026")).Headers.Location?.OriginalString);
        Assert.Equal(
            [AuditActions.OfficerAdded, AuditActions.PasswordReset, AuditActions.PasswordChanged],
            (await AuditAsync("chuyenvien.moi")).Select(e => e.Action).Where(a => a != AuditActions.SignedIn && a != AuditActions.SignInFailed));
    }

    [Fact]
    public async Task Roles_are_added_and_removed_and_details_checked_on_their_fields()
    {
        var admin = await app.CreateSignedInClientAsync("quantri");
        var page = await admin.GetStringAsync("/Admin/Officers/vanthu", Cancel);

        var bad = await Decode(admin.PostFormAsync("/Admin/Officers/vanthu", page, ("Input.FullName", ""), ("Input.Email", "khong-phai-email"), ("Input.Roles", "clerk@HN.HOANKIEM.VP")));
        var saved = await Decode(admin.PostFormAsync("/Admin/Officers/vanthu", page,
            ("Input.FullName", "Phạm Thu Trang"), ("Input.Title", "VĂN THƯ"), ("Input.Phone", "+84 912 345 678"), ("Input.NewRole", Roles.Reception), ("Input.NewUnit", "HN.HOANKIEM")));

        Assert.Contains("Cần nhập họ và tên.", bad);
        Assert.Contains("Địa chỉ thư điện tử không hợp lệ.", bad);
        Assert.Contains("Đã lưu.", saved);
        var officer = await OfficerAsync("vanthu");
        Assert.Equal([("reception", "HN.HOANKIEM")], officer.Roles.Select(r => (r.Role, r.Unit!.Code)));
        Assert.Equal(("VĂN THƯ", "0912345678"), (officer.Title, officer.Phone));
        var changed = Assert.Single(await AuditAsync("vanthu"), e => e.Action == AuditActions.OfficerChanged);
        Assert.Contains("clerk@HN.HOANKIEM.VP", changed.Before);
        Assert.Contains("reception@HN.HOANKIEM", changed.After);
    }

    [Fact]
    public async Task The_last_administrator_keeps_their_role_and_account_and_a_locked_officer_is_unlocked()
    {
        var admin = await app.CreateSignedInClientAsync("quantri");
        var page = await admin.GetStringAsync("/Admin/Officers/quantri", Cancel);

        var dropRole = await Decode(admin.PostFormAsync("/Admin/Officers/quantri", page, ("Input.FullName", "Đỗ Đức Anh"), ("Input.NewRole", Roles.Manager), ("Input.NewUnit", "HN")));
        var deactivate = await Decode(admin.PostFormAsync("/Admin/Officers/quantri?handler=Deactivate", page));
        Assert.Contains("quản trị viên cấp cao nhất cuối cùng", dropRole);
        Assert.Contains("quản trị viên cấp cao nhất cuối cùng", deactivate);
        Assert.True((await OfficerAsync("quantri")).IsActive);
        Assert.Contains(("administrator", "HN"), (await OfficerAsync("quantri")).Roles.Select(r => (r.Role, r.Unit!.Code)));

        var locked = NewClient();
        for (var attempt = 0; attempt < OfficerPasswords.MaximumFailedAttempts; attempt++)
        {
            await locked.SignInAsync("lanhdao.socson", "sai-mat-khau");
        }

        var lockedPage = await admin.GetStringAsync("/Admin/Officers/lanhdao.socson", Cancel);
        Assert.Contains("id=\"locked\"", lockedPage);
        await admin.PostFormAsync("/Admin/Officers/lanhdao.socson?handler=Unlock", lockedPage);
        Assert.Equal("/", (await NewClient().SignInAsync("lanhdao.socson")).Headers.Location?.OriginalString);
        Assert.Contains(await AuditAsync("lanhdao.socson"), e => e.Action == AuditActions.OfficerUnlocked && e.Actor == "quantri");
    }

    [Fact]
    public async Task A_deactivated_officer_cannot_sign_in_until_reactivated_and_both_are_recorded()
    {
        var admin = await app.CreateSignedInClientAsync("quantri");
        var page = await admin.GetStringAsync("/Admin/Officers/tiepnhan.socson", Cancel);

        var deactivated = await Decode(admin.PostFormAsync("/Admin/Officers/tiepnhan.socson?handler=Deactivate", page));
        var refused = await NewClient().SignInAsync("tiepnhan.socson");
        await admin.PostFormAsync("/Admin/Officers/tiepnhan.socson?handler=Reactivate", page);

        Assert.Contains("Đã ngừng hoạt động tài khoản", deactivated);
        Assert.Null(refused.Headers.Location);
        Assert.Equal("/", (await NewClient().SignInAsync("tiepnhan.socson")).Headers.Location?.OriginalString);
        Assert.Equal(
            [AuditActions.OfficerDeactivated, AuditActions.OfficerReactivated],
            (await AuditAsync("tiepnhan.socson")).Where(e => e.Actor == "quantri").Select(e => e.Action));
    }

    [Fact]
    public async Task A_communes_administrator_manages_their_officers_only_and_not_one_shared_with_another_commune()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var changes = scope.ServiceProvider.GetRequiredService<OfficerChanges>();
            var (commune, _) = await changes.AddAsync(new OfficerDraft("quantri.hk", "Quản trị Hoàn Kiếm", null, null, null, [(Roles.Administrator, "HN.HOANKIEM")]), Cancel);
            await scope.ServiceProvider.GetRequiredService<OfficerPasswords>().SetAsync(commune!, DemoOrganisation.DemoPassword, Cancel);
            await changes.AddAsync(new OfficerDraft("chung.hai.xa", "Cán bộ hai xã", null, null, null, [(Roles.Specialist, "HN.HOANKIEM"), (Roles.Specialist, "HN.SOCSON")]), Cancel);
        }

        var admin = await app.CreateSignedInClientAsync("quantri.hk", new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var list = await admin.GetStringAsync("/Admin/Officers", Cancel);
        var province = await admin.GetAsync("/Admin/Officers/quantri", Cancel);
        var shared = await admin.GetStringAsync("/Admin/Officers/chung.hai.xa", Cancel);
        var deactivate = await Decode(admin.PostFormAsync("/Admin/Officers/chung.hai.xa?handler=Deactivate", shared));
        var elsewhere = await Decode(admin.PostFormAsync("/Admin/Officers/chung.hai.xa", shared, ("Input.FullName", "Cán bộ hai xã"), ("Input.NewRole", Roles.Leader), ("Input.NewUnit", "HN.SOCSON")));

        // The e-mail address signs an officer in at the OpenID provider: not for an administrator of one of their units
        // to change — nor to give one officer's address to another.
        var identity = await Decode(admin.PostFormAsync("/Admin/Officers/chung.hai.xa", shared, ("Input.FullName", "Cán bộ hai xã"), ("Input.Email", "attacker@example.vn"),
            ("Input.Roles", "specialist@HN.HOANKIEM")));
        var ownPage = await admin.GetStringAsync("/Admin/Officers/vanthu", Cancel);
        var taken = await Decode(admin.PostFormAsync("/Admin/Officers/vanthu", ownPage, ("Input.FullName", "Phạm Thu Trang"), ("Input.Email", "TiepNhan@demo.dossierworkflow.vn"),
            ("Input.Roles", "clerk@HN.HOANKIEM.VP")));

        Assert.Contains("data-officer=\"tiepnhan\"", list);
        var found = await admin.GetStringAsync("/Admin/Officers?q=nguyen%20thi%20hong", Cancel);
        Assert.Contains("data-officer=\"tiepnhan\"", found);
        Assert.DoesNotContain("data-officer=\"vanthu\"", found);
        Assert.DoesNotContain("data-officer=\"chuyenvien.socson\"", list);
        Assert.Equal(HttpStatusCode.NotFound, province.StatusCode);
        Assert.Contains("đơn vị khác quản trị", WebUtility.HtmlDecode(shared));
        Assert.Contains("chỉ quản trị viên của mọi đơn vị đó", deactivate);
        Assert.Contains("Chỉ giao được vai trò tại đơn vị bạn quản trị.", elsewhere);
        Assert.Contains("Chỉ quản trị viên của mọi đơn vị của cán bộ này mới được đổi địa chỉ thư điện tử", identity);
        Assert.Null((await OfficerAsync("chung.hai.xa")).Email);
        Assert.Contains("Địa chỉ thư điện tử này đã là của cán bộ tiepnhan.", taken);
        Assert.DoesNotContain("tiepnhan", (await OfficerAsync("vanthu")).Email ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.True((await OfficerAsync("chung.hai.xa")).IsActive);
        Assert.Equal(2, (await OfficerAsync("chung.hai.xa")).Roles.Count);
    }

    private HttpClient NewClient() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });


    private static async Task<string> Decode(Task<HttpResponseMessage> response) => WebUtility.HtmlDecode(await (await response).Content.ReadAsStringAsync(Cancel));

    private async Task<Officer> OfficerAsync(string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Set<Officer>().AsNoTracking().WithRolesAndUnits().SingleAsync(o => o.UserName == userName, Cancel);
    }

    private async Task<List<AuditEntry>> AuditAsync(string subject)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Set<AuditEntry>()
            .Where(e => e.Subject == subject || e.Actor == subject).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(Cancel);
    }

    [GeneratedRegex(@"id=""password"">([^<]+)</code>")]
    private static partial Regex OneTimePassword();
}

public sealed class OfficersTestsOnSqlite(SqliteApp app) : OfficersTests(app), IClassFixture<SqliteApp>;

public sealed class OfficersTestsOnPostgres(PostgresApp app) : OfficersTests(app), IClassFixture<PostgresApp>;
