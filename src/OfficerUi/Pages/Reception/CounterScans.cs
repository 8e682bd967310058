using DossierWorkflow.Dossiers.Attachments;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.OfficerUi.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.OfficerUi.Pages.Reception;

/// <summary>
/// The scans an officer attaches to a document checklist at the counter (at reception, or when a supplement comes back):
/// each accepted by its content within the size limits and stored once per content; a line with a scan counts as
/// provided; a refused scan is reported on its line and stops the rest.
/// </summary>
public sealed class CounterScans(AttachmentIntake intake, IOptions<AttachmentOptions> options, IStringLocalizer<SharedResource> text)
{
    public async Task<List<SubmittedFile>> AcceptAsync(IEnumerable<ReceptionInput.DocumentLine> lines, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        List<SubmittedFile> files = [];
        var left = options.Value.MaxDossierBytes;
        foreach (var line in lines)
        {
            foreach (var file in line.Files)
            {
                await using var content = file.OpenReadStream();
                switch (await intake.AcceptAsync(content, file.FileName, left, cancellationToken))
                {
                    case AttachmentResult.Accepted accepted:
                        files.Add(new SubmittedFile(line.Position, accepted.File));
                        left -= accepted.File.Length;
                        line.Provided = true;
                        break;
                    case AttachmentResult.Refused refused:
                        var limit = (refused.Problem == AttachmentProblem.DossierTooLarge ? options.Value.MaxDossierBytes : options.Value.MaxFileBytes) / (1024 * 1024);
                        modelState.AddModelError($"Input.Documents[{line.Position}]", text.Problem($"Attachment.Error.{refused.Problem}", [file.FileName, limit]));
                        return files;
                }
            }
        }

        return files;
    }
}
