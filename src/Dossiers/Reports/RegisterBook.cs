using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Reports;

/// <summary>
/// The register book (sổ theo dõi hồ sơ, form 07) of a unit and the units below it for a period, as an Excel sheet: one
/// line per dossier accepted in the period, in the order accepted — code, procedure, applicant, address and phone, the
/// receiving unit, when received, the appointment, when the result was returned and how. A long list: the lines are
/// written as the database reads them, so memory does not grow with their number.
/// </summary>
public sealed class RegisterBook(DossiersDbContext db, OrganisationUnits organisation, CurrentWorkingCalendar calendar)
{
    /// <summary>Writes the sheet to <paramref name="output"/> (synchronously: a file, not a response body); returns the number of lines.</summary>
    public async Task<int> WriteAsync(string unitCode, ReportPeriod period, Stream output, CancellationToken cancellationToken)
    {
        var units = await organisation.GetAsync(db, cancellationToken);
        var codes = UnitTree.Within(units, [unitCode]).ToList();
        var names = units.ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal);
        var start = period.Start(calendar.Calendar);
        var end = period.End(calendar.Calendar);
        var local = calendar.Calendar;
        var count = 0;

        var lines = db.Set<Dossier>().AsNoTracking()
            .Where(d => codes.Contains(d.ReceivingUnit) && d.AcceptedAt >= start && d.AcceptedAt < end)
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
            .Select(d => new RegisterBookLine
            {
                Number = ++count,
                Code = d.Code,
                Procedure = d.ProcedureName,
                Applicant = d.Name,
                AddressAndPhone = string.Join(" · ", new[] { d.Address, d.Phone }.Where(p => !string.IsNullOrWhiteSpace(p))),
                Unit = names.GetValueOrDefault(d.ReceivingUnit, d.ReceivingUnit),
                Received = local.ToLocal(d.AcceptedAt!.Value).DateTime,
                Appointment = d.AppointmentAt is { } appointment ? local.ToLocal(appointment).DateTime : null,
                Returned = d.Returned is { } returned ? local.ToLocal(returned.HandedOverAt).DateTime : null,
                ReturnedHow = d.Returned?.Method switch
                {
                    ResultDelivery.Post => "Bưu chính công ích",
                    ResultDelivery.Electronic => "Trực tuyến",
                    ResultDelivery.Counter => "Tại Bộ phận Một cửa",
                    _ => "",
                },
            });

        var configuration = new OpenXmlConfiguration { FreezeRowCount = 1, AutoFilter = true, TableStyles = TableStyles.None, EnableWriteNullValueCell = true };
        MiniExcel.SaveAs(output, lines, sheetName: "Sổ theo dõi hồ sơ", configuration: configuration);
        return count;
    }
}

/// <summary>One line of the register book, with its column's Vietnamese header, width and format.</summary>
public sealed class RegisterBookLine
{
    [ExcelColumn(Name = "STT", Width = 7, Format = "#,##0")]
    public int Number { get; init; }

    [ExcelColumn(Name = "Mã hồ sơ", Width = 28)]
    public required string Code { get; init; }

    [ExcelColumn(Name = "Tên thủ tục hành chính", Width = 48)]
    public required string Procedure { get; init; }

    [ExcelColumn(Name = "Tên tổ chức, cá nhân", Width = 28)]
    public required string Applicant { get; init; }

    [ExcelColumn(Name = "Địa chỉ, số điện thoại", Width = 40)]
    public required string AddressAndPhone { get; init; }

    [ExcelColumn(Name = "Cơ quan chủ trì giải quyết", Width = 36)]
    public required string Unit { get; init; }

    [ExcelColumn(Name = "Ngày, giờ nhận hồ sơ", Width = 18, Format = "dd/MM/yyyy HH:mm")]
    public DateTime Received { get; init; }

    [ExcelColumn(Name = "Ngày, giờ hẹn trả kết quả", Width = 18, Format = "dd/MM/yyyy HH:mm")]
    public DateTime? Appointment { get; init; }

    [ExcelColumn(Name = "Ngày, giờ trả kết quả", Width = 18, Format = "dd/MM/yyyy HH:mm")]
    public DateTime? Returned { get; init; }

    [ExcelColumn(Name = "Hình thức nhận kết quả", Width = 22)]
    public required string ReturnedHow { get; init; }
}
