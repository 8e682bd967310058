using DossierWorkflow.Dossiers.Citizens;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Portal.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Portal.Pages.Submission;

/// <summary>Begins an online submission of a procedure (a draft pre-filled from the account), or resumes one of its drafts.</summary>
[Authorize]
public sealed class StartModel(OnlineSubmissions submissions, DossiersDbContext db) : PageModel
{
    public Definitions.Metadata.ProcedureVersion Version { get; private set; } = null!;

    public string Code { get; private set; } = "";

    public IReadOnlyList<SubmissionDraft> Drafts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (submissions.VersionToday(code) is not { } version)
        {
            return NotFound();
        }

        Version = version;
        Code = code;
        var account = User.AccountId();
        Drafts = await db.Set<SubmissionDraft>().AsNoTracking().Where(d => d.AccountId == account && d.ProcedureCode == code && d.DossierCode == null)
            .OrderByDescending(d => d.UpdatedAt).Take(10).ToListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken cancellationToken)
    {
        if (submissions.VersionToday(code) is null)
        {
            return NotFound();
        }

        var account = await db.Set<CitizenAccount>().FindAsync([User.AccountId()], cancellationToken);
        var draft = await submissions.StartAsync(account!, code, cancellationToken);
        return Redirect(DraftPage.Address(draft.Id, DraftStep.Unit));
    }
}
