using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Reports;

/// <summary>
/// The overdue list of a unit (with the units below it): the dossiers Biểu 06 counts in progress past their appointment
/// at the period's end (or now, before it ends), the longest overdue first — with how many working days past, the step
/// each is at now and who holds it.
/// </summary>
public sealed class OverdueList(DossiersDbContext db, OrganisationUnits organisation, Bieu06 bieu06, CurrentWorkingCalendar calendar, TimeProvider time) : IReportList
{
    public static readonly IReadOnlyList<ListColumn> Columns =
    [
        new("STT", 7, CellKind.Integer),
        new("Mã hồ sơ", 28),
        new("Tên thủ tục hành chính", 48),
        new("Tên tổ chức, cá nhân", 28),
        new("Đơn vị tiếp nhận", 32),
        new("Ngày tiếp nhận", 13, CellKind.Date),
        new("Ngày, giờ hẹn trả", 18, CellKind.DateTime),
        new("Số ngày làm việc quá hạn", 14, CellKind.Decimal),
        new("Trạng thái", 18),
        new("Bước đang xử lý", 34),
        new("Người hoặc hàng đợi đang giữ", 30),
    ];

    private static readonly Dictionary<DossierStatus, string> StatusNames = new()
    {
        [DossierStatus.Accepted] = "Đã tiếp nhận",
        [DossierStatus.InProgress] = "Đang xử lý",
        [DossierStatus.SupplementRequested] = "Chờ bổ sung",
        [DossierStatus.PaymentRequested] = "Chờ thanh toán",
    };

    public string FileName(string unitCode, ReportPeriod period) => $"qua-han_{unitCode}_{period.First:yyyyMMdd}-{period.Last:yyyyMMdd}.xlsx";

    public async Task<int> WriteAsync(string unitCode, ReportPeriod period, Stream output, Action<int, int>? progress, CancellationToken cancellationToken)
    {
        var units = await organisation.GetAsync(db, cancellationToken);
        var codes = UnitTree.Within(units, [unitCode]).ToList();
        var names = units.ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal);
        var officers = await db.Set<Officer>().AsNoTracking().ToDictionaryAsync(o => o.UserName, o => o.FullName, cancellationToken);
        var overdue = bieu06.Behind(db.Set<Dossier>().AsNoTracking().Where(d => codes.Contains(d.ReceivingUnit)), ReportFigure.InProgressOverdue, period);
        var total = await overdue.CountAsync(cancellationToken);
        progress?.Invoke(0, total);

        var local = calendar.Calendar;
        var end = period.End(local);
        var asOf = time.GetUtcNow() is var now && now < end ? now : end;
        var clock = new WorkingDayClock(local, local.LocalDate(asOf).AddYears(-3), local.LocalDate(asOf));
        var number = 0;
        var rows = overdue
            .OrderBy(d => d.AppointmentAt).ThenBy(d => d.Code)
            .Select(d => new
            {
                d.Code,
                d.ProcedureName,
                d.Applicant.Name,
                d.ReceivingUnit,
                d.AcceptedAt,
                d.AppointmentAt,
                d.Status,
                Step = db.Set<StoredWorkItem>().Where(w => w.BusinessKey == d.Code && w.Status == WorkItemStatus.Open).OrderBy(w => w.CreatedAt)
                    .Select(w => new { w.Name, w.Assignee, w.CandidateUnit }).FirstOrDefault(),
            })
            .AsEnumerable()
            .Select(d => new object?[]
            {
                ++number,
                d.Code,
                d.ProcedureName,
                d.Name,
                names.GetValueOrDefault(d.ReceivingUnit, d.ReceivingUnit),
                local.LocalDate(d.AcceptedAt!.Value),
                local.ToLocal(d.AppointmentAt!.Value).DateTime,
                Math.Round(clock.Between(d.AppointmentAt.Value, asOf), 1),
                StatusNames.GetValueOrDefault(d.Status, d.Status.ToString()),
                d.Step?.Name ?? "",
                d.Step switch
                {
                    { Assignee: { } user } => officers.GetValueOrDefault(user, user),
                    { CandidateUnit: { } queue } => $"Chưa ai nhận — {names.GetValueOrDefault(queue, queue)}",
                    _ => "",
                },
            });

        return ListWorkbook.Write(
            output, "Hồ sơ quá hạn", "DANH SÁCH HỒ SƠ QUÁ HẠN",
            $"{names.GetValueOrDefault(unitCode, unitCode)} ({unitCode}) — kỳ từ ngày {period.First:dd/MM/yyyy} đến ngày {period.Last:dd/MM/yyyy}, tính đến {local.ToLocal(asOf):HH:mm dd/MM/yyyy}",
            Columns, rows, done => progress?.Invoke(done, Math.Max(done, total)));
    }
}
