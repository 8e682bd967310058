using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Reports;

/// <summary>
/// The register book (sổ theo dõi hồ sơ, form 07) of a unit and the units below it for a period, as an Excel sheet: one
/// line per dossier accepted in the period, in the order accepted — code, procedure, applicant, address and phone, the
/// receiving unit, when received, the appointment, when the result was returned and how. A long list: the lines are
/// written as the database reads them (<see cref="ListWorkbook"/>), so memory does not grow with their number.
/// </summary>
public sealed class RegisterBook(DossiersDbContext db, OrganisationUnits organisation, CurrentWorkingCalendar calendar) : IReportList
{
    public static readonly IReadOnlyList<ListColumn> Columns =
    [
        new("STT", 7, CellKind.Integer),
        new("Mã hồ sơ", 28),
        new("Tên thủ tục hành chính", 48),
        new("Tên tổ chức, cá nhân", 28),
        new("Địa chỉ, số điện thoại", 40),
        new("Cơ quan chủ trì giải quyết", 36),
        new("Ngày, giờ nhận hồ sơ", 18, CellKind.DateTime),
        new("Ngày, giờ hẹn trả kết quả", 18, CellKind.DateTime),
        new("Ngày, giờ trả kết quả", 18, CellKind.DateTime),
        new("Hình thức nhận kết quả", 22),
    ];

    public string FileName(string unitCode, ReportPeriod period) => $"so-theo-doi_{unitCode}_{period.First:yyyyMMdd}-{period.Last:yyyyMMdd}.xlsx";

    public async Task<int> WriteAsync(string unitCode, ReportPeriod period, Stream output, Action<int, int>? progress, CancellationToken cancellationToken)
    {
        var codes = await UnitsAsync(unitCode, cancellationToken);
        var total = await Lines(codes, period).CountAsync(cancellationToken);
        progress?.Invoke(0, total);
        var names = (await organisation.GetAsync(db, cancellationToken)).ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal);
        var local = calendar.Calendar;
        var number = 0;
        var lines = Lines(codes, period)
            .OrderBy(d => d.AcceptedAt).ThenBy(d => d.Code)
            .Select(d => new
            {
                d.Code,
                d.ProcedureName,
                d.Applicant.Name,
                d.Applicant.Address,
                d.Applicant.Phone,
                d.ReceivingUnit,
                d.AcceptedAt,
                d.AppointmentAt,
                Returned = db.Set<ResultHandover>().Where(h => h.DossierId == d.Id).OrderBy(h => h.HandedOverAt)
                    .Select(h => new { h.HandedOverAt, h.Method }).FirstOrDefault(),
            })
            .AsEnumerable()
            .Select(d => new object?[]
            {
                ++number,
                d.Code,
                d.ProcedureName,
                d.Name,
                string.Join(" · ", new[] { d.Address, d.Phone }.Where(p => !string.IsNullOrWhiteSpace(p))),
                names.GetValueOrDefault(d.ReceivingUnit, d.ReceivingUnit),
                local.ToLocal(d.AcceptedAt!.Value).DateTime,
                d.AppointmentAt is { } appointment ? local.ToLocal(appointment).DateTime : null,
                d.Returned is { } returned ? local.ToLocal(returned.HandedOverAt).DateTime : null,
                d.Returned?.Method switch
                {
                    ResultDelivery.Post => "Bưu chính công ích",
                    ResultDelivery.Electronic => "Trực tuyến",
                    ResultDelivery.Counter => "Tại Bộ phận Một cửa",
                    _ => "",
                },
            });

        return ListWorkbook.Write(
            output, "Sổ theo dõi hồ sơ", "SỔ THEO DÕI HỒ SƠ",
            $"{names.GetValueOrDefault(unitCode, unitCode)} ({unitCode}) — từ ngày {period.First:dd/MM/yyyy} đến ngày {period.Last:dd/MM/yyyy}",
            Columns, lines, done => progress?.Invoke(done, Math.Max(done, total)));
    }

    private async Task<List<string>> UnitsAsync(string unitCode, CancellationToken cancellationToken) =>
        [.. UnitTree.Within(await organisation.GetAsync(db, cancellationToken), [unitCode])];

    private IQueryable<Dossier> Lines(List<string> codes, ReportPeriod period)
    {
        var start = period.Start(calendar.Calendar);
        var end = period.End(calendar.Calendar);
        return db.Set<Dossier>().AsNoTracking().Where(d => codes.Contains(d.ReceivingUnit) && d.AcceptedAt >= start && d.AcceptedAt < end);
    }
}
