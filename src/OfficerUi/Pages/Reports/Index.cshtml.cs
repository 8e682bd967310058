using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Dossiers.Reports;
using DossierWorkflow.OfficerUi.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DossierWorkflow.OfficerUi.Pages.Reports;

/// <summary>
/// The managers' reports (<c>/Reports</c>): for a unit they manage, lead or administer (with the units below it) and a
/// period — a month, a quarter, a year, the legal reporting window or any range — the figures of Biểu 06 by unit, sector
/// and procedure, and the workbook in the official layout. Officers without such a role see nothing here.
/// </summary>
public sealed class IndexModel(Bieu06 bieu06, RegisterBook registerBook, OrganisationUnits organisation, DossiersDbContext db, CurrentWorkingCalendar calendar, TimeProvider time) : PageModel
{
    /// <summary>The roles that see a unit's reports.</summary>
    public static readonly string[] ReportRoles = [Roles.Manager, Roles.Leader, Roles.Administrator];

    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    /// <summary><c>month</c>, <c>quarter</c>, <c>year</c>, <c>window</c> (the 15th to the 14th) or <c>range</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string Kind { get; set; } = "month";

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    /// <summary>The month (or, for a quarter, its number).</summary>
    [BindProperty(SupportsGet = true)]
    public int? Number { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public IReadOnlyList<(Unit Unit, int Depth)> Units { get; private set; } = [];

    public Bieu06Report? Report { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await PrepareAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Period is not null)
        {
            Report = await bieu06.ComputeAsync(Unit!, Period, cancellationToken);
        }

        return Page();
    }

    /// <summary>The period chosen, when it is a valid one.</summary>
    public ReportPeriod? Period { get; private set; }

    /// <summary>The Biểu 06 workbook of the chosen unit and period.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        if (await PrepareAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Period is null)
        {
            return Page();
        }

        Report = await bieu06.ComputeAsync(Unit!, Period, cancellationToken);
        var stream = new MemoryStream();
        Bieu06Workbook.Write(Report, stream);
        stream.Position = 0;
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"bieu-06_{Report.UnitCode}_{Report.Period.First:yyyyMMdd}-{Report.Period.Last:yyyyMMdd}.xlsx");
    }

    /// <summary>
    /// The register book of the chosen unit and period: written to a temporary file as the database reads the lines
    /// (memory does not grow with them), then sent; the file goes when it is sent.
    /// </summary>
    public async Task<IActionResult> OnGetRegisterAsync(CancellationToken cancellationToken)
    {
        if (await PrepareAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Period is null)
        {
            return Page();
        }

        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        await registerBook.WriteAsync(Unit!, Period, file, cancellationToken);
        file.Position = 0;
        return File(file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"so-theo-doi_{Unit}_{Period.First:yyyyMMdd}-{Period.Last:yyyyMMdd}.xlsx");
    }

    private async Task<IActionResult?> PrepareAsync(CancellationToken cancellationToken)
    {
        var units = await organisation.GetAsync(db, cancellationToken);
        var tops = User.UnitRoles().Where(r => ReportRoles.Contains(r.Role)).Select(r => r.UnitCode).ToList();
        var allowed = UnitTree.Within(units, tops);
        Units = [.. UnitTree.InOrder(units).Where(u => allowed.Contains(u.Code)).Select(u => (u, UnitTree.Chain(u, units).Count(above => allowed.Contains(above.Code)) - 1))];
        if (Units.Count == 0)
        {
            return Forbid();
        }

        Unit ??= Units[0].Unit.Code;
        if (!allowed.Contains(Unit))
        {
            return NotFound();
        }

        var today = calendar.Calendar.LocalDate(time.GetUtcNow());
        Year ??= today.Year;
        Period = PeriodOf(today);
        if (Period is null)
        {
            Problem = "Reports.Error.Period";
        }

        return null;
    }

    private ReportPeriod? PeriodOf(DateOnly today)
    {
        var year = Year!.Value;
        if (year is < 2000 or > 2100)
        {
            return null;
        }

        return Kind switch
        {
            "quarter" when (Number ?? ((today.Month - 1) / 3) + 1) is var quarter && quarter is >= 1 and <= 4 => ReportPeriod.Quarter(year, quarter),
            "year" => ReportPeriod.Year(year),
            "window" when (Number ?? today.Month) is var month && month is >= 1 and <= 12 => ReportPeriod.Window(year, month),
            "range" when From is { } from && To is { } to && from <= to && to.DayNumber - from.DayNumber <= 3660 => new ReportPeriod(from, to),
            "month" when (Number ?? today.Month) is var month && month is >= 1 and <= 12 => ReportPeriod.Month(year, month),
            _ => null,
        };
    }
}
