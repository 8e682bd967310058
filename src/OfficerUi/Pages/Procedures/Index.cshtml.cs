using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Definitions.Metadata;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.OfficerUi.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using DossierWorkflow.Web.Localization;

namespace DossierWorkflow.OfficerUi.Pages.Procedures;

/// <summary>The procedure catalogue: search by words (diacritics and case ignored) and sector, as in force today.</summary>
public sealed class IndexModel(ProcedureCatalogue catalogue, CurrentWorkingCalendar calendar, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sector { get; set; }

    /// <summary>Online service level (Decree 42/2022): toàn trình or một phần; null for both.</summary>
    [BindProperty(SupportsGet = true)]
    public OnlineServiceLevel? Level { get; set; }

    /// <summary>The procedures the keywords name (in the name, code, sector or result), best first.</summary>
    public IReadOnlyList<ProcedureMatch> Matches { get; private set; } = [];

    /// <summary>The procedures that only mention the keywords (in their documents, legal basis or notes), listed apart.</summary>
    public IReadOnlyList<ProcedureMatch> Mentions { get; private set; } = [];

    /// <summary>The sectors to filter by: the Vietnamese name (the filter's value) and the name in the UI language.</summary>
    public IReadOnlyList<(string Value, string Name)> Sectors { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public void OnGet() => Search();

    /// <summary>The result list alone, for htmx as the officer types.</summary>
    public PartialViewResult OnGetResults()
    {
        Search();
        return Partial("_Results", this);
    }

    private void Search()
    {
        Today = calendar.Calendar.LocalDate(time.GetUtcNow());
        Sectors = [.. catalogue.Procedures.Select(p => p.VersionOn(Today)).OfType<ProcedureVersion>()
            .Select(v => (v.Sector, LocalizedText.Pick(v.Sector, v.SectorEn))).Distinct().OrderBy(s => s.Item2, StringComparer.CurrentCulture)];
        var found = catalogue.Search(new ProcedureQuery { Keywords = Query, Sector = string.IsNullOrWhiteSpace(Sector) ? null : Sector, OnlineLevel = Level, On = Today });
        Matches = [.. found.Where(m => !m.IsMention)];
        Mentions = [.. found.Where(m => m.IsMention)];
    }
}
