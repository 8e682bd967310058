using DossierWorkflow.Dossiers.Attachments;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Portal.Authentication;
using DossierWorkflow.Portal.Localization;
using DossierWorkflow.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace DossierWorkflow.Portal.Pages.MyDossiers;

/// <summary>
/// One of the citizen's dossiers: its status in plain words and appointment, the steps so far by department (never an
/// officer's name), what a supplement request asks for with an upload per document (recorded as the supplement: the
/// clock restarts when reception accepts it), the withdrawal, the electronic result, and the rating once returned.
/// Another citizen's dossier, file or rating is "not found".
/// </summary>
[Authorize]
[RequestSizeLimit(Submission.DocumentsModel.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = Submission.DocumentsModel.MaxRequestBytes)]
public sealed class DetailsModel(
    DossiersDbContext db,
    IWorkflowEngine engine,
    AttachmentIntake intake,
    IAttachmentStore store,
    IOptions<AttachmentOptions> options,
    IStringLocalizer<PortalText> text) : PageModel
{
    public Dossier Dossier { get; private set; } = null!;

    public string UnitName { get; private set; } = "";

    public IReadOnlyList<StepRow> Steps { get; private set; } = [];

    /// <summary>What the latest supplement request (form 02) asks for.</summary>
    public IReadOnlyList<FormItem> SupplementItems { get; private set; } = [];

    public DossierRating? Rating { get; private set; }

    public string? Message { get; private set; }

    public bool MayWithdraw => DossierStops.IsUndecided(Dossier.Status);

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken) =>
        await LoadAsync(code, cancellationToken) ?? Page();

    /// <summary>Scans for one line of the documents while a supplement is asked for; recorded as the supplement's arrival.</summary>
    public async Task<IActionResult> OnPostSupplementAsync(string code, [FromForm] int position, [FromForm] List<IFormFile> files, [FromServices] DossierSupplements supplements, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } notFound)
        {
            return notFound;
        }

        var field = $"Documents[{position}]";
        if (files.Count == 0)
        {
            ModelState.AddModelError(field, text["Problem.NoFileChosen"]);
            return Page();
        }

        var budget = options.Value.MaxDossierBytes - Dossier.Files.Sum(f => f.Length);
        List<SubmittedFile> accepted = [];
        foreach (var upload in files)
        {
            await using var content = upload.OpenReadStream();
            switch (await intake.AcceptAsync(content, upload.FileName, budget, cancellationToken))
            {
                case AttachmentResult.Accepted { File: var file }:
                    accepted.Add(new SubmittedFile(position, file));
                    budget -= file.Length;
                    break;
                case AttachmentResult.Refused { Problem: var problem }:
                    var limit = (problem == AttachmentProblem.DossierTooLarge ? options.Value.MaxDossierBytes : options.Value.MaxFileBytes) / (1024 * 1024);
                    ModelState.AddModelError(field, text[$"Problem.Attachment.{problem}", upload.FileName, limit]);
                    return Page();
            }
        }

        var problems = await supplements.RecordArrivalAsync(Dossier, new SupplementArrival(Actor) { Files = accepted }, cancellationToken);
        if (problems.Count > 0)
        {
            ModelState.AddProblems(problems.Select(p => p with { Field = field }), text, prefix: "");
            return Page();
        }

        Message = text["MyDossier.Supplement.Sent"];
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string code, [FromForm] string? reason, [FromServices] DossierStops stops, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } notFound)
        {
            return notFound;
        }

        var problems = await stops.WithdrawAsync(Dossier, new StopRequest(reason, Actor, text["App.Name"]), cancellationToken);
        if (problems.Count > 0)
        {
            ModelState.AddProblems(problems.Select(p => p with { Field = "Reason" }), text, prefix: "");
            return Page();
        }

        return Redirect($"/ho-so-cua-toi/{Uri.EscapeDataString(code)}");
    }

    public async Task<IActionResult> OnPostRateAsync(string code, [FromForm] int score, [FromForm] string? comment, [FromServices] DossierRatings ratings, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } notFound)
        {
            return notFound;
        }

        var problems = await ratings.RecordAsync(Dossier, score, comment, RatingChannel.Online, officer: null, cancellationToken);
        if (problems.Count > 0)
        {
            ModelState.AddProblems(problems, text, prefix: "");
            return Page();
        }

        return Redirect($"/ho-so-cua-toi/{Uri.EscapeDataString(code)}#rating");
    }

    /// <summary>Pays the outstanding fee online: a pending order, then the bank gateway's page (it comes back to <c>/thanh-toan/ket-qua</c>).</summary>
    public async Task<IActionResult> OnPostPayAsync(string code, [FromServices] DossierWorkflow.Dossiers.Payments.OnlinePayments payments, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } notFound)
        {
            return notFound;
        }

        if (!payments.CanPay(Dossier))
        {
            return Redirect($"/ho-so-cua-toi/{Uri.EscapeDataString(code)}");
        }

        var gateway = await payments.StartAsync(
            Dossier, User.AccountId()!.Value, new Uri($"{Request.Scheme}://{Request.Host}/thanh-toan/ket-qua"),
            HttpContext.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1", System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, cancellationToken);
        if (gateway is null)
        {
            Message = text["MyDossier.PaymentPending"];
            return Page();
        }

        return Redirect(gateway.ToString());
    }

    /// <summary>The dossier's result file, once handed over electronically.</summary>
    public async Task<IActionResult> OnGetResultAsync(string code, Guid file, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } notFound)
        {
            return notFound;
        }

        var result = Dossier.Files.FirstOrDefault(f => f.Id == file && f.Kind == DossierFileKind.Result && Dossier.Handovers.Any(h => h.ResultFileId == f.Id));
        if (result is null || await store.OpenAsync(result.Sha256, cancellationToken) is not { } content)
        {
            return NotFound();
        }

        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(result.FileName);
        Response.Headers.ContentDisposition = disposition.ToString();
        Response.Headers.CacheControl = "private, no-store";
        return File(content, result.ContentType);
    }

    /// <summary>The actor recorded for what the citizen does here.</summary>
    private string Actor => $"citizen:{User.AccountId():N}";

    private async Task<IActionResult?> LoadAsync(string code, CancellationToken cancellationToken)
    {
        var account = User.AccountId();
        var dossier = await db.Set<Dossier>().Include(d => d.Documents).Include(d => d.Files).Include(d => d.Forms).Include(d => d.Handovers).Include(d => d.Payments).AsSplitQuery()
            .FirstOrDefaultAsync(d => d.Code == code && d.CitizenAccountId == account, cancellationToken);
        if (dossier is null)
        {
            return NotFound();
        }

        Dossier = dossier;
        UnitName = await db.Set<Unit>().Where(u => u.Code == dossier.ReceivingUnit).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken) ?? dossier.ReceivingUnit;
        SupplementItems = dossier.Status == DossierStatus.SupplementRequested
            ? dossier.Forms.Where(f => f.Form == "02").OrderBy(f => f.IssuedAt).LastOrDefault()?.Items ?? []
            : [];
        Rating = await db.Set<DossierRating>().AsNoTracking().FirstOrDefaultAsync(r => r.DossierId == dossier.Id, cancellationToken);
        Steps = await StepsAsync(dossier, cancellationToken);
        return null;
    }

    /// <summary>The human steps so far, oldest first: what, by which unit, since and until when — never who.</summary>
    private async Task<IReadOnlyList<StepRow>> StepsAsync(Dossier dossier, CancellationToken cancellationToken)
    {
        var items = await (
                from w in db.Set<StoredWorkItem>().AsNoTracking()
                where w.BusinessKey == dossier.Code && w.Status != WorkItemStatus.Cancelled
                join u in db.Set<Unit>() on w.CandidateUnit equals u.Code into units
                from u in units.DefaultIfEmpty()
                orderby w.CreatedAt
                select new { w.ElementId, w.Name, w.DefinitionKey, w.DefinitionVersion, Unit = u == null ? null : u.Name, w.CreatedAt, w.CompletedAt, w.Status })
            .ToListAsync(cancellationToken);
        List<StepRow> rows = [];
        foreach (var item in items)
        {
            var definition = await engine.GetDefinitionAsync(item.DefinitionKey, item.DefinitionVersion, cancellationToken);
            var nameEn = definition.EnglishNames.GetValueOrDefault(item.ElementId);
            rows.Add(new StepRow(LocalizedText.Pick(item.Name, nameEn), item.Unit ?? UnitName, item.CreatedAt, item.Status == WorkItemStatus.Completed ? item.CompletedAt : null));
        }

        return rows;
    }

    public sealed record StepRow(string Name, string Unit, DateTimeOffset Started, DateTimeOffset? Completed);
}
