using DossierWorkflow.Dossiers.Citizens;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Portal.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.Portal.Pages.Account;

/// <summary>
/// The citizen's account: who they are, as their online submissions are pre-filled with it — name, citizen ID (checked
/// like reception checks it), date of birth, gender, address.
/// </summary>
[Authorize]
public sealed class IndexModel(DossiersDbContext db, IStringLocalizer<Localization.PortalText> text) : PageModel
{
    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    public CitizenAccount Account { get; private set; } = null!;

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Account = await db.Set<CitizenAccount>().FindAsync([User.AccountId()], cancellationToken) ?? throw new InvalidOperationException("The signed-in account is gone.");
        Input = new ProfileInput
        {
            FullName = Account.FullName,
            CitizenId = Account.CitizenId,
            DateOfBirth = Account.DateOfBirth,
            Gender = Account.Gender,
            Address = Account.Address,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Account = await db.Set<CitizenAccount>().FindAsync([User.AccountId()], cancellationToken) ?? throw new InvalidOperationException("The signed-in account is gone.");
        if (string.IsNullOrWhiteSpace(Input.FullName))
        {
            ModelState.AddModelError("Input.FullName", text["Problem.Required"]);
        }
        else if (Input.FullName.Trim().Length > 200)
        {
            ModelState.AddModelError("Input.FullName", text["Problem.TooLong", 200]);
        }

        if (Input.Address?.Trim().Length > 500)
        {
            ModelState.AddModelError("Input.Address", text["Problem.TooLong", 500]);
        }

        var citizenId = string.IsNullOrWhiteSpace(Input.CitizenId) ? null : Input.CitizenId.Trim();
        if (citizenId is not null && CitizenIdNumber.CheckAgainst(citizenId, Input.DateOfBirth, Input.Gender) is { } problem)
        {
            ModelState.AddModelError("Input.CitizenId", text[$"Problem.CitizenId.{problem}"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Account.FullName = Input.FullName!.Trim();
        Account.CitizenId = citizenId;
        Account.DateOfBirth = Input.DateOfBirth;
        Account.Gender = Input.Gender;
        Account.Address = string.IsNullOrWhiteSpace(Input.Address) ? null : Input.Address.Trim();
        await db.SaveChangesAsync(cancellationToken);
        Saved = true;
        return Page();
    }
}

public sealed class ProfileInput
{
    public string? FullName { get; set; }

    public string? CitizenId { get; set; }

    public DateOnly? DateOfBirth { get; set; }

    public Gender? Gender { get; set; }

    public string? Address { get; set; }
}
