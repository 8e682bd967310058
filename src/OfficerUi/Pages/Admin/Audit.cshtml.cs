using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.OfficerUi.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.OfficerUi.Pages.Admin;

/// <summary>
/// The audit journal, newest first, searched by person, dossier, action and date. Read-only: nothing here changes or
/// removes a record. An administrator sees the records of the units they administer and below; one who administers a
/// unit at the top of the tree (the province) sees every record, also those of no unit (sign-ins failed for unknown
/// names, the calendar, definitions).
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class AuditModel(DossiersDbContext db, OrganisationUnits organisation, CurrentWorkingCalendar calendar) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public AuditFilter Filter { get; set; } = new();

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public bool HasMore { get; private set; }

    /// <summary>The full names of the officers listed, by user name.</summary>
    public IReadOnlyDictionary<string, string> OfficerNames { get; private set; } = new Dictionary<string, string>();

    public string Local(DateTimeOffset instant) => calendar.Calendar.ToLocal(instant).ToString("HH:mm:ss dd/MM/yyyy");

    /// <summary>The page, or only its results when htmx asks for them (the address bar keeps the criteria).</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var entries = (await VisibleAsync(cancellationToken)).AsNoTracking();
        if (Filter.Actor?.Trim().ToLowerInvariant() is { Length: > 0 } actor)
        {
            entries = entries.Where(e => e.Actor == actor);
        }

        if (Filter.Dossier?.Trim() is { Length: > 0 } dossier)
        {
            entries = entries.Where(e => e.DossierCode == dossier);
        }

        if (Filter.Action is { Length: > 0 } action)
        {
            entries = entries.Where(e => e.Action == action);
        }

        if (Filter.From is { } from)
        {
            var start = calendar.Calendar.At(from, TimeOnly.MinValue);
            entries = entries.Where(e => e.At >= start);
        }

        if (Filter.To is { } to)
        {
            var end = calendar.Calendar.At(to.AddDays(1), TimeOnly.MinValue);
            entries = entries.Where(e => e.At < end);
        }

        var page = Math.Max(1, Filter.PageNumber);
        var rows = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((page - 1) * PageSize).Take(PageSize + 1)
            .ToListAsync(cancellationToken);
        HasMore = rows.Count > PageSize;
        Entries = rows.Count > PageSize ? rows[..PageSize] : rows;
        var actors = Entries.Select(e => e.Actor).Distinct().ToList();
        OfficerNames = await db.OfficerNamesAsync(actors, cancellationToken);
        return Request.Headers["HX-Request"] == "true" && Request.Headers["HX-History-Restore-Request"] != "true"
            ? Partial("_AuditEntries", this)
            : Page();
    }

    /// <summary>The page's query with another page number, for the pager's links.</summary>
    public IDictionary<string, string?> RouteFor(int page) => new Dictionary<string, string?>
    {
        ["Filter.Actor"] = Filter.Actor,
        ["Filter.Dossier"] = Filter.Dossier,
        ["Filter.Action"] = Filter.Action,
        ["Filter.From"] = Filter.From?.ToString("yyyy-MM-dd"),
        ["Filter.To"] = Filter.To?.ToString("yyyy-MM-dd"),
        ["Filter.PageNumber"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The records of the units this administrator administers (all of them for one at the top of the tree).</summary>
    private async Task<IQueryable<AuditEntry>> VisibleAsync(CancellationToken cancellationToken)
    {
        var scope = await AdministratorScope.OfAsync(User, organisation, db, cancellationToken);
        if (scope.Everything)
        {
            return db.Set<AuditEntry>();
        }

        var units = scope.Units.ToList();
        return db.Set<AuditEntry>().Where(e => e.UnitCode != null && units.Contains(e.UnitCode));
    }

    /// <summary>What the page searches by; empty criteria are left out.</summary>
    public sealed class AuditFilter
    {
        /// <summary>A user name (as typed at sign-in, for a failed one).</summary>
        public string? Actor { get; set; }

        /// <summary>A dossier's code.</summary>
        public string? Dossier { get; set; }

        /// <summary>One of <see cref="AuditActions"/>.</summary>
        public string? Action { get; set; }

        public DateOnly? From { get; set; }

        public DateOnly? To { get; set; }

        public int PageNumber { get; set; } = 1;
    }
}
