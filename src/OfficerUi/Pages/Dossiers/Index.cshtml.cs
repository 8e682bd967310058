using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Dossiers.Reports;
using DossierWorkflow.OfficerUi.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using DossierWorkflow.Web.Localization;

namespace DossierWorkflow.OfficerUi.Pages.Dossiers;

/// <summary>
/// Finding dossiers (<c>/Dossiers</c>): by code (or its beginning), the applicant's name without regard to diacritics or
/// case, ID number, phone, procedure, status, channel, received dates, overdue only — among the dossiers of the units
/// the officer may see, newest first, a page at a time. The results refresh in place as the criteria change (htmx).
/// </summary>
public sealed class IndexModel(
    DossierSearch search,
    Bieu06 bieu06,
    DossierAccess access,
    DossiersDbContext db,
    OrganisationUnits organisation,
    ProcedureCatalogue catalogue,
    CurrentWorkingCalendar calendar,
    TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public SearchInput Input { get; set; } = new();

    public DossierPage Results { get; private set; } = new(1, [], false);

    /// <summary>Whether any criterion was given (without one, the newest dossiers are listed).</summary>
    public bool Filtered => Input.Code is { Length: > 0 } || Input.Name is { Length: > 0 } || Input.IdNumber is { Length: > 0 } || Input.Phone is { Length: > 0 }
        || Input.Procedure is { Length: > 0 } || Input.Status is not null || Input.Channel is not null || Input.From is not null || Input.To is not null || Input.Overdue
        || Input.Unit is { Length: > 0 } || Input.Holder is { Length: > 0 } || Input.Figure is not null;

    /// <summary>The report period of <see cref="SearchInput.Figure"/>, when both its days are given and in order.</summary>
    public ReportPeriod? FigurePeriod => Input.Figure is not null && Input.PeriodFirst is { } first && Input.PeriodLast is { } last && first <= last
        ? new ReportPeriod(first, last)
        : null;

    public IReadOnlyList<(string Code, string Name)> Procedures { get; private set; } = [];

    public IReadOnlyDictionary<string, string> UnitNames { get; private set; } = new Dictionary<string, string>();

    public string Local(DateTimeOffset instant) => calendar.Calendar.ToLocal(instant).ToString("HH:mm dd/MM/yyyy");

    public bool IsOverdue(DossierRow row) =>
        row.AppointmentAt < time.GetUtcNow() && DossierStatusRules.InProcessing.Contains(row.Status);

    /// <summary>The page, or only its results when htmx asks for them (the address bar keeps the criteria).</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await SearchAsync(cancellationToken);
        return Request.Headers["HX-Request"] == "true" && Request.Headers["HX-History-Restore-Request"] != "true"
            ? Partial("_SearchResults", this)
            : Page();
    }

    /// <summary>The page's query with another page number, for the pager's links.</summary>
    public IDictionary<string, string?> RouteFor(int page) => new Dictionary<string, string?>
    {
        ["Input.Code"] = Input.Code,
        ["Input.Name"] = Input.Name,
        ["Input.IdNumber"] = Input.IdNumber,
        ["Input.Phone"] = Input.Phone,
        ["Input.Procedure"] = Input.Procedure,
        ["Input.Status"] = Input.Status?.ToString(),
        ["Input.Channel"] = Input.Channel?.ToString(),
        ["Input.From"] = Input.From?.ToString("yyyy-MM-dd"),
        ["Input.To"] = Input.To?.ToString("yyyy-MM-dd"),
        ["Input.Overdue"] = Input.Overdue ? "true" : null,
        ["Input.Unit"] = Input.Unit,
        ["Input.Below"] = Input.Below ? "true" : null,
        ["Input.Holder"] = Input.Holder,
        ["Input.Figure"] = Input.Figure?.ToString(),
        ["Input.PeriodFirst"] = Input.PeriodFirst?.ToString("yyyy-MM-dd"),
        ["Input.PeriodLast"] = Input.PeriodLast?.ToString("yyyy-MM-dd"),
        ["Input.PageNumber"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private async Task SearchAsync(CancellationToken cancellationToken)
    {
        var today = calendar.Calendar.LocalDate(time.GetUtcNow());
        Procedures = [.. catalogue.Procedures
            .Select(p => (p.Code, Version: p.VersionOn(today)))
            .Where(p => p.Version is not null)
            .Select(p => (p.Code, LocalizedText.Pick(p.Version!.NameVi, p.Version.NameEn)))
            .OrderBy(p => p.Item2, StringComparer.CurrentCulture)];
        var organisationUnits = await organisation.GetAsync(db, cancellationToken);
        UnitNames = organisationUnits.ToDictionary(u => u.Code, u => u.Name);
        IEnumerable<string> units = await access.VisibleUnitsAsync(User, cancellationToken);
        if (Input.Unit is { Length: > 0 } unit)
        {
            // One receiving unit, or it and those below it (as a report's unit rows and its total count them).
            var chosen = Input.Below ? UnitTree.Within(organisationUnits, [unit]) : new HashSet<string>(StringComparer.Ordinal) { unit };
            units = units.Where(chosen.Contains);
        }

        var figure = Input.Figure is { } cell && FigurePeriod is { } period ? (Func<IQueryable<Dossier>, IQueryable<Dossier>>)(d => bieu06.Behind(d, cell, period)) : null;
        Results = await search.SearchAsync(
            new DossierQuery
            {
                Code = Input.Code,
                Name = Input.Name,
                IdNumber = Input.IdNumber,
                Phone = Input.Phone,
                ProcedureCode = Input.Procedure,
                Status = Input.Status,
                Channel = Input.Channel,
                ReceivedFrom = Input.From is { } from ? calendar.Calendar.At(from, TimeOnly.MinValue) : null,
                ReceivedBefore = Input.To is { } to ? calendar.Calendar.At(to.AddDays(1), TimeOnly.MinValue) : null,
                OverdueOnly = Input.Overdue,
                Holder = Input.Holder,
                Page = Input.PageNumber,
            },
            [.. units],
            cancellationToken,
            figure);
    }

    public sealed class SearchInput
    {
        public string? Code { get; set; }

        public string? Name { get; set; }

        public string? IdNumber { get; set; }

        public string? Phone { get; set; }

        public string? Procedure { get; set; }

        public DossierStatus? Status { get; set; }

        public ReceptionChannel? Channel { get; set; }

        public DateOnly? From { get; set; }

        public DateOnly? To { get; set; }

        public bool Overdue { get; set; }

        /// <summary>A receiving unit (with <see cref="Below"/>, and the units below it).</summary>
        public string? Unit { get; set; }

        public bool Below { get; set; }

        /// <summary>The user name of an officer holding an open step of the dossier.</summary>
        public string? Holder { get; set; }

        /// <summary>A figure of the reports (Biểu 06), counted over <see cref="PeriodFirst"/> to <see cref="PeriodLast"/>.</summary>
        public ReportFigure? Figure { get; set; }

        public DateOnly? PeriodFirst { get; set; }

        public DateOnly? PeriodLast { get; set; }

        /// <summary>The page (not named "Page": without the prefix, model binding would read the page's route value).</summary>
        public int PageNumber { get; set; } = 1;
    }
}
