using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.OfficerUi.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DossierWorkflow.OfficerUi.Pages.Dossiers;

/// <summary>
/// Finding dossiers (<c>/Dossiers</c>): by code (or its beginning), the applicant's name without regard to diacritics or
/// case, ID number, phone, procedure, status, channel, received dates, overdue only — among the dossiers of the units
/// the officer may see, newest first, a page at a time. The results refresh in place as the criteria change (htmx).
/// </summary>
public sealed class IndexModel(
    DossierSearch search,
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
        || Input.Procedure is { Length: > 0 } || Input.Status is not null || Input.Channel is not null || Input.From is not null || Input.To is not null || Input.Overdue;

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
        UnitNames = (await organisation.GetAsync(db, cancellationToken)).ToDictionary(u => u.Code, u => u.Name);
        var units = await access.VisibleUnitsAsync(User, cancellationToken);
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
                Page = Input.PageNumber,
            },
            [.. units],
            cancellationToken);
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

        /// <summary>The page (not named "Page": without the prefix, model binding would read the page's route value).</summary>
        public int PageNumber { get; set; } = 1;
    }
}
