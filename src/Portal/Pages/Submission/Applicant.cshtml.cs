using DossierWorkflow.Dossiers.Citizens;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Portal.Localization;
using DossierWorkflow.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.Portal.Pages.Submission;

/// <summary>Step 2: the applicant, pre-filled from the account and editable, checked as reception checks it.</summary>
[OwnTransactions]
public sealed class ApplicantModel(OnlineSubmissions submissions, IStringLocalizer<PortalText> text) : DraftPage(submissions, text)
{
    public override DraftStep Step => DraftStep.Applicant;

    [BindProperty]
    public ApplicantInput Applicant { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        Applicant = new ApplicantInput
        {
            Name = Draft.ApplicantName,
            CitizenId = Draft.CitizenId,
            DateOfBirth = Draft.DateOfBirth,
            Gender = Draft.Gender,
            Address = Draft.Address,
            Phone = Draft.Phone,
            Email = Draft.Email,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        ModelState.Clear();
        if (!Fits(("Applicant.Name", Trimmed(Applicant.Name), 200), ("Applicant.CitizenId", Trimmed(Applicant.CitizenId), 20), ("Applicant.Address", Trimmed(Applicant.Address), 500),
                ("Applicant.Phone", Trimmed(Applicant.Phone), 20), ("Applicant.Email", Trimmed(Applicant.Email), 254)))
        {
            return Page();
        }

        Draft.ApplicantName = Trimmed(Applicant.Name);
        Draft.CitizenId = Trimmed(Applicant.CitizenId);
        Draft.DateOfBirth = Applicant.DateOfBirth;
        Draft.Gender = Applicant.Gender;
        Draft.Address = Trimmed(Applicant.Address);
        Draft.Phone = Trimmed(Applicant.Phone);
        Draft.Email = Trimmed(Applicant.Email);
        return await SaveAndContinueAsync(Submissions.CheckApplicant(Draft), cancellationToken);
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

public sealed class ApplicantInput
{
    public string? Name { get; set; }

    public string? CitizenId { get; set; }

    public DateOnly? DateOfBirth { get; set; }

    public Gender? Gender { get; set; }

    public string? Address { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }
}
