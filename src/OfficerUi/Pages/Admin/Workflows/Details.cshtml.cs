using System.Text;
using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.WorkflowDesign;
using DossierWorkflow.Engine.Definitions;
using DossierWorkflow.OfficerUi.Authentication;
using DossierWorkflow.OfficerUi.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.OfficerUi.Pages.Admin.Workflows;

/// <summary>
/// One procedure's workflow: its published versions (newest first — the one new dossiers get), each with who published
/// it, what changed and its dossiers; the draft with its problems, published only without any; a newer shipped workflow
/// offered as an update; import of a <c>.bpmn</c> file as the draft and export of any version. Publishing and deleting
/// go into the audit journal, in the request's one transaction with the change.
/// </summary>
[Authorize(Policy = Policies.InstallationAdministrator)]
public sealed class DetailsModel(
    WorkflowVersions versions,
    OfficerAudit audit,
    CurrentWorkingCalendar calendar,
    IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>The largest file accepted for import, in bytes (the engine reads at most 2 million characters).</summary>
    public const long MaxImportBytes = 4L * DefinitionOutline.MaxCharacters;

    public WorkflowHistory History { get; private set; } = null!;

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public string Local(DateTimeOffset instant) => calendar.Calendar.ToLocal(instant).ToString("HH:mm dd/MM/yyyy");

    public Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken) => ShowAsync(key, cancellationToken);

    /// <summary>The BPMN file of a version, or of the draft (no version given).</summary>
    public async Task<IActionResult> OnGetExportAsync(string key, int? version, CancellationToken cancellationToken)
    {
        if (await versions.GetAsync(key, cancellationToken) is not { } history)
        {
            return NotFound();
        }

        var source = version is { } number ? await versions.SourceAsync(history.Procedure.Key, number, cancellationToken) : history.Draft?.Draft.Source;
        return source is null
            ? NotFound()
            : File(Encoding.UTF8.GetBytes(source), "application/xml", $"{history.Procedure.Key}-{(version is { } n ? $"v{n}" : "draft")}.bpmn");
    }

    /// <summary>Begins the draft from a published version, or from the shipped workflow offered as an update.</summary>
    public async Task<IActionResult> OnPostBeginDraftAsync(string key, int? version, CancellationToken cancellationToken)
    {
        var saved = await versions.BeginDraftAsync(key, version, Actor, cancellationToken);
        Report(saved.Refusal, text["Workflows.DraftBegun"]);
        return await ShowAsync(key, cancellationToken);
    }

    public async Task<IActionResult> OnPostImportAsync(string key, IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            Error = text["Workflows.Error.NoFile"];
        }
        else if (file.Length > MaxImportBytes)
        {
            Error = text["Workflows.Error.FileTooLarge", MaxImportBytes / 1024 / 1024];
        }
        else
        {
            string xml;
            try
            {
                using var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true));
                xml = await reader.ReadToEndAsync(cancellationToken);
            }
            catch (DecoderFallbackException)
            {
                Error = text["Workflows.Error.NotUtf8"];
                return await ShowAsync(key, cancellationToken);
            }

            var saved = await versions.SaveDraftAsync(key, xml, basedOnVersion: null, Actor, cancellationToken);
            Report(saved.Refusal, text["Workflows.Imported", file.FileName]);
        }

        return await ShowAsync(key, cancellationToken);
    }

    public async Task<IActionResult> OnPostDiscardAsync(string key, CancellationToken cancellationToken)
    {
        await versions.DiscardDraftAsync(key, cancellationToken);
        Message = text["Workflows.Discarded"];
        return await ShowAsync(key, cancellationToken);
    }

    public async Task<IActionResult> OnPostPublishAsync(string key, CancellationToken cancellationToken)
    {
        var changes = (await versions.GetAsync(key, cancellationToken))?.Draft?.Changes;
        var published = await versions.PublishAsync(key, Actor, cancellationToken);
        if (published.Version is { } version)
        {
            audit.Record(AuditActions.DefinitionPublished, subject: $"{key} v{version}", after: new { Changes = changes?.Select(c => $"{c.Kind} {c.ElementId}") });
        }

        Report(published.Refusal, text["Workflows.Published", published.Version ?? 0]);
        return await ShowAsync(key, cancellationToken);
    }

    public async Task<IActionResult> OnPostDeleteAsync(string key, int version, CancellationToken cancellationToken)
    {
        var refusal = await versions.DeleteVersionAsync(key, version, cancellationToken);
        if (refusal is null)
        {
            audit.Record(AuditActions.DefinitionDeleted, subject: $"{key} v{version}");
        }

        Report(refusal, text["Workflows.Deleted", version]);
        return await ShowAsync(key, cancellationToken);
    }

    private string Actor => User.Identity!.Name!;

    private void Report(DossierProblem? refusal, string done)
    {
        if (refusal is null)
        {
            Message = done;
        }
        else
        {
            Error = text.Problem($"Workflows.Error.{refusal.Code}", refusal.Arguments);
        }
    }

    private async Task<IActionResult> ShowAsync(string key, CancellationToken cancellationToken)
    {
        if (await versions.GetAsync(key, cancellationToken) is not { } history)
        {
            return NotFound();
        }

        History = history;
        return Page();
    }
}
