using System.Net;
using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.OfficerUi.Tests.Pages.Dossiers;
using DossierWorkflow.Testing.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Pages.Admin;

/// <summary>The unit tree in the browser: add, rename, move (never under itself), deactivate (never with running dossiers), per administered unit.</summary>
public abstract class UnitsTests(OfficerUiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_commune_is_added_under_the_province_renamed_and_moved_and_each_change_is_recorded()
    {
        var admin = await app.CreateSignedInClientAsync("quantri");
        var page = await admin.GetStringAsync("/Admin/Units", Cancel);

        var added = Decode(await admin.PostFormAsync("/Admin/Units", page, ("Input.Code", "hn.thachthat"), ("Input.Name", "Ủy ban nhân dân Xã Thạch Thất"), ("Input.Kind", "Commune"), ("Input.ParentCode", "HN"), ("Input.AgencyCode", "000.00.40.H26")));
        Assert.Contains("Đã thêm đơn vị HN.THACHTHAT.", await added);
        Assert.Contains("data-unit=\"HN.THACHTHAT\"", await admin.GetStringAsync("/Admin/Units", Cancel));
        var department = Decode(await admin.PostFormAsync("/Admin/Units", page, ("Input.Code", "HN.THACHTHAT.VP"), ("Input.Name", "Văn phòng"), ("Input.Kind", "Department"), ("Input.ParentCode", "HN.THACHTHAT")));
        Assert.Contains("Đã thêm đơn vị HN.THACHTHAT.VP.", await department);

        var edit = await admin.GetStringAsync("/Admin/Units/HN.THACHTHAT.VP", Cancel);
        var saved = await Decode(await admin.PostFormAsync("/Admin/Units/HN.THACHTHAT.VP", edit, ("Input.Name", "Văn phòng HĐND và UBND Xã Thạch Thất"), ("Input.Kind", "Department"), ("Input.ParentCode", "HN.HOANKIEM")));

        Assert.Contains("Đã lưu.", saved);
        var unit = await UnitAsync("HN.THACHTHAT.VP");
        Assert.Equal("Văn phòng HĐND và UBND Xã Thạch Thất", unit.Name);
        Assert.Equal((await UnitAsync("HN.HOANKIEM")).Id, unit.ParentId);
        var changed = Assert.Single(await AuditAsync("HN.THACHTHAT.VP", AuditActions.UnitChanged));
        Assert.Contains("\"parent\":\"HN.THACHTHAT\"", changed.Before);
        Assert.Contains("\"parent\":\"HN.HOANKIEM\"", changed.After);
        Assert.Single(await AuditAsync("HN.THACHTHAT", AuditActions.UnitAdded));
    }

    [Fact]
    public async Task Mistakes_are_named_on_their_fields_and_a_unit_cannot_go_under_itself()
    {
        var admin = await app.CreateSignedInClientAsync("quantri");
        var page = await admin.GetStringAsync("/Admin/Units", Cancel);

        var bad = await Decode(await admin.PostFormAsync("/Admin/Units", page, ("Input.Code", "xã mới"), ("Input.Name", ""), ("Input.Kind", "Commune"), ("Input.ParentCode", "HN"), ("Input.AgencyCode", "000.00.25.H26")));
        var taken = await Decode(await admin.PostFormAsync("/Admin/Units", page, ("Input.Code", "HN.SOCSON"), ("Input.Name", "Trùng"), ("Input.Kind", "Commune"), ("Input.ParentCode", "HN")));
        var edit = await admin.GetStringAsync("/Admin/Units/HN.HOANKIEM", Cancel);
        var cycle = await Decode(await admin.PostFormAsync("/Admin/Units/HN.HOANKIEM", edit, ("Input.Name", "Ủy ban nhân dân Phường Hoàn Kiếm"), ("Input.Kind", "Commune"), ("Input.ParentCode", "HN.HOANKIEM.VP"), ("Input.AgencyCode", "000.00.25.H26")));

        Assert.Contains("Mã đơn vị gồm chữ in hoa không dấu", bad);
        Assert.Contains("Cần nhập tên đơn vị.", bad);
        Assert.Contains("Mã cơ quan 000.00.25.H26 đã thuộc đơn vị khác", bad);
        Assert.Contains("Đã có đơn vị mã HN.SOCSON.", taken);
        Assert.Contains("Không thể chuyển đơn vị vào chính nó hoặc đơn vị trực thuộc nó (HN.HOANKIEM.VP).", cycle);
        Assert.Equal((await UnitAsync("HN")).Id, (await UnitAsync("HN.HOANKIEM")).ParentId);
    }

    [Fact]
    public async Task A_unit_with_running_dossiers_or_active_units_below_stays_active_and_an_empty_one_is_deactivated()
    {
        await DossierFixtures.AcceptAsync(app);
        var admin = await app.CreateSignedInClientAsync("quantri");

        var running = await Decode(await admin.PostFormAsync("/Admin/Units/HN.HOANKIEM?handler=Deactivate", await admin.GetStringAsync("/Admin/Units/HN.HOANKIEM", Cancel)));
        var parent = await Decode(await admin.PostFormAsync("/Admin/Units/HN.SOCSON?handler=Deactivate", await admin.GetStringAsync("/Admin/Units/HN.SOCSON", Cancel)));
        var empty = await Decode(await admin.PostFormAsync("/Admin/Units/HN.SOCSON.KT?handler=Deactivate", await admin.GetStringAsync("/Admin/Units/HN.SOCSON.KT", Cancel)));

        Assert.Contains("Không thể ngừng hoạt động: còn", running);
        Assert.Contains("còn đơn vị trực thuộc đang hoạt động", parent);
        Assert.Contains("Đã ngừng hoạt động đơn vị.", empty);
        Assert.True((await UnitAsync("HN.HOANKIEM")).IsActive);
        Assert.False((await UnitAsync("HN.SOCSON.KT")).IsActive);
        Assert.Single(await AuditAsync("HN.SOCSON.KT", AuditActions.UnitDeactivated));

        await admin.PostFormAsync("/Admin/Units/HN.SOCSON.KT?handler=Reactivate", await admin.GetStringAsync("/Admin/Units/HN.SOCSON.KT", Cancel));
        Assert.True((await UnitAsync("HN.SOCSON.KT")).IsActive);
        Assert.Single(await AuditAsync("HN.SOCSON.KT", AuditActions.UnitReactivated));
    }

    [Fact]
    public async Task A_communes_administrator_sees_and_changes_only_their_commune()
    {
        await app.AddOfficerAsync("quantri.socson2", Roles.Administrator, "HN.SOCSON");
        var admin = await app.CreateSignedInClientAsync("quantri.socson2", new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var list = await admin.GetStringAsync("/Admin/Units", Cancel);
        var other = await admin.GetAsync("/Admin/Units/HN.HOANKIEM", Cancel);
        var top = await Decode(await admin.PostFormAsync("/Admin/Units", list, ("Input.Code", "HN.MOI"), ("Input.Name", "Xã mới"), ("Input.Kind", "Commune"), ("Input.ParentCode", "")));

        Assert.Contains("data-unit=\"HN.SOCSON.VP\"", list);
        Assert.DoesNotContain("data-unit=\"HN.HOANKIEM\"", list);
        Assert.DoesNotContain("data-unit=\"HN\"", list);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Contains("Chỉ chọn được đơn vị bạn quản trị.", top);
        Assert.False(await Db(db => db.Set<Unit>().AnyAsync(u => u.Code == "HN.MOI", Cancel)));
    }



    private static async Task<string> Decode(Task<HttpResponseMessage> response) => WebUtility.HtmlDecode(await (await response).Content.ReadAsStringAsync(Cancel));

    private static async Task<string> Decode(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));

    private Task<Unit> UnitAsync(string code) => Db(db => db.Set<Unit>().AsNoTracking().SingleAsync(u => u.Code == code, Cancel));

    private Task<List<AuditEntry>> AuditAsync(string unit, string action) =>
        Db(db => db.Set<AuditEntry>().Where(e => e.UnitCode == unit && e.Action == action).ToListAsync(Cancel));

    private async Task<T> Db<T>(Func<DossiersDbContext, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<DossiersDbContext>());
    }
}

public sealed class UnitsTestsOnSqlite(SqliteApp app) : UnitsTests(app), IClassFixture<SqliteApp>;

public sealed class UnitsTestsOnPostgres(PostgresApp app) : UnitsTests(app), IClassFixture<PostgresApp>;
