using DossierWorkflow.Dossiers.Attachments;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace DossierWorkflow.OfficerUi.Pages.Dossiers;

/// <summary>
/// A scan of a dossier, for the officers allowed to see the dossier: shown in the browser (it is a PDF or an image, as its
/// content showed when it was accepted), or downloaded with <c>?download=true</c>. Every read is logged with the officer.
/// </summary>
public sealed class FileModel(DossiersDbContext db, DossierAccess access, IAttachmentStore store, ILogger<FileModel> logger) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string code, Guid id, bool download, CancellationToken cancellationToken)
    {
        var dossier = await access.FindAsync(User, db.Set<Dossier>().AsNoTracking(), code, cancellationToken);
        var file = dossier is null ? null : await db.Set<DossierFile>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == id && f.DossierId == dossier.Id, cancellationToken);
        if (file is null || await store.OpenAsync(file.Sha256, cancellationToken) is not { } content)
        {
            return NotFound();
        }

        logger.LogInformation("File {FileId} of dossier {Code} read by {Officer}", id, code, User.Identity?.Name);
        var disposition = new ContentDispositionHeaderValue(download ? "attachment" : "inline");
        disposition.SetHttpFileName(file.FileName);
        Response.Headers.ContentDisposition = disposition.ToString();
        Response.Headers.CacheControl = "private, no-store";
        return File(content, file.ContentType);
    }
}
