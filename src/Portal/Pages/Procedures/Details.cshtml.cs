using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Definitions.Metadata;
using DossierWorkflow.Dossiers.Calendar;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DossierWorkflow.Portal.Pages.Procedures;

/// <summary>
/// One procedure as in force today, as a citizen needs it: the documents to bring, the processing time, the fee, how the
/// result can be received, the legal basis.
/// </summary>
public sealed class DetailsModel(ProcedureCatalogue catalogue, CurrentWorkingCalendar calendar, TimeProvider time) : PageModel
{
    public Procedure Procedure { get; private set; } = null!;

    public ProcedureVersion Version { get; private set; } = null!;

    public IActionResult OnGet(string code)
    {
        if (catalogue.FindByCode(code) is not { } procedure || procedure.VersionOn(calendar.Calendar.LocalDate(time.GetUtcNow())) is not { } version)
        {
            return NotFound();
        }

        Procedure = procedure;
        Version = version;
        return Page();
    }
}
