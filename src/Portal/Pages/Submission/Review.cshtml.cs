using System.Globalization;
using DossierWorkflow.Definitions.Fees;
using DossierWorkflow.Dossiers.Citizens;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Portal.Authentication;
using DossierWorkflow.Portal.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.Portal.Pages.Submission;

/// <summary>
/// Step 5: everything the draft says, with what still stops it, and the fee it will cost; submitting makes the online
/// dossier in one transaction (its code, its workflow waiting at the receiving unit's reception, the notice with the code).
/// </summary>
public sealed class ReviewModel(OnlineSubmissions submissions, DossiersDbContext db, UnitOfWork unitOfWork, DossierReception reception, DossierWorkflow.Definitions.Catalogue.ProcedureCatalogue catalogue, DossierWorkflow.Dossiers.Calendar.CurrentWorkingCalendar calendar, TimeProvider time, IStringLocalizer<PortalText> text) : DraftPage(submissions, text)
{
    public override DraftStep Step => DraftStep.Review;

    public string? UnitName { get; private set; }

    public FeeQuote Fee { get; private set; } = null!;

    /// <summary>What still stops the submission, by the step that mends it.</summary>
    public IReadOnlyList<(DraftStep Step, string Message)> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        await DescribeAsync(cancellationToken);
        Problems = Describe([
            .. await Submissions.CheckUnitAsync(Draft, Version, cancellationToken), .. Submissions.CheckApplicant(Draft),
            .. OnlineSubmissions.CheckDocuments(Draft, Version), .. OnlineSubmissions.CheckDelivery(Draft, Version)]);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        var account = await db.Set<CitizenAccount>().FindAsync([User.AccountId()], cancellationToken);
        SubmissionResult result;
        try
        {
            result = await Submissions.SubmitAsync(Draft, account!, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Submitted twice at once (a double click): the other request holds the draft's key and made the dossier.
            await unitOfWork.RollBackAsync();
            var made = await reception.FindByIdempotencyKeyAsync(OnlineSubmissions.IdempotencyKeyOf(Draft), cancellationToken)
                ?? throw new InvalidOperationException($"Draft {Draft.Id} lost the race to a submission that made no dossier.");
            return Redirect($"/ho-so-cua-toi?moi={Uri.EscapeDataString(made.Code)}");
        }

        if (result.DossierCode is null)
        {
            await DescribeAsync(cancellationToken);
            Problems = Describe(result.Problems);
            ModelState.AddModelError(string.Empty, Text["Draft.Review.NotSent"]);
            return Page();
        }

        return Redirect($"/ho-so-cua-toi?moi={Uri.EscapeDataString(result.DossierCode)}");
    }

    private async Task DescribeAsync(CancellationToken cancellationToken)
    {
        UnitName = await db.Set<Unit>().Where(u => u.Code == Draft.ReceivingUnit).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken);
        Fee = catalogue.ComputeFee(catalogue.FindByCode(Draft.ProcedureCode)!, copies: 1, pages: 1, isOnline: true, exemptions: [], calendar.Calendar.LocalDate(time.GetUtcNow()));
    }

    private List<(DraftStep, string)> Describe(IEnumerable<DossierProblem> problems) =>
        [.. problems.Select(p => (StepOf(p.Field), Message(p)))];

    private string Message(DossierProblem problem)
    {
        var message = Text[$"Problem.{problem.Code}", problem.Arguments];
        var text = message.ResourceNotFound ? Text["Problem.Invalid"].Value : message.Value;
        return problem.Field.StartsWith("Applicant.", StringComparison.Ordinal) ? $"{Text["Draft.Field." + problem.Field]}: {text}" : text;
    }

    private static DraftStep StepOf(string field) =>
        field.StartsWith("Applicant.", StringComparison.Ordinal) ? DraftStep.Applicant
        : field.StartsWith("Documents", StringComparison.Ordinal) ? DraftStep.Documents
        : field.StartsWith("Deliver", StringComparison.Ordinal) ? DraftStep.Delivery
        : DraftStep.Unit;
}
