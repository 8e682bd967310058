using DossierWorkflow.Dossiers.Attachments;
using DossierWorkflow.Dossiers.Citizens;
using DossierWorkflow.Portal.Localization;
using DossierWorkflow.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.Portal.Pages.Submission;

/// <summary>
/// Step 3: the procedure's documents, each with its scans — PDF, JPEG or PNG by content, 10 MB a file and 50 MB a
/// dossier, checked as reception checks them while they arrive — uploaded line by line and removable; every mandatory
/// line needs one.
/// </summary>
[OwnTransactions]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class DocumentsModel(OnlineSubmissions submissions, AttachmentIntake intake, IOptions<AttachmentOptions> options, TimeProvider time, IStringLocalizer<PortalText> text)
    : DraftPage(submissions, text)
{
    /// <summary>One upload: the dossier's whole budget and the form's fields.</summary>
    public const long MaxRequestBytes = 64L * 1024 * 1024;

    public override DraftStep Step => DraftStep.Documents;

    public long MaxFileMegabytes => options.Value.MaxFileBytes / (1024 * 1024);

    public long MaxDossierMegabytes => options.Value.MaxDossierBytes / (1024 * 1024);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    /// <summary>Scans for line <paramref name="position"/>, stored as they arrive; the first refused one stops the rest.</summary>
    public async Task<IActionResult> OnPostUploadAsync(Guid id, [FromForm] int position, [FromForm] List<IFormFile> files, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        if (position < 0 || position >= Version.Documents.Length)
        {
            return BadRequest();
        }

        var field = $"Documents[{position}]";
        if (files.Count == 0)
        {
            ModelState.AddModelError(field, Text["Problem.NoFileChosen"]);
            return Page();
        }

        var budget = options.Value.MaxDossierBytes - Draft.Files.Sum(f => f.Length);
        foreach (var upload in files)
        {
            await using var content = upload.OpenReadStream();
            switch (await intake.AcceptAsync(content, upload.FileName, budget, cancellationToken))
            {
                case AttachmentResult.Accepted { File: var file }:
                    budget -= file.Length;
                    var now = time.GetUtcNow();
                    Draft.Files.Add(new DraftFile
                    {
                        Id = Guid.CreateVersion7(now),
                        DraftId = Draft.Id,
                        DocumentPosition = position,
                        FileName = file.FileName,
                        ContentType = file.ContentType,
                        Length = file.Length,
                        Sha256 = file.Sha256,
                        UploadedAt = now,
                    });
                    break;
                case AttachmentResult.Refused { Problem: var problem }:
                    await Submissions.SaveAsync(Draft, cancellationToken);
                    var limit = problem == AttachmentProblem.DossierTooLarge ? MaxDossierMegabytes : MaxFileMegabytes;
                    ModelState.AddModelError(field, Text[$"Problem.Attachment.{problem}", upload.FileName, limit]);
                    return Page();
            }
        }

        await Submissions.SaveAsync(Draft, cancellationToken);
        return Redirect(Address(Draft.Id, Step) + $"#document-{position}");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, [FromForm] Guid file, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        if (Draft.Files.FirstOrDefault(f => f.Id == file) is { } removed)
        {
            Draft.Files.Remove(removed);
            await Submissions.SaveAsync(Draft, cancellationToken);
        }

        return Redirect(Address(Draft.Id, Step));
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        return await SaveAndContinueAsync(OnlineSubmissions.CheckDocuments(Draft, Version), cancellationToken);
    }
}
