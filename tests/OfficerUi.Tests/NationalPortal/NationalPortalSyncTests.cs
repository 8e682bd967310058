using System.Text.RegularExpressions;
using DossierWorkflow.Definitions.Metadata;
using DossierWorkflow.Dossiers.Attachments;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Testing.Web;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.NationalPortal;

/// <summary>
/// Every dossier reported to the national portal through the integration platform (a local server standing for the
/// LGSP): on receipt, and at each step, extension, supplement and return, through the outbox — the session opened, renewed once when expired, failures
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
    public async Task A_supplement_is_reported_as_the_applicants_then_the_dossier_with_its_old_and_new_appointments_and_at_last_its_result()
    {
        var applicant = DossierFixtures.Applicant();
        applicant.Email = "an.nguyen@example.vn";
        var code = await DossierFixtures.ReceiveAsync(app, ReceptionDecision.Accept, delivery: ResultDelivery.Electronic, applicant: applicant);
        await DossierFixtures.ExtendAsync(app, code, 3, "Chờ xác minh nơi cư trú"); // an appointment the restart will not fall on
        await DossierFixtures.RequestSupplementAsync(app, code);
        await DeliverAsync();
        var firstAppointment = Reported(code)["NgayHenTra"]!.GetValue<string>();

        // The applicant brings the birth certificate: their supplement is the progress.
        await DossierFixtures.OnDossierAsync(app, code, (services, dossier) => services.GetRequiredService<DossierSupplements>().RecordArrivalAsync(
            dossier, new SupplementArrival("tiepnhan") { Documents = [new ProvidedDocument(1, true, DocumentForm.Original, 1)] }, TestContext.Current.CancellationToken));
        await DeliverAsync();
        var supplemented = app.Platform.CallsFor(code).Last(c => c.Service == "CapNhatTienDoHoSoMC").Data;
        Assert.Equal("Người nộp đã bổ sung hồ sơ", supplemented["NoiDungXuLy"]!.GetValue<string>());
        Assert.Equal("Nguyễn Văn Án", supplemented["NguoiXuLy"]!.GetValue<string>());
        Assert.Equal((int)DossierStatus.SupplementRequested, supplemented["TrangThai"]!.GetValue<int>());
        Assert.Equal("Ủy ban nhân dân Phường Hoàn Kiếm", supplemented["PhongBanXuLy"]!.GetValue<string>());

        // Reception accepts it: the clock restarts and the dossier lists the supplement with both appointments.
        await DossierFixtures.OnDossierAsync(app, code, (services, dossier) => services.GetRequiredService<DossierReception>().DecideAsync(
            dossier, new WaitingDecision(ReceptionDecision.Accept, "tiepnhan", "Nguyễn Thị Hồng Nhung"), TestContext.Current.CancellationToken));
        await DeliverAsync();
        var restarted = Reported(code);
        var supplement = Assert.Single(restarted["DanhSachHoSoBoSung"]!.AsArray())!;
        Assert.Equal("Giấy chứng sinh", supplement["NoiDungBoSung"]!.GetValue<string>());
        Assert.Equal(firstAppointment, supplement["NgayHenTraTruoc"]!.GetValue<string>());
        Assert.Equal(restarted["NgayHenTra"]!.GetValue<string>(), supplement["NgayHenTraMoi"]!.GetValue<string>());
        Assert.NotEqual(firstAppointment, supplement["NgayHenTraMoi"]!.GetValue<string>());
        Assert.Matches(Timestamp(), supplement["NgayBoSung"]!.GetValue<string>());
        Assert.Matches(Timestamp(), supplement["NgayTiepNhanBoSung"]!.GetValue<string>());
        Assert.Equal(("Hộ tịch", "an.nguyen@example.vn", (int)DossierStatus.InProgress), (restarted["TenLinhVuc"]!.GetValue<string>(), restarted["Email"]!.GetValue<string>(), restarted["TrangThaiHoSo"]!.GetValue<int>()));
        Assert.Equal("", restarted["NgayTra"]!.GetValue<string>());
        Assert.Empty(restarted["DanhSachGiayToKetQua"]!.AsArray());

        // Resolved and returned electronically: the result, its file and the fee collected.
        await DossierFixtures.CompleteAsync(app, code, "specialist", new StepDecision("submit", null, "chuyenvien", "Trần Văn Minh"));
        await DossierFixtures.CompleteAsync(app, code, "leader", new StepDecision("approve", null, "lanhdao", "Lãnh đạo"));
        await DossierFixtures.OnDossierAsync(app, code, async (services, dossier) =>
        {
            var stored = Assert.IsType<AttachmentResult.Accepted>(await services.GetRequiredService<AttachmentIntake>().AcceptAsync(
                new MemoryStream("%PDF-1.4\n%%EOF\n"u8.ToArray()), "giay-khai-sinh.pdf", long.MaxValue, TestContext.Current.CancellationToken));
            return await services.GetRequiredService<ResultReturns>().ReturnElectronicallyAsync(
                dossier, new ElectronicReturn(stored.File, new Payment(PaymentMethod.Cash, null), "tiepnhan"), TestContext.Current.CancellationToken);
        });
        await DeliverAsync();
        var returned = Reported(code);
        Assert.Equal((int)DossierStatus.ResultReturned, returned["TrangThaiHoSo"]!.GetValue<int>());
        Assert.Matches(Timestamp(), returned["NgayTra"]!.GetValue<string>());
        Assert.Equal("giay-khai-sinh.pdf", Assert.Single(returned["DanhSachGiayToKetQua"]!.AsArray())!["TenGiayTo"]!.GetValue<string>());
        Assert.Equal(8000L, returned["DanhSachLePhi"]![0]!["DaThu"]!.GetValue<long>());
        var handedOver = app.Platform.CallsFor(code).Last(c => c.Service == "CapNhatTienDoHoSoMC").Data;
        Assert.Equal((int)DossierStatus.ResultReturned, handedOver["TrangThai"]!.GetValue<int>());
        Assert.Contains("giay-khai-sinh.pdf", handedOver["NoiDungXuLy"]!.GetValue<string>(), StringComparison.Ordinal);
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

    /// <summary>The dossier as last reported (<c>DongBoHoSoMC</c>).</summary>
    private System.Text.Json.Nodes.JsonObject Reported(string code) => app.Platform.CallsFor(code).Last(c => c.Service == "DongBoHoSoMC").Data;

    [GeneratedRegex(@"^20\d{12}$")]
    private static partial Regex Timestamp();
}

public sealed class NationalPortalSyncTestsOnSqlite(SyncingSqliteApp app) : NationalPortalSyncTests<SyncingSqliteApp>(app), IClassFixture<SyncingSqliteApp>;

public sealed class NationalPortalSyncTestsOnPostgres(SyncingPostgresApp app) : NationalPortalSyncTests<SyncingPostgresApp>(app), IClassFixture<SyncingPostgresApp>;
