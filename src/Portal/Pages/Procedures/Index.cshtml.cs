using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Definitions.Metadata;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Portal.Pages.Procedures;

/// <summary>
/// The public catalogue: procedures in force today by keywords (diacritics and case ignored), sector, handling unit and
/// online level; those the words name first, those that only mention them in their documents or legal basis apart.
/// </summary>
public sealed class IndexModel(ProcedureCatalogue catalogue, DossiersDbContext db, CurrentWorkingCalendar calendar, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "linh-vuc")]
    public string? Sector { get; set; }

    /// <summary>A receiving unit's code: the procedures handled at its level (a commune's, a province's).</summary>
    [BindProperty(SupportsGet = true, Name = "don-vi")]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true, Name = "muc-do")]
    public OnlineServiceLevel? Level { get; set; }

    public IReadOnlyList<ProcedureMatch> Matches { get; private set; } = [];

    public IReadOnlyList<ProcedureMatch> Mentions { get; private set; } = [];

    /// <summary>The sectors to filter by: the Vietnamese name (the filter's value) and the name in the UI language.</summary>
    public IReadOnlyList<(string Value, string Name)> Sectors { get; private set; } = [];

    /// <summary>The units that receive dossiers (they have an agency code for dossier codes), by name.</summary>
    public IReadOnlyList<Unit> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = calendar.Calendar.LocalDate(time.GetUtcNow());
        Units = await db.Set<Unit>().AsNoTracking().Where(u => u.IsActive && u.AgencyCode != null && u.Kind != UnitKind.Department)
            .OrderBy(u => u.Kind).ThenBy(u => u.Name).ToListAsync(cancellationToken);
        Sectors = [.. catalogue.Procedures.Select(p => p.VersionOn(today)).OfType<ProcedureVersion>()
            .Select(v => (v.Sector, LocalizedText.Pick(v.Sector, v.SectorEn))).Distinct().OrderBy(s => s.Item2, StringComparer.CurrentCulture)];
        var level = Units.FirstOrDefault(u => u.Code == Unit)?.Kind switch
        {
            UnitKind.Province => UnitLevel.Province,
            UnitKind.District => UnitLevel.District,
            UnitKind.Commune => UnitLevel.Commune,
            _ => (UnitLevel?)null,
        };
        var found = catalogue.Search(new ProcedureQuery
        {
            Keywords = Query,
            Sector = string.IsNullOrWhiteSpace(Sector) ? null : Sector,
            OnlineLevel = Level,
            ImplementingLevel = level,
            On = today,
        });
        Matches = [.. found.Where(m => !m.IsMention)];
        Mentions = [.. found.Where(m => m.IsMention)];
    }
}
