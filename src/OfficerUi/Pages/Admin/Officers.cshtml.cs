using DossierWorkflow.Definitions.Catalogue;
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
/// The officers of the units an administrator administers, searched by name or user name and paged, and a new officer
/// with a first role. Each officer opens their own page for details, roles, deactivation, unlocking and a one-time password.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class OfficersModel(
    DossiersDbContext db,
    OrganisationUnits organisation,
    OfficerChanges changes,
    OfficerAudit audit,
    IStringLocalizer<SharedResource> text) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public OfficerInput Input { get; set; } = new();

    public IReadOnlyList<Officer> Officers { get; private set; } = [];

    public bool HasMore { get; private set; }

    /// <summary>The units roles may be given in.</summary>
    public IReadOnlyList<Unit> Units { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var scope = await AdministratorScope.OfAsync(User, organisation, db, cancellationToken);
        var role = Input.NewRole is { Length: > 0 } r && Input.NewUnit is { Length: > 0 } u ? (r, u) : ((string, string)?)null;
        if (role is { } wanted && !scope.Covers(wanted.Item2))
        {
            ModelState.AddModelError("Input.Roles", text["Officers.Error.UnitNotYours"]);
        }
        else
        {
            var (officer, problems) = await changes.AddAsync(Input.Draft(role is { } given ? [given] : []), cancellationToken);
            OfficerInput.Report(problems, ModelState, text);
            if (officer is not null)
            {
                audit.Record(AuditActions.OfficerAdded, subject: officer.UserName, unitCode: role?.Item2, after: OfficerInput.Snapshot(officer));
                Message = text["Officers.Added", officer.UserName];
                Input = new OfficerInput();
                ModelState.Clear();
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var scope = await AdministratorScope.OfAsync(User, organisation, db, cancellationToken);
        var covered = scope.Units.ToList();
        var officers = db.Set<Officer>().AsNoTracking().Where(o => scope.Everything || o.Roles.Any(r => covered.Contains(r.Unit!.Code)));

        // Names are matched without regard to diacritics or case ("nguyen thi" finds "Nguyễn Thị …"), over the names of
        // the administered officers read once: a province has thousands of officers, not millions.
        var candidates = await officers.OrderBy(o => o.UserName).Select(o => new { o.Id, o.UserName, o.FullName }).ToListAsync(cancellationToken);
        if (Query is { Length: > 0 } && SearchText.FoldName(Query) is { Length: > 0 } folded)
        {
            candidates = [.. candidates.Where(c => c.UserName.Contains(folded, StringComparison.Ordinal) || SearchText.FoldName(c.FullName).Contains(folded, StringComparison.Ordinal))];
        }

        var page = Math.Max(1, PageNumber);
        var ids = candidates.Skip((page - 1) * PageSize).Take(PageSize + 1).Select(c => c.Id).ToList();
        var rows = await db.Set<Officer>().AsNoTracking().Where(o => ids.Contains(o.Id)).OrderBy(o => o.UserName)
            .Include(o => o.Roles).ThenInclude(r => r.Unit).AsSplitQuery()
            .ToListAsync(cancellationToken);
        HasMore = rows.Count > PageSize;
        Officers = rows.Count > PageSize ? rows[..PageSize] : rows;
        Units = [.. (await organisation.GetAsync(db, cancellationToken)).Where(u => u.IsActive && scope.Covers(u.Code)).OrderBy(u => u.Code, StringComparer.Ordinal)];
    }
}

/// <summary>The officer form (add and edit); the user name is read when adding only.</summary>
public sealed class OfficerInput
{
    public string? UserName { get; set; }

    public string? FullName { get; set; }

    public string? Title { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    /// <summary>The officer's subject at the OpenID provider, when single sign-on links officers by subject.</summary>
    public string? ExternalSubject { get; set; }

    /// <summary>The roles kept, as <c>role@UNIT</c> (edit only).</summary>
    public List<string> Roles { get; set; } = [];

    public string? NewRole { get; set; }

    public string? NewUnit { get; set; }

    public OfficerDraft Draft(IEnumerable<(string Role, string UnitCode)> roles) =>
        new(UserName ?? "", FullName ?? "", Title, Email, Phone, [.. roles]) { ExternalSubject = ExternalSubject };

    public static OfficerInput Of(Officer officer) => new()
    {
        UserName = officer.UserName,
        FullName = officer.FullName,
        Title = officer.Title,
        Email = officer.Email,
        Phone = officer.Phone,
        ExternalSubject = officer.ExternalSubject,
        Roles = [.. officer.Roles.Select(r => $"{r.Role}@{r.Unit!.Code}")],
    };

    /// <summary>What the audit journal keeps of an officer.</summary>
    public static object Snapshot(Officer officer) => new
    {
        officer.FullName,
        officer.Title,
        officer.Email,
        officer.Phone,
        officer.ExternalSubject,
        officer.IsActive,
        Roles = officer.Roles.Select(r => $"{r.Role}@{r.Unit?.Code}").Order(StringComparer.Ordinal).ToList(),
    };

    public static void Report(IEnumerable<DossierProblem> problems, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, IStringLocalizer<SharedResource> text)
    {
        foreach (var problem in problems)
        {
            modelState.AddModelError(problem.Field == "Officer" ? "" : $"Input.{problem.Field}", text.Problem($"Officers.Error.{problem.Code}", problem.Arguments));
        }
    }
}
