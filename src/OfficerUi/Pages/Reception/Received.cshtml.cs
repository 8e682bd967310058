using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.OfficerUi.Pages.Dossiers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.OfficerUi.Pages.Reception;

/// <summary>What reception decided: the dossier code, its status and appointment, and the form to print (opened in a new tab).</summary>
[Authorize(Roles = Roles.Reception)]
public sealed class ReceivedModel(DossiersDbContext db, DossierAccess access, CurrentWorkingCalendar calendar) : PageModel
{
    public Dossier Dossier { get; private set; } = null!;

    public IssuedForm? Form { get; private set; }

    public string UnitName { get; private set; } = "";

    public DateTimeOffset? Appointment => Dossier.AppointmentAt is { } at ? calendar.Calendar.ToLocal(at) : null;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        var dossier = await access.FindAsync(User, db.Set<Dossier>().AsNoTracking().Include(d => d.Forms).AsSplitQuery(), code, cancellationToken);
        if (dossier is null)
        {
            return NotFound();
        }

        Dossier = dossier;
        Form = dossier.Forms.OrderByDescending(f => f.IssuedAt).FirstOrDefault();
        UnitName = (await db.Set<Unit>().AsNoTracking().FirstOrDefaultAsync(u => u.Code == dossier.ReceivingUnit, cancellationToken))?.Name ?? dossier.ReceivingUnit;
        return Page();
    }
}
