using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.OfficerUi.Authentication;
using DossierWorkflow.OfficerUi.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.OfficerUi.Pages.Admin;

/// <summary>
/// One officer: details and roles (the roles in units the administrator does not administer are kept as they are),
/// deactivation (their sessions end within the session check's interval), unlocking, and a one-time password shown once
/// and changed at their next sign-in. An officer who also works for units the administrator does not administer is
/// deactivated or given a password only by an administrator of all their units.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class OfficerModel(
    DossiersDbContext db,
    OrganisationUnits organisation,
    OfficerChanges changes,
    OfficerAudit audit,
    TimeProvider time,
    IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public OfficerInput Input { get; set; } = new();

    public Officer Officer { get; private set; } = null!;

    public IReadOnlyList<Unit> Units { get; private set; } = [];

    /// <summary>Whether every role of the officer is in a unit the administrator administers.</summary>
    public bool Whole { get; private set; }

    public bool LockedOut { get; private set; }

    public bool HasPassword { get; private set; }

    /// <summary>The one-time password just given: shown this once.</summary>
    public string? OneTimePassword { get; private set; }

    public string? Message { get; private set; }

    private AdministratorScope Scope { get; set; } = null!;

    public bool Covers(OfficerRole role) => Scope.Covers(role.Unit?.Code);

    public async Task<IActionResult> OnGetAsync(string userName, CancellationToken cancellationToken)
    {
        if (await LoadAsync(userName, cancellationToken) is { } missing)
        {
            return missing;
        }

        Input = OfficerInput.Of(Officer);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string userName, CancellationToken cancellationToken)
    {
        if (await LoadAsync(userName, cancellationToken) is { } missing)
        {
            return missing;
        }

        // Roles outside the administrator's units stay; theirs are those ticked, and the new one.
        List<(string Role, string UnitCode)> roles = [.. Officer.Roles.Where(r => !Covers(r)).Select(r => (r.Role, r.Unit!.Code))];
        roles.AddRange(Input.Roles.Select(r => r.Split('@', 2)).Where(p => p.Length == 2 && Scope.Covers(p[1])).Select(p => (p[0], p[1])));
        if (Input.NewRole is { Length: > 0 } newRole && Input.NewUnit is { Length: > 0 } newUnit)
        {
            if (!Scope.Covers(newUnit))
            {
                ModelState.AddModelError("Input.Roles", text["Officers.Error.UnitNotYours"]);
                return Page();
            }

            roles.Add((newRole, newUnit));
        }

        // The e-mail address and subject sign an officer in at the OpenID provider: only an administrator of all their
        // units may change them, as only such a one may give them a password.
        if (!Whole && (!string.Equals(Input.Email?.Trim() ?? "", Officer.Email ?? "", StringComparison.OrdinalIgnoreCase)
            || (Input.ExternalSubject?.Trim() ?? "") != (Officer.ExternalSubject ?? "")))
        {
            ModelState.AddModelError((Input.ExternalSubject?.Trim() ?? "") == (Officer.ExternalSubject ?? "") ? "Input.Email" : "Input.ExternalSubject", text["Officers.Error.NotWholeIdentity"]);
            return Page();
        }

        var before = OfficerInput.Snapshot(Officer);
        var problems = await changes.UpdateAsync(Officer, Input.Draft(roles) with { UserName = Officer.UserName }, cancellationToken);
        OfficerInput.Report(problems, ModelState, text);
        if (problems.Count == 0)
        {
            audit.Record(AuditActions.OfficerChanged, subject: Officer.UserName, unitCode: HomeUnit, before: before, after: OfficerInput.Snapshot(Officer));
            Message = text["Units.Saved"];
            await LoadAsync(userName, cancellationToken);
            Input = OfficerInput.Of(Officer);
        }

        return Page();
    }

    public Task<IActionResult> OnPostDeactivateAsync(string userName, CancellationToken cancellationToken) =>
        WholeActionAsync(userName, AuditActions.OfficerDeactivated, "Officers.Deactivated", () => changes.DeactivateAsync(Officer, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostReactivateAsync(string userName, CancellationToken cancellationToken) =>
        WholeActionAsync(userName, AuditActions.OfficerReactivated, "Officers.Reactivated", async () =>
        {
            await changes.ReactivateAsync(Officer, cancellationToken);
            return [];
        }, cancellationToken);

    public Task<IActionResult> OnPostUnlockAsync(string userName, CancellationToken cancellationToken) =>
        WholeActionAsync(userName, AuditActions.OfficerUnlocked, "Officers.Unlocked", async () =>
        {
            await changes.UnlockAsync(Officer, cancellationToken);
            return [];
        }, cancellationToken);

    public Task<IActionResult> OnPostResetPasswordAsync(string userName, CancellationToken cancellationToken) =>
        WholeActionAsync(userName, AuditActions.PasswordReset, "Officers.PasswordReset", async () =>
        {
            OneTimePassword = await changes.ResetPasswordAsync(Officer, cancellationToken);
            return [];
        }, cancellationToken);

    /// <summary>An action on the whole officer, for an administrator of all their units; recorded in the audit journal.</summary>
    private async Task<IActionResult> WholeActionAsync(string userName, string action, string done, Func<Task<IReadOnlyList<DossierProblem>>> act, CancellationToken cancellationToken)
    {
        if (await LoadAsync(userName, cancellationToken) is { } missing)
        {
            return missing;
        }

        // The edit form's fields are bound on every post: this action does not read them.
        ModelState.Clear();
        Input = OfficerInput.Of(Officer);
        if (!Whole)
        {
            ModelState.AddModelError("", text["Officers.Error.NotWhole"]);
            return Page();
        }

        var problems = await act();
        OfficerInput.Report(problems, ModelState, text);
        if (problems.Count == 0)
        {
            audit.Record(action, subject: Officer.UserName, unitCode: HomeUnit);
            Message = text[done];
            await LoadAsync(userName, cancellationToken);
        }

        return Page();
    }

    private string? HomeUnit => Officer.Roles.Select(r => r.Unit?.Code).FirstOrDefault();

    /// <summary>The officer, when they hold a role in a unit the administrator administers (404 otherwise).</summary>
    private async Task<IActionResult?> LoadAsync(string userName, CancellationToken cancellationToken)
    {
        Scope = await AdministratorScope.OfAsync(User, organisation, db, cancellationToken);
        var officer = await db.Set<Officer>().WithRolesAndUnits().FirstOrDefaultAsync(o => o.UserName == userName, cancellationToken);
        if (officer is null || !(Scope.Everything || officer.Roles.Any(Covers)))
        {
            return NotFound();
        }

        Officer = officer;
        Whole = Scope.Everything || officer.Roles.All(Covers);
        var credential = await db.Set<OfficerCredential>().AsNoTracking().FirstOrDefaultAsync(c => c.OfficerId == officer.Id, cancellationToken);
        HasPassword = credential is not null;
        LockedOut = credential?.LockedOutUntil > time.GetUtcNow();
        Units = [.. (await organisation.GetAsync(db, cancellationToken)).Where(u => u.IsActive && Scope.Covers(u.Code)).OrderBy(u => u.Code, StringComparer.Ordinal)];
        return null;
    }
}
