using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.OfficerUi.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.OfficerUi.Pages.Return;

/// <summary>
/// The results waiting to be returned at the officer's counters: every resolved dossier (status 9) of the units where they
/// receive, oldest result first, with how the applicant asked for it and, for those the post carries, the tracking number.
/// </summary>
[Authorize(Roles = Roles.Reception)]
public sealed class IndexModel(DossiersDbContext db, CurrentWorkingCalendar calendar) : PageModel
{
    /// <summary>At most this many results are listed; the page says when there are more.</summary>
    public const int ListSize = 100;

    public IReadOnlyList<Dossier> Waiting { get; private set; } = [];

    public int Total { get; private set; }

    /// <summary>A dossier code, or its beginning, to find one result.</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public string Local(DateTimeOffset instant) => calendar.Calendar.ToLocal(instant).ToString("HH:mm dd/MM/yyyy");

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var units = User.UnitRoles().Where(r => r.Role == Roles.Reception).Select(r => r.UnitCode).ToList();
        var query = db.Set<Dossier>().AsNoTracking().Where(d => d.Status == DossierStatus.Resolved && units.Contains(d.ReceivingUnit));
        if (Code?.Trim() is { Length: > 0 } code)
        {
            query = query.Where(d => d.Code.StartsWith(code));
        }

        Total = await query.CountAsync(cancellationToken);
        Waiting = await query.Include(d => d.Handovers).OrderBy(d => d.StatusChangedAt).Take(ListSize).ToListAsync(cancellationToken);
    }
}
