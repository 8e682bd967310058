using System.Globalization;
using System.Text.Json.Nodes;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Dossiers.Workflow;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Handlers;
using DossierWorkflow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.Dossiers.NationalPortal;

/// <summary>
/// <c>national-sync</c>: reports a dossier to the national public-service portal through the integration platform, as
/// <see cref="NationalPortalSync"/> queued it — on receipt the dossier itself (<c>DongBoHoSoMC</c>: code, procedure by its
/// national code, sector, applicant, contact, received, appointment, status 1–10, documents, fees, supplements with their
/// old and new appointments, results); on progress the step done (<c>CapNhatTienDoHoSoMC</c>: officer, title, time,
/// department, what was done, status, start and legal end) followed by the dossier as it now is. Dates are
/// <c>yyyyMMddHHmmss</c> in Vietnam time. At least once, like every outbox message; failures retry, then an incident.
/// </summary>
internal sealed class NationalPortalSyncHandler(IServiceScopeFactory scopes) : IExternalTaskHandler
{
    public string Name => ServiceTaskHandlerNames.NationalSync;

    public async Task DeliverAsync(ExternalTaskMessage message, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<DossiersDbContext>();
        var calendar = services.GetRequiredService<CurrentWorkingCalendar>().Calendar;
        var options = services.GetRequiredService<IOptions<NationalPortalOptions>>().Value;
        var platform = services.GetRequiredService<IntegrationPlatform>();
        var dossier = await db.Set<Dossier>().AsNoTracking().AsSplitQuery()
            .Include(d => d.Files).Include(d => d.Forms).Include(d => d.Appointments).Include(d => d.Payments).Include(d => d.Handovers)
            .FirstOrDefaultAsync(d => d.Code == message.BusinessKey, cancellationToken);
        if (dossier is null)
        {
            return;
        }

        string Time(DateTimeOffset? at) => at is { } instant ? calendar.ToLocal(instant).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) : "";
        var unit = await db.Set<Unit>().AsNoTracking().FirstOrDefaultAsync(u => u.Code == dossier.ReceivingUnit, cancellationToken);
        if (message.Parameters.GetValueOrDefault(NationalPortalSync.ServiceParameter) == NationalPortalSync.Progressed
            && await ProgressAsync(db, dossier, unit, message, Time, cancellationToken) is { } progress)
        {
            await platform.CallAsync(NationalPortalSync.Progressed, progress, cancellationToken);
        }

        await platform.CallAsync(NationalPortalSync.Received, Dossier(dossier, unit, options, Time), cancellationToken);
    }

    /// <summary>The dossier as the national portal keeps it.</summary>
    private static JsonObject Dossier(Dossier dossier, Unit? unit, NationalPortalOptions options, Func<DateTimeOffset?, string> time)
    {
        var applicant = dossier.Applicant;
        var restarts = dossier.Appointments.OrderBy(a => a.ChangedAt).ToList();
        var supplements = new JsonArray();
        for (var i = 1; i < restarts.Count; i++)
        {
            if (restarts[i].Reason == AppointmentReason.RestartAfterSupplement)
            {
                var request = dossier.Forms.Where(f => f.Form == "02" && f.IssuedAt <= restarts[i].ChangedAt).OrderBy(f => f.IssuedAt).LastOrDefault();
                supplements.Add(new JsonObject
                {
                    ["NoiDungBoSung"] = request is null ? "" : string.Join("; ", request.Items.Select(item => item.Content)),
                    ["NgayBoSung"] = time(request?.IssuedAt),
                    ["NgayTiepNhanBoSung"] = time(restarts[i].ChangedAt),
                    ["NgayHenTraTruoc"] = time(restarts[i - 1].AppointmentAt),
                    ["NgayHenTraMoi"] = time(restarts[i].AppointmentAt),
                });
            }
        }

        return new JsonObject
        {
            ["MaHoSo"] = dossier.Code,
            ["MaTTHC"] = options.ProcedureCodes.GetValueOrDefault(dossier.ProcedureCode, dossier.ProcedureCode),
            ["TenTTHC"] = dossier.ProcedureName,
            ["TenLinhVuc"] = dossier.Sector,
            ["MaDonVi"] = unit?.AgencyCode ?? dossier.ReceivingUnit,
            ["TenDonVi"] = unit?.Name ?? dossier.ReceivingUnit,
            ["KenhThucHien"] = dossier.Channel switch { ReceptionChannel.Online => 2, ReceptionChannel.Postal => 3, _ => 1 },
            ["ChuHoSo"] = applicant.Name,
            ["LoaiDoiTuong"] = applicant.Kind == ApplicantKind.Organisation ? 2 : 1,
            ["MaDoiTuong"] = applicant.Kind == ApplicantKind.Organisation ? applicant.TaxCode : applicant.CitizenId,
            ["Email"] = applicant.Email ?? "",
            ["SoDienThoai"] = applicant.Phone ?? "",
            ["DiaChi"] = applicant.Address ?? "",
            ["NgayTiepNhan"] = time(dossier.ReceivedAt),
            ["NgayHenTra"] = time(dossier.AppointmentAt),
            ["NgayTra"] = time(dossier.Handovers.Where(h => h.PostalOutcome != PostalOutcome.ReturnedToSender).Select(h => (DateTimeOffset?)h.HandedOverAt).Max()),
            ["TrangThaiHoSo"] = (int)dossier.Status,
            ["HinhThucTraKetQua"] = (int)dossier.Delivery,
            ["TaiLieuNop"] = new JsonArray([.. dossier.Files.Where(f => f.Kind == DossierFileKind.Submitted).Select(f => (JsonNode)new JsonObject
            {
                ["TepDinhKemId"] = f.Id.ToString(),
                ["TenTepDinhKem"] = f.FileName,
                ["MaThanhPhanHoSo"] = f.DocumentPosition,
            })]),
            ["DanhSachLePhi"] = new JsonArray(new JsonObject
            {
                ["TenPhiLePhi"] = dossier.FeeExplanation,
                ["Gia"] = dossier.FeeAmount,
                ["DaThu"] = dossier.Payments.Sum(p => p.Amount),
            }),
            ["DanhSachHoSoBoSung"] = supplements,
            ["DanhSachGiayToKetQua"] = new JsonArray([.. dossier.Files.Where(f => f.Kind == DossierFileKind.Result).Select(f => (JsonNode)new JsonObject
            {
                ["GiayToId"] = f.Id.ToString(),
                ["TenGiayTo"] = f.FileName,
            })]),
        };
    }

    /// <summary>The step done last before the message was queued, as the national portal's progress record; null when none was.</summary>
    /// <summary>
    /// What the dossier's progress was up to the message's time: the latest of its last completed step, an extension of
    /// its appointment (form 04), or a supplement the applicant sent — each told as what it was, by whom, where, and until
    /// when it runs. Null when nothing has happened since reception.
    /// </summary>
    private static async Task<JsonObject?> ProgressAsync(DossiersDbContext db, Dossier dossier, Unit? unit, ExternalTaskMessage message, Func<DateTimeOffset?, string> time, CancellationToken cancellationToken)
    {
        var at = DateTimeOffset.Parse(message.Parameters[NationalPortalSync.AtParameter], CultureInfo.InvariantCulture);
        var step = await db.Set<StoredWorkItem>().AsNoTracking()
            .Where(w => w.BusinessKey == dossier.Code && w.Status == WorkItemStatus.Completed && w.CompletedAt <= at)
            .OrderByDescending(w => w.CompletedAt).FirstOrDefaultAsync(cancellationToken);
        var extension = dossier.Appointments.Where(a => a.Reason == AppointmentReason.Extension && a.ChangedAt <= at).MaxBy(a => a.ChangedAt);
        var supplement = dossier.SupplementArrivedAt is { } arrived && arrived <= at ? arrived : (DateTimeOffset?)null;
        var latest = new[] { step?.CompletedAt, extension?.ChangedAt, supplement }.Max();
        if (latest is null)
        {
            return null;
        }

        JsonObject Progress(string officer, string? title, string department, string what, DateTimeOffset? start, DateTimeOffset? end) => new()
        {
            ["MaHoSo"] = dossier.Code,
            ["NguoiXuLy"] = officer,
            ["ChucDanh"] = title ?? "",
            ["ThoiDiemXuLy"] = time(latest),
            ["PhongBanXuLy"] = department,
            ["NoiDungXuLy"] = what,
            ["TrangThai"] = (int)dossier.Status,
            ["NgayBatDau"] = time(start),
            ["NgayKetThucTheoQuyDinh"] = time(end),
        };

        var unitName = unit?.Name ?? dossier.ReceivingUnit;
        if (extension is not null && extension.ChangedAt == latest)
        {
            var officer = await OfficerAsync(db, extension.ChangedBy, cancellationToken);
            var reason = dossier.Forms.Where(f => f.Form == "04" && f.IssuedAt <= at).MaxBy(f => f.IssuedAt)?.Items.FirstOrDefault()?.Reason;
            var what = $"Gia hạn thời gian giải quyết (mẫu 04){(string.IsNullOrWhiteSpace(reason) ? "" : $": {reason}")}";
            return Progress(officer?.FullName ?? extension.ChangedBy, officer?.Title, unitName, what, extension.ChangedAt, extension.AppointmentAt);
        }

        if (supplement is not null && supplement == latest)
        {
            return Progress(dossier.Applicant.Name, null, unitName, "Người nộp đã bổ sung hồ sơ", supplement, dossier.AppointmentAt);
        }

        var stepOfficer = step!.CompletedBy is { } userName ? await OfficerAsync(db, userName, cancellationToken) : null;
        var department = await db.Set<Unit>().AsNoTracking().Where(u => u.Code == step.CandidateUnit).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken);
        return Progress(
            stepOfficer?.FullName ?? step.CompletedBy ?? "",
            stepOfficer?.Title,
            department ?? step.CandidateUnit ?? "",
            string.IsNullOrWhiteSpace(step.Comment) ? step.Name : $"{step.Name}: {step.Comment}",
            step.CreatedAt,
            step.DueAt);
    }

    private static Task<OfficerName?> OfficerAsync(DossiersDbContext db, string userName, CancellationToken cancellationToken) =>
        db.Set<Officer>().AsNoTracking().Where(o => o.UserName == userName).Select(o => new OfficerName(o.FullName, o.Title)).FirstOrDefaultAsync(cancellationToken);

    private sealed record OfficerName(string FullName, string? Title);
}
