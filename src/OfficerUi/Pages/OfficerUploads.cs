using DossierWorkflow.Dossiers.Attachments;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.OfficerUi.Localization;
using DossierWorkflow.OfficerUi.Pages.Reception;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.OfficerUi.Pages;

/// <summary>
/// The files an officer attaches through a page — scans on a document checklist at the counter (at reception, or when a
/// supplement comes back), a step's draft results: each accepted by its content within the per-file limit and what is
/// left of the dossier's budget, and stored once per content. A refused file is reported on its field and stops the rest.
/// </summary>
public sealed class OfficerUploads(AttachmentIntake intake, IOptions<AttachmentOptions> options, IStringLocalizer<SharedResource> text)
{
    /// <summary>All a dossier's files may weigh together.</summary>
    public long DossierBudget => options.Value.MaxDossierBytes;

    /// <summary>The scans of a checklist: a line with a scan counts as provided.</summary>
    public async Task<List<SubmittedFile>> AcceptAsync(IEnumerable<ReceptionInput.DocumentLine> lines, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        List<SubmittedFile> files = [];
        var left = DossierBudget;
        foreach (var line in lines)
        {
            if (await AcceptAsync(line.Files, left, $"Input.Documents[{line.Position}]", modelState, cancellationToken) is not { } accepted)
            {
                break;
            }

            files.AddRange(accepted.Select(file => new SubmittedFile(line.Position, file)));
            left -= accepted.Sum(file => file.Length);
            line.Provided |= accepted.Count > 0;
        }

        return files;
    }

    /// <summary>
    /// The files given for one field, within <paramref name="budget"/> bytes in all; null at the first refused file, whose
    /// message goes on <paramref name="field"/> (the files stored before it stay unreferenced, like any abandoned upload).
    /// </summary>
    public async Task<List<AcceptedFile>?> AcceptAsync(IEnumerable<IFormFile> uploads, long budget, string field, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        List<AcceptedFile> files = [];
        foreach (var upload in uploads)
        {
            await using var content = upload.OpenReadStream();
            switch (await intake.AcceptAsync(content, upload.FileName, budget, cancellationToken))
            {
                case AttachmentResult.Accepted accepted:
                    files.Add(accepted.File);
                    budget -= accepted.File.Length;
                    break;
                case AttachmentResult.Refused refused:
                    var limit = (refused.Problem == AttachmentProblem.DossierTooLarge ? options.Value.MaxDossierBytes : options.Value.MaxFileBytes) / (1024 * 1024);
                    modelState.AddModelError(field, text.Problem($"Attachment.Error.{refused.Problem}", [upload.FileName, limit]));
                    return null;
            }
        }

        return files;
    }
}
