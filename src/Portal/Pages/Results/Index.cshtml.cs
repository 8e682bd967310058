using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DossierWorkflow.Portal.Pages.Results;

/// <summary>
/// The public results of dossier handling (công khai kết quả giải quyết, <c>/ket-qua-giai-quyet</c>): for each unit,
/// this year's dossiers accepted, resolved and the share resolved early or on time — figures only, no dossier and no
/// person. Counted on every request and refreshed in place every minute (htmx), so it is live.
/// </summary>
public sealed class IndexModel(PublicResults results, CurrentWorkingCalendar calendar) : PageModel
{
    /// <summary>How often the open page refreshes its figures.</summary>
    public const int RefreshSeconds = 60;

    public PublicYear Year { get; private set; } = null!;

    public string AsOf => calendar.Calendar.ToLocal(Year.AsOf).ToString("HH:mm dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Year = await results.ThisYearAsync(cancellationToken);
        return Request.Headers["HX-Request"] == "true" ? Partial("_Table", this) : Page();
    }
}
