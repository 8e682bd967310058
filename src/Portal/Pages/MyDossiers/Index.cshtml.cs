using DossierWorkflow.Dossiers.Citizens;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Portal.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Portal.Pages.MyDossiers;

/// <summary>The citizen's dossiers submitted online (newest first, with their status in plain words) and their drafts to resume.</summary>
[Authorize]
public sealed class IndexModel(DossiersDbContext db) : PageModel
{
    public IReadOnlyList<Row> Dossiers { get; private set; } = [];

    public IReadOnlyList<SubmissionDraft> Drafts { get; private set; } = [];

    /// <summary>The dossier just submitted (<c>?moi=</c>), when it is the citizen's.</summary>
    public string? Submitted { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "moi")] string? submitted, CancellationToken cancellationToken)
    {
        var account = User.AccountId();
        Dossiers = await db.Set<Dossier>().AsNoTracking().Where(d => d.CitizenAccountId == account)
            .OrderByDescending(d => d.ReceivedAt).Take(200)
            .Select(d => new Row(d.Code, d.ProcedureCode, d.ProcedureName, d.ReceivedAt, d.AppointmentAt, d.Status))
            .ToListAsync(cancellationToken);
        Drafts = await db.Set<SubmissionDraft>().AsNoTracking().Where(d => d.AccountId == account && d.DossierCode == null)
            .OrderByDescending(d => d.UpdatedAt).Take(50).ToListAsync(cancellationToken);
        Submitted = Dossiers.Any(d => d.Code == submitted) ? submitted : null;
    }

    public sealed record Row(string Code, string ProcedureCode, string ProcedureName, DateTimeOffset ReceivedAt, DateTimeOffset? AppointmentAt, DossierStatus Status);
}
