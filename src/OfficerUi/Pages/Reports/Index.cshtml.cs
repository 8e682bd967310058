using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Dossiers.Reports;
using DossierWorkflow.OfficerUi.Authentication;
using DossierWorkflow.OfficerUi.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.OfficerUi.Pages.Reports;

/// <summary>
/// The managers' reports (<c>/Reports</c>): for a unit they manage, lead or administer (with the units below it) and a
/// period — a month, a quarter, a year, the legal reporting window or any range — the dashboard (Biểu 06's figures, the
/// trend, the overdue, every figure a link to its dossiers); then, loaded after the page shows, who holds the overdue
/// dossiers, early warning and the service-quality indices; and the exports, run in the background with their progress.
/// Officers without such a role see nothing here.
/// </summary>
// Starting an export writes the export's own row at once (the export then runs on its own): no action's transaction around it.
[DossierWorkflow.Web.Hosting.OwnTransactions]
public sealed class IndexModel(
    Dashboard dashboard,
    EarlyWarning earlyWarning,
    ServiceQuality quality,
    ReportExports exports,
    IStringLocalizer<SharedResource> text,
    OrganisationUnits organisation,
    DossiersDbContext db,
    CurrentWorkingCalendar calendar,
    TimeProvider time) : PageModel
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

    /// <summary>The names of the units, by code.</summary>
    public IReadOnlyDictionary<string, string> UnitNames { get; private set; } = new Dictionary<string, string>();

    public Bieu06Report? Report => Figures?.Report;

    /// <summary>The dashboard of the chosen unit and period (the page itself; not computed for the exports).</summary>
    public DashboardFigures? Figures { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>Who holds the unit's overdue dossiers now (for <see cref="OnGetHoldersAsync"/>).</summary>
    public IReadOnlyList<OverdueHolder> Holders { get; private set; } = [];

    /// <summary>The most predicted-late dossiers the page lists (the soonest appointments first).</summary>
    public const int WarningsShown = 50;

    /// <summary>The dossiers predicted to miss their appointment at the current pace (now, whatever the period).</summary>
    public IReadOnlyList<PredictedLate> Warnings { get; private set; } = [];

    /// <summary>An instant in Vietnamese time, as the page shows it.</summary>
    public string Local(DateTimeOffset instant) => calendar.Calendar.ToLocal(instant).ToString("HH:mm dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await PrepareAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Period is not null)
        {
            Figures = await dashboard.ComputeAsync(Unit!, Period, cancellationToken);
        }

        Exports = await exports.OfAsync(User.Identity!.Name!, cancellationToken);
        return Page();
    }

    /// <summary>The period chosen, when it is a valid one.</summary>
    public ReportPeriod? Period { get; private set; }

    /// <summary>The officer's exports still kept (running, ready or failed), newest first.</summary>
    public IReadOnlyList<ReportExport> Exports { get; private set; } = [];

    /// <summary>
    /// Starts exporting a report of the chosen unit and period in the background; answers its progress card (htmx) or the
    /// page, where the officer's exports are listed.
    /// </summary>
    public async Task<IActionResult> OnPostExportAsync(ReportKind report, CancellationToken cancellationToken)
    {
        if (await PrepareAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Period is null || !Enum.IsDefined(report))
        {
            return BadRequest();
        }

        var export = await exports.StartAsync(User.Identity!.Name!, report, Unit!, Period, cancellationToken);
        if (export is null)
        {
            // Too many at once: said where the card would have come (htmx swaps only a success), the others go on.
            return Content($"<div class=\"list-group-item text-danger\" id=\"too-many-exports\" role=\"alert\">{System.Net.WebUtility.HtmlEncode(text["Reports.Export.TooMany", ReportExports.MostPerOfficer])}</div>", "text/html");
        }

        return Request.Headers["HX-Request"] == "true"
            ? Partial("_Export", export)
            : RedirectToPage(new { Unit, Kind, Year, Number, From = From?.ToString("yyyy-MM-dd"), To = To?.ToString("yyyy-MM-dd") });
    }

    /// <summary>Who holds the chosen unit's overdue dossiers now (loaded by the page after it shows: it reads every open step).</summary>
    public async Task<IActionResult> OnGetHoldersAsync(CancellationToken cancellationToken)
    {
        if (await PrepareAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        Holders = await dashboard.OverdueHoldersAsync(Unit!, cancellationToken);
        return Partial("_Holders", this);
    }

    /// <summary>The dossiers of the chosen unit predicted to be late at the current pace (loaded by the page after it shows).</summary>
    public async Task<IActionResult> OnGetEarlyWarningAsync(CancellationToken cancellationToken)
    {
        if (await PrepareAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        Warnings = await earlyWarning.PredictAsync(Unit!, cancellationToken);
        return Partial("_EarlyWarning", this);
    }

    /// <summary>The service-quality indices of the chosen unit and period (loaded by the page when scrolled to: they read every dossier resolved in it).</summary>
    public async Task<IActionResult> OnGetQualityAsync(CancellationToken cancellationToken)
    {
        if (await PrepareAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        return Period is null ? BadRequest() : Partial("_Quality", await quality.ComputeAsync(Unit!, Period, cancellationToken));
    }

    /// <summary>An export's progress card (polled by the page while it runs).</summary>
    public async Task<IActionResult> OnGetExportProgressAsync(Guid id, CancellationToken cancellationToken) =>
        await exports.FindAsync(id, User.Identity!.Name!, cancellationToken) is { } export ? Partial("_Export", export) : NotFound();

    /// <summary>A ready export's file (for as long as it is kept).</summary>
    public async Task<IActionResult> OnGetDownloadAsync(Guid id, CancellationToken cancellationToken) =>
        await exports.FindAsync(id, User.Identity!.Name!, cancellationToken) is { } export && await exports.OpenAsync(export, cancellationToken) is { } file
            ? File(file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.FileName)
            : NotFound();

    /// <summary>The search page listing the dossiers behind a figure of the report's total (the unit and those below it).</summary>
    public string? FigureLink(ReportFigure figure, string? procedure = null) =>
        new FigureCells(Report!.Total, Period!, Unit!, Below: true, procedure).Link(Url, figure);

    /// <summary>The search page listing the overdue dossiers in progress at one receiving unit.</summary>
    public string? UnitOverdueLink(string unit) => new FigureCells(Report!.Total, Period!, unit, Below: false, null).Link(Url, ReportFigure.InProgressOverdue);

    /// <summary>The search page listing the dossiers overdue now with an open step held by <paramref name="userName"/>.</summary>
    public string? HolderLink(string userName) =>
        Url.Page("/Dossiers/Index", new Dictionary<string, object?> { ["Input.Holder"] = userName, ["Input.Overdue"] = "true", ["Input.Unit"] = Unit, ["Input.Below"] = "true" });

    /// <summary>The search page listing the dossiers overdue now in a unit's queue.</summary>
    public string? QueueLink(string unit) =>
        Url.Page("/Dossiers/Index", new Dictionary<string, object?> { ["Input.Overdue"] = "true", ["Input.Unit"] = unit });

    /// <summary>
    /// A chart for <c>reports.js</c>: its kind, labels, series (name, values, and whether drawn as a line of percentages)
    /// and the link each label opens; serialised into the canvas's <c>data-chart</c> attribute (no inline script).
    /// </summary>
    public static string Chart(string type, IEnumerable<string> labels, IEnumerable<ChartSeries> series, IEnumerable<string?>? links = null, bool horizontal = false) =>
        System.Text.Json.JsonSerializer.Serialize(new { type, horizontal, labels, series, links }, ChartJson);

    private static readonly System.Text.Json.JsonSerializerOptions ChartJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    private async Task<IActionResult?> PrepareAsync(CancellationToken cancellationToken)
    {
        var units = await organisation.GetAsync(db, cancellationToken);
        UnitNames = units.ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal);
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

/// <summary>One row of figures on the reports page, with what its links open: the row's receiving unit (or, for a total, the unit and those below it), its procedure, the period.</summary>
public sealed record FigureCells(Bieu06Row Row, ReportPeriod Period, string Unit, bool Below, string? Procedure)
{
    /// <summary>The search page listing the dossiers behind <paramref name="figure"/> of this row.</summary>
    public string? Link(IUrlHelper url, ReportFigure figure) => url.Page("/Dossiers/Index", new Dictionary<string, object?>
    {
        ["Input.Figure"] = figure.ToString(),
        ["Input.PeriodFirst"] = Period.First.ToString("yyyy-MM-dd"),
        ["Input.PeriodLast"] = Period.Last.ToString("yyyy-MM-dd"),
        ["Input.Unit"] = Unit,
        ["Input.Below"] = Below ? "true" : null,
        ["Input.Procedure"] = Procedure,
    });
}

/// <summary>One series of a chart: its name, values (null where there is none), and whether it is a line of percentages over the bars.</summary>
public sealed record ChartSeries(string Name, IEnumerable<double?> Values, bool Rate = false);
