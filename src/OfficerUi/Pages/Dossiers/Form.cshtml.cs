using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Forms;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.OfficerUi.Pages.Dossiers;

/// <summary>
/// A legal form issued for a dossier, as a PDF shown in the browser for printing: the latest issue of that form (or the one asked for), rendered
/// from the stored dossier. Printing changes nothing.
/// </summary>
public sealed class FormModel(DossiersDbContext db, DossierAccess access, DossierForms forms, CurrentWorkingCalendar calendar, ILogger<FormModel> logger) : PageModel
{
    /// <param name="issue">One issue of the form (a dossier may be asked twice for a supplement); the latest when none.</param>
    public async Task<IActionResult> OnGetAsync(string code, string form, Guid? issue, CancellationToken cancellationToken)
    {
        var dossier = await db.Set<Dossier>().AsNoTracking()
            .Include(d => d.Documents).Include(d => d.Forms).Include(d => d.Appointments)
            .AsSplitQuery()
            .FirstOrDefaultAsync(d => d.Code == code, cancellationToken);
        if (dossier is null || !await access.MaySeeAsync(User, dossier, cancellationToken))
        {
            return NotFound();
        }

        var issued = dossier.Forms.Where(f => f.Form == form && (issue is null || f.Id == issue)).OrderByDescending(f => f.IssuedAt).FirstOrDefault();
        if (issued is null)
        {
            return NotFound();
        }

        var unit = await db.Set<Unit>().AsNoTracking().Include(u => u.Parent).FirstAsync(u => u.Code == dossier.ReceivingUnit, cancellationToken);
        logger.LogInformation("Form {Form} of dossier {Code} printed by {Officer}", form, code, User.Identity?.Name);
        var pdf = forms.Render(dossier, issued, unit, calendar.Calendar);
        Response.Headers.ContentDisposition = $"inline; filename=\"{code}-mau-{form}.pdf\"";
        Response.Headers.CacheControl = "no-store";
        return File(pdf, "application/pdf");
    }
}
