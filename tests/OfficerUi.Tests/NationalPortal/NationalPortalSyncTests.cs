using System.Text.RegularExpressions;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Testing.Web;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.NationalPortal;

/// <summary>
/// Every dossier reported to the national portal through the integration platform (a local server standing for the
/// LGSP): on receipt, and at each step, extension or supplement, through the outbox — the session opened, renewed once when expired, failures
/// retried and then an incident.
/// </summary>
public abstract partial class NationalPortalSyncTests<TApp>(TApp app) where TApp : OfficerUiApp, ISyncingApp
{
    [Fact]
    public async Task A_dossier_received_is_reported_with_its_national_procedure_code_dates_and_status()
    {
        var code = await DossierFixtures.AcceptAsync(app);

        await DeliverAsync();

        var (service, data) = Assert.Single(app.Platform.CallsFor(code));
        Assert.Equal("DongBoHoSoMC", service);
        Assert.Equal("1.001193.000.00.00.H26", data["MaTTHC"]!.GetValue<string>());
        Assert.Equal(2, data["TrangThaiHoSo"]!.GetValue<int>());
        Assert.Equal(1, data["KenhThucHien"]!.GetValue<int>());
        Assert.Equal(("Nguyễn Văn Án", "001085012345", "0912345678"), (data["ChuHoSo"]!.GetValue<string>(), data["MaDoiTuong"]!.GetValue<string>(), data["SoDienThoai"]!.GetValue<string>()));
        Assert.Matches(Timestamp(), data["NgayTiepNhan"]!.GetValue<string>());
        Assert.Matches(Timestamp(), data["NgayHenTra"]!.GetValue<string>());
        Assert.Equal(8000L, data["DanhSachLePhi"]![0]!["Gia"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_step_done_is_reported_with_the_officer_department_and_legal_end_then_the_dossier_as_it_is()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        await DeliverAsync();
        await DossierFixtures.CompleteAsync(app, code, "specialist", new StepDecision("submit", "Đủ điều kiện", "chuyenvien", "Trần Văn Minh"));

        await DeliverAsync();

        var calls = app.Platform.CallsFor(code);
        Assert.Equal(["DongBoHoSoMC", "CapNhatTienDoHoSoMC", "DongBoHoSoMC"], calls.Select(c => c.Service));
        var progress = calls[1].Data;
        Assert.Equal("Kiểm tra hồ sơ, ghi Sổ hộ tịch: Đủ điều kiện", progress["NoiDungXuLy"]!.GetValue<string>());
        Assert.Equal("Ủy ban nhân dân Phường Hoàn Kiếm", progress["PhongBanXuLy"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(progress["NguoiXuLy"]!.GetValue<string>()));
        Assert.Equal(4, progress["TrangThai"]!.GetValue<int>());
        Assert.Matches(Timestamp(), progress["ThoiDiemXuLy"]!.GetValue<string>());
        Assert.Matches(Timestamp(), progress["NgayBatDau"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_extension_is_reported_as_what_it_is_with_its_reason_officer_and_new_appointment()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        await DeliverAsync();

        await DossierFixtures.ExtendAsync(app, code, 2, "Chờ kết quả xác minh của Công an xã");
        await DeliverAsync();

        var progress = app.Platform.CallsFor(code).Last(c => c.Service == "CapNhatTienDoHoSoMC").Data;
        Assert.Equal("Gia hạn thời gian giải quyết (mẫu 04): Chờ kết quả xác minh của Công an xã", progress["NoiDungXuLy"]!.GetValue<string>());
        Assert.Equal("Lê Quang Huy", progress["NguoiXuLy"]!.GetValue<string>());
        Assert.Equal("Ủy ban nhân dân Phường Hoàn Kiếm", progress["PhongBanXuLy"]!.GetValue<string>());
        var received = app.Platform.CallsFor(code).Last(c => c.Service == "DongBoHoSoMC").Data;
        Assert.Equal(received["NgayHenTra"]!.GetValue<string>(), progress["NgayKetThucTheoQuyDinh"]!.GetValue<string>());
        Assert.Equal(progress["ThoiDiemXuLy"]!.GetValue<string>(), progress["NgayBatDau"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_expired_session_is_renewed_once_and_the_call_goes_through()
    {
        await DossierFixtures.AcceptAsync(app);
        await DeliverAsync();
        var code = await DossierFixtures.AcceptAsync(app);
        var opened = app.Platform.SessionsOpened;
        app.Platform.ExpireSessions();

        await DeliverAsync();

        Assert.Single(app.Platform.CallsFor(code));
        Assert.Equal(opened + 1, app.Platform.SessionsOpened);
    }

    [Fact]
    public async Task A_platform_that_keeps_failing_becomes_an_incident_and_retrying_reports_the_dossier()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        app.Platform.FailuresLeft = 2;

        await DeliverAsync();

        Assert.Empty(app.Platform.CallsFor(code));
        await using var scope = app.Services.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<IWorkflowEngine>();
        var instanceId = (await DossierFixtures.OpenStepsAsync(app, code))[0].InstanceId;
        var incident = Assert.Single(await engine.QueryIncidentsAsync(new IncidentFilter { InstanceId = instanceId }, TestContext.Current.CancellationToken));
        Assert.Equal((IncidentKind.ExternalDeliveryFailed, "dossier:DongBoHoSoMC"), (incident.Kind, incident.ElementId));

        await engine.RetryIncidentAsync(incident.Id, actor: "quantri", cancellationToken: TestContext.Current.CancellationToken);
        await DeliverAsync();

        Assert.Single(app.Platform.CallsFor(code));
    }

    private Task DeliverAsync() => DossierFixtures.DeliverOutboxAsync(app);

    [GeneratedRegex(@"^20\d{12}$")]
    private static partial Regex Timestamp();
}

public sealed class NationalPortalSyncTestsOnSqlite(SyncingSqliteApp app) : NationalPortalSyncTests<SyncingSqliteApp>(app), IClassFixture<SyncingSqliteApp>;

public sealed class NationalPortalSyncTestsOnPostgres(SyncingPostgresApp app) : NationalPortalSyncTests<SyncingPostgresApp>(app), IClassFixture<SyncingPostgresApp>;
