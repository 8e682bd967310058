using DossierWorkflow.Dossiers.Attachments;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.OfficerUi.Authentication;
using DossierWorkflow.OfficerUi.Localization;
using DossierWorkflow.OfficerUi.Pages.Dossiers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace DossierWorkflow.OfficerUi.Pages.Return;

/// <summary>
/// Returning one dossier's result, as the dossier's return step asks: at the counter (who collected it, the fee collected),
/// electronically (the result file), or by post (handed over with its tracking number; later delivered, or returned to
/// sender and then at the counter). Each action is one transaction with the dossier's status; a returned dossier shows
/// its hand-overs and changes no more.
/// </summary>
[Authorize(Roles = Roles.Reception)]
public sealed class DossierModel(
    DossiersDbContext db,
    ResultReturns returns,
    DossierRatings ratings,
    DossierAccess access,
    AttachmentIntake intake,
    IOptions<AttachmentOptions> attachmentOptions,
    CurrentWorkingCalendar calendar,
    TimeProvider time,
    IStringLocalizer<SharedResource> text,
    ILogger<DossierModel> logger) : PageModel
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["Payment.Method"] = nameof(ReturnInput.PaymentMethod),
        ["Payment.Reference"] = nameof(ReturnInput.PaymentReference),
        ["At"] = nameof(ReturnInput.OutcomeAt),
        ["Rating"] = string.Empty,
    };

    public Dossier Dossier { get; private set; } = null!;

    /// <summary>The dossier's open return step; null when its result is not (or no longer) waiting.</summary>
    public WorkItem? Step { get; private set; }

    [BindProperty]
    public ReturnInput Input { get; set; } = new();

    /// <summary>The applicant's rating, once given.</summary>
    public DossierRating? Rating { get; private set; }

    public long Outstanding => ResultReturns.Outstanding(Dossier);

    public ResultHandover? AtThePost => ResultReturns.AtThePost(Dossier);

    public bool IsPostal => Step is not null && ResultReturns.IsPostal(Step);

    public string Local(DateTimeOffset instant) => calendar.Calendar.ToLocal(instant).ToString("HH:mm dd/MM/yyyy");

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } missing)
        {
            return missing;
        }

        await access.RecordViewAsync(Dossier, cancellationToken);
        var now = calendar.Calendar.ToLocal(time.GetUtcNow()).DateTime;
        Input.HandedOverAt = now;
        Input.OutcomeAt = now;
        Input.CollectorIdNumber = Dossier.Applicant.CitizenId;
        return Page();
    }

    public Task<IActionResult> OnPostCounterAsync(string code, CancellationToken cancellationToken) =>
        RunAsync(code, () => returns.ReturnAtCounterAsync(
            Dossier,
            new CounterReturn(Input.Collector, Input.CollectorName, Input.CollectorIdNumber, Payment(), Officer),
            cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostElectronicAsync(string code, CancellationToken cancellationToken) =>
        RunAsync(code, async () =>
        {
            AcceptedFile? file = null;
            if (Input.ResultFile is { } upload)
            {
                await using var content = upload.OpenReadStream();
                switch (await intake.AcceptAsync(content, upload.FileName, attachmentOptions.Value.MaxFileBytes, cancellationToken))
                {
                    case AttachmentResult.Accepted accepted:
                        file = accepted.File;
                        break;
                    case AttachmentResult.Refused refused:
                        return [new DossierProblem(nameof(ReturnInput.ResultFile), $"Attachment:{refused.Problem}", upload.FileName, attachmentOptions.Value.MaxFileBytes / (1024 * 1024))];
                }
            }

            return await returns.ReturnElectronicallyAsync(Dossier, new ElectronicReturn(file, Payment(), Officer), cancellationToken);
        }, cancellationToken);

    public Task<IActionResult> OnPostPostAsync(string code, CancellationToken cancellationToken) =>
        RunAsync(code, () => returns.HandToPostAsync(Dossier, new PostalHandover(Input.TrackingNumber, Moment(Input.HandedOverAt), Payment(), Officer), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostPostalOutcomeAsync(string code, CancellationToken cancellationToken) =>
        RunAsync(code, () => returns.RecordPostalOutcomeAsync(Dossier, new PostalResult(Input.Outcome, Moment(Input.OutcomeAt), Officer), cancellationToken), cancellationToken);

    /// <summary>Records the applicant's rating given at the counter's rating device, once the result is returned.</summary>
    public Task<IActionResult> OnPostRatingAsync(string code, CancellationToken cancellationToken) =>
        RunAsync(code, () => ratings.RecordAsync(Dossier, Input.RatingScore ?? 0, Input.RatingComment, RatingChannel.Counter, Officer, cancellationToken), cancellationToken);

    private string Officer => User.Identity!.Name!;

    private Payment? Payment() => Input.PaymentMethod is { } method ? new Payment(method, Input.PaymentReference) : null;

    private DateTimeOffset Moment(DateTime? local) =>
        local is { } at ? calendar.Calendar.At(DateOnly.FromDateTime(at), TimeOnly.FromDateTime(at)) : time.GetUtcNow();

    /// <summary>Runs one return action on the loaded dossier; its problems go on their fields and nothing is kept.</summary>
    private async Task<IActionResult> RunAsync(string code, Func<Task<IReadOnlyList<DossierProblem>>> action, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (!User.UnitRoles().Contains((Roles.Reception, Dossier.ReceivingUnit)))
        {
            ModelState.AddModelError(string.Empty, text["Reception.Error.NotYourUnit"]);
            return Page();
        }

        foreach (var problem in await action())
        {
            var message = problem.Code.StartsWith("Attachment:", StringComparison.Ordinal)
                ? text.Problem($"Attachment.Error.{problem.Code["Attachment:".Length..]}", problem.Arguments)
                : text.Problem($"Return.Error.{problem.Code}", problem.Arguments);
            var field = Fields.GetValueOrDefault(problem.Field, problem.Field);
            ModelState.AddModelError(problem.Field == "Method" || field.Length == 0 ? string.Empty : $"Input.{field}", message);
        }

        if (!ModelState.IsValid)
        {
            Step = await returns.FindStepAsync(Dossier, cancellationToken);
            return Page();
        }

        logger.LogInformation("Result of dossier {Code}: {Action} by {Officer}", code, Request.Query["handler"].ToString(), Officer);
        return RedirectToPage(new { code });
    }

    /// <summary>The dossier (tracked) with its return step, or the answer when this officer may not see it.</summary>
    private async Task<IActionResult?> LoadAsync(string code, CancellationToken cancellationToken)
    {
        var dossier = await access.FindAsync(User, db.Set<Dossier>()
            .Include(d => d.Payments).Include(d => d.Handovers).Include(d => d.Files)
            .AsSplitQuery(), code, cancellationToken);
        if (dossier is null)
        {
            return NotFound();
        }

        Dossier = dossier;
        Step = await returns.FindStepAsync(dossier, cancellationToken);
        Rating = await db.Set<DossierRating>().AsNoTracking().FirstOrDefaultAsync(r => r.DossierId == dossier.Id, cancellationToken);
        return null;
    }

    public sealed class ReturnInput
    {
        public CollectorKind Collector { get; set; } = CollectorKind.Applicant;

        public string? CollectorName { get; set; }

        public string? CollectorIdNumber { get; set; }

        public PaymentMethod? PaymentMethod { get; set; }

        public string? PaymentReference { get; set; }

        public IFormFile? ResultFile { get; set; }

        public string? TrackingNumber { get; set; }

        public DateTime? HandedOverAt { get; set; }

        public PostalOutcome Outcome { get; set; } = PostalOutcome.Delivered;

        public DateTime? OutcomeAt { get; set; }

        /// <summary>The applicant's rating, 1 (very dissatisfied) to 5 (very satisfied).</summary>
        public int? RatingScore { get; set; }

        public string? RatingComment { get; set; }
    }
}
