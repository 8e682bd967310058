using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.OnlineIntake;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.OfficerUi.Authentication;
using DossierWorkflow.OfficerUi.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.OfficerUi.Pages.Admin;

/// <summary>
/// The systems allowed to submit dossiers through the online intake API (the citizen portal, the national portal):
/// each with when it was added, last used and revoked. A new client's key is shown once (only its hash is kept);
/// revoking ends its access at once. For administrators of the whole installation: a client submits to every unit.
/// </summary>
[Authorize(Policy = Policies.InstallationAdministrator)]
public sealed class ApiClientsModel(
    DossiersDbContext db,
    OfficerAudit audit,
    CurrentWorkingCalendar calendar,
    TimeProvider time,
    IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    public IReadOnlyList<ApiClient> Clients { get; private set; } = [];

    /// <summary>The key of the client just added: shown this once.</summary>
    public string? NewKey { get; private set; }

    public string? Message { get; private set; }

    public string Local(DateTimeOffset instant) => calendar.Calendar.ToLocal(instant).ToString("HH:mm dd/MM/yyyy");

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var name = Name?.Trim() ?? "";
        if (!ApiClient.IsValidName(name))
        {
            ModelState.AddModelError(nameof(Name), text["ApiClients.Error.Name"]);
        }
        else if (await db.Set<ApiClient>().AnyAsync(c => c.Name == name, cancellationToken))
        {
            ModelState.AddModelError(nameof(Name), text["ApiClients.Error.Exists", name]);
        }

        if (!ModelState.IsValid)
        {
            return await ShowAsync(cancellationToken);
        }

        var (client, key) = ApiClient.Create(name, time.GetUtcNow());
        db.Add(client);
        audit.Record(AuditActions.ApiClientCreated, subject: name);
        await db.SaveChangesAsync(cancellationToken);
        NewKey = key;
        Message = text["ApiClients.Added", name];
        Name = null;
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken cancellationToken)
    {
        // The add form's field is bound on every post: its absence here is no error of this action.
        ModelState.Clear();
        if (await db.Set<ApiClient>().FirstOrDefaultAsync(c => c.Id == id && c.RevokedAt == null, cancellationToken) is { } client)
        {
            client.RevokedAt = time.GetUtcNow();
            audit.Record(AuditActions.ApiClientRevoked, subject: client.Name);
            await db.SaveChangesAsync(cancellationToken);
            Message = text["ApiClients.Revoked", client.Name];
        }

        return await ShowAsync(cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        Clients = await db.Set<ApiClient>().AsNoTracking().OrderBy(c => c.RevokedAt != null).ThenBy(c => c.Name).ToListAsync(cancellationToken);
        return Page();
    }
}
