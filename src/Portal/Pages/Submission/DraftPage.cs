using DossierWorkflow.Definitions.Metadata;
using DossierWorkflow.Dossiers.Citizens;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Portal.Authentication;
using DossierWorkflow.Portal.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.Portal.Pages.Submission;

/// <summary>The steps of an online submission, in order, with their addresses under <c>/ban-nhap/{id}/</c>.</summary>
public enum DraftStep
{
    Unit,
    Applicant,
    Documents,
    Delivery,
    Review,
}

/// <summary>
/// What every step of a draft shares: the citizen's own draft (another's is "not found"), the procedure in force, the
/// steps' addresses, and the domain's problems shown on the step's fields. A submitted draft only shows its dossier.
/// </summary>
[Authorize]
public abstract class DraftPage(OnlineSubmissions submissions, IStringLocalizer<PortalText> text) : PageModel
{
    public SubmissionDraft Draft { get; private set; } = null!;

    public ProcedureVersion Version { get; private set; } = null!;

    public abstract DraftStep Step { get; }

    protected OnlineSubmissions Submissions => submissions;

    protected IStringLocalizer<PortalText> Text => text;

    public static string Address(Guid draftId, DraftStep step) => $"/ban-nhap/{draftId}/{Slug(step)}";

    public static string Slug(DraftStep step) => step switch
    {
        DraftStep.Unit => "don-vi",
        DraftStep.Applicant => "nguoi-nop",
        DraftStep.Documents => "giay-to",
        DraftStep.Delivery => "nhan-ket-qua",
        _ => "xem-lai",
    };

    /// <summary>Loads the draft of the address for the signed-in citizen; null (the page answers "not found") when it is not theirs.</summary>
    protected async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (User.AccountId() is not { } account || await submissions.FindAsync(account, id, cancellationToken) is not { } draft)
        {
            return NotFound();
        }

        if (draft.DossierCode is not null)
        {
            return Redirect($"/ho-so-cua-toi?moi={Uri.EscapeDataString(draft.DossierCode)}");
        }

        if (submissions.VersionToday(draft.ProcedureCode) is not { } version)
        {
            return NotFound();
        }

        Draft = draft;
        Version = version;
        return null;
    }

    /// <summary>
    /// Whether every value fits its column (<c>(field, value, most characters)</c>); each one that does not is said on
    /// its field, and the step is shown again without saving.
    /// </summary>
    protected bool Fits(params (string Field, string? Value, int Max)[] values)
    {
        foreach (var (field, value, max) in values.Where(v => v.Value?.Length > v.Max))
        {
            ModelState.AddModelError(field, text["Problem.TooLong", max]);
        }

        return ModelState.ErrorCount == 0;
    }

    /// <summary>Saves the draft, then goes on to the next step, or shows this one again with its problems.</summary>
    protected async Task<IActionResult> SaveAndContinueAsync(IReadOnlyList<DossierProblem> problems, CancellationToken cancellationToken)
    {
        await submissions.SaveAsync(Draft, cancellationToken);
        if (problems.Count > 0)
        {
            ModelState.AddProblems(problems, text, prefix: "");
            return Page();
        }

        return Redirect(Address(Draft.Id, Step + 1));
    }
}
