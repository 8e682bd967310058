using System.Security.Cryptography;
using System.Text.RegularExpressions;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Organisation;

/// <summary>
/// Changes to officers, whoever makes them (the administration page, the command line): add one, edit their details and
/// roles, deactivate or reactivate them, unlock them, give them a one-time password. The user name never changes. A
/// change that would leave the installation without an active administrator of its top unit is refused. Each refusal
/// names its field; nothing is saved then. Each call saves.
/// </summary>
public sealed partial class OfficerChanges(DossiersDbContext db, OfficerPasswords passwords)
{
    public const int NameMaxLength = 200;

    public const int ExternalSubjectMaxLength = 255;

    /// <summary>Names the system writes as the actor of its own doing (the shipped catalogue's deployments): no officer has them.</summary>
    private static readonly HashSet<string> ReservedUserNames = [Workflow.CatalogueDeployment.Actor];

    public async Task<(Officer? Officer, IReadOnlyList<DossierProblem> Problems)> AddAsync(OfficerDraft draft, CancellationToken cancellationToken)
    {
        List<DossierProblem> problems = [];
        var userName = draft.UserName.Trim().ToLowerInvariant();
        if (!UserNamePattern().IsMatch(userName) || ReservedUserNames.Contains(userName))
        {
            problems.Add(new(nameof(OfficerDraft.UserName), "UserNameInvalid"));
        }
        else if (await db.Set<Officer>().AnyAsync(o => o.UserName == userName, cancellationToken))
        {
            problems.Add(new(nameof(OfficerDraft.UserName), "UserNameTaken", userName));
        }

        var units = await CheckAsync(draft, officerId: null, problems, cancellationToken);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var officer = new Officer { UserName = userName, FullName = "" };
        Apply(officer, draft, units);
        db.Add(officer);
        await db.SaveChangesAsync(cancellationToken);
        return (officer, []);
    }

    /// <summary>Replaces the officer's details and roles (loaded with <see cref="OfficerQueries.WithRolesAndUnits"/>, tracked).</summary>
    public async Task<IReadOnlyList<DossierProblem>> UpdateAsync(Officer officer, OfficerDraft draft, CancellationToken cancellationToken)
    {
        List<DossierProblem> problems = [];
        var units = await CheckAsync(draft, officer.Id, problems, cancellationToken);
        if (problems.Count == 0 && officer.IsActive && await IsLastTopAdministratorAsync(officer, cancellationToken)
            && !draft.Roles.Any(r => r.Role == Roles.Administrator && units.TryGetValue(r.UnitCode, out var unit) && unit.ParentId is null))
        {
            problems.Add(new("Roles", "LastAdministrator"));
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        Apply(officer, draft, units);
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    /// <summary>Deactivates the officer: their sessions end at the next check of their session (within minutes).</summary>
    public async Task<IReadOnlyList<DossierProblem>> DeactivateAsync(Officer officer, CancellationToken cancellationToken)
    {
        if (await IsLastTopAdministratorAsync(officer, cancellationToken))
        {
            return [new("Officer", "LastAdministrator")];
        }

        officer.IsActive = false;
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    public async Task ReactivateAsync(Officer officer, CancellationToken cancellationToken)
    {
        officer.IsActive = true;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Lifts the lockouts of the officer's password and second factor.</summary>
    public async Task UnlockAsync(Officer officer, CancellationToken cancellationToken)
    {
        foreach (var lockable in (await db.Set<OfficerCredential>().Where(c => c.OfficerId == officer.Id).ToListAsync(cancellationToken)).Cast<ILockable>()
            .Concat(await db.Set<OfficerTwoFactor>().Where(t => t.OfficerId == officer.Id).ToListAsync(cancellationToken)))
        {
            SignInLockout.Succeed(lockable);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// A new random password for the officer, returned to be shown once: it works for one sign-in, which must choose a
    /// new password before anything else. Their other sessions end.
    /// </summary>
    public async Task<string> ResetPasswordAsync(Officer officer, CancellationToken cancellationToken)
    {
        var oneTime = RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 12);
        await passwords.SetAsync(officer, oneTime, mustChange: true, cancellationToken);
        return oneTime;
    }

    /// <summary>Whether the officer is the only active administrator of a unit at the top of the tree.</summary>
    private async Task<bool> IsLastTopAdministratorAsync(Officer officer, CancellationToken cancellationToken)
    {
        var topAdministrators = await db.Set<Officer>()
            .Where(o => o.IsActive && o.Roles.Any(r => r.Role == Roles.Administrator && r.Unit!.ParentId == null))
            .Select(o => o.Id)
            .Take(2)
            .ToListAsync(cancellationToken);
        return topAdministrators is [var only] && only == officer.Id;
    }

    /// <summary>The draft's details and roles checked (for the officer <paramref name="officerId"/>, or a new one); the units its roles name, by code.</summary>
    private async Task<Dictionary<string, Unit>> CheckAsync(OfficerDraft draft, int? officerId, List<DossierProblem> problems, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(draft.FullName))
        {
            problems.Add(new(nameof(OfficerDraft.FullName), "FullNameRequired"));
        }
        else if (draft.FullName.Trim().Length > NameMaxLength)
        {
            problems.Add(new(nameof(OfficerDraft.FullName), "TooLong", NameMaxLength));
        }

        if (draft.Title?.Trim() is { Length: > NameMaxLength })
        {
            problems.Add(new(nameof(OfficerDraft.Title), "TooLong", NameMaxLength));
        }

        if (draft.Email?.Trim() is { Length: > 0 } email)
        {
            // The e-mail address may link a person at the OpenID provider to the officer: one officer each.
            var lower = email.ToLowerInvariant();
            if (!ContactDetails.IsEmail(email))
            {
                problems.Add(new(nameof(OfficerDraft.Email), "EmailInvalid"));
            }
            else if (await db.Set<Officer>().Where(o => o.Email != null && o.Email.ToLower() == lower && o.Id != officerId).Select(o => o.UserName).FirstOrDefaultAsync(cancellationToken) is { } holder)
            {
                problems.Add(new(nameof(OfficerDraft.Email), "EmailTaken", holder));
            }
        }

        if (draft.Phone?.Trim() is { Length: > 0 } phone && ContactDetails.NormalisePhone(phone) is null)
        {
            problems.Add(new(nameof(OfficerDraft.Phone), "PhoneInvalid"));
        }

        if (draft.ExternalSubject?.Trim() is { Length: > 0 } subject)
        {
            if (subject.Length > ExternalSubjectMaxLength)
            {
                problems.Add(new(nameof(OfficerDraft.ExternalSubject), "TooLong", ExternalSubjectMaxLength));
            }
            else if (await db.Set<Officer>().Where(o => o.ExternalSubject == subject && o.Id != officerId).Select(o => o.UserName).FirstOrDefaultAsync(cancellationToken) is { } holder)
            {
                problems.Add(new(nameof(OfficerDraft.ExternalSubject), "ExternalSubjectTaken", holder));
            }
        }

        if (draft.Roles.Count == 0)
        {
            problems.Add(new("Roles", "RolesRequired"));
        }
        else if (draft.Roles.FirstOrDefault(r => !Roles.All.Contains(r.Role)) is { Role: not null } unknown)
        {
            problems.Add(new("Roles", "RoleUnknown", unknown.Role));
        }

        var codes = draft.Roles.Select(r => r.UnitCode).Distinct().ToList();
        var units = await db.Set<Unit>().Where(u => codes.Contains(u.Code)).ToDictionaryAsync(u => u.Code, cancellationToken);
        if (codes.FirstOrDefault(c => !units.TryGetValue(c, out var unit) || !unit.IsActive) is { } missing)
        {
            problems.Add(new("Roles", "UnitUnknown", missing));
        }

        return units;
    }

    private static void Apply(Officer officer, OfficerDraft draft, Dictionary<string, Unit> units)
    {
        officer.FullName = draft.FullName.Trim();
        officer.Title = draft.Title?.Trim() is { Length: > 0 } title ? title : null;
        officer.Email = draft.Email?.Trim() is { Length: > 0 } email ? email : null;
        officer.Phone = draft.Phone?.Trim() is { Length: > 0 } phone ? ContactDetails.NormalisePhone(phone) : null;
        officer.ExternalSubject = draft.ExternalSubject?.Trim() is { Length: > 0 } subject ? subject : null;
        var wanted = draft.Roles.Distinct().ToHashSet();
        officer.Roles.RemoveAll(r => !wanted.Contains((r.Role, r.Unit!.Code)));
        foreach (var (role, code) in wanted.Where(w => !officer.Roles.Any(r => r.Role == w.Role && r.Unit!.Code == w.UnitCode)))
        {
            officer.Roles.Add(new OfficerRole { Role = role, Unit = units[code] });
        }
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]{1,99}$")]
    private static partial Regex UserNamePattern();
}

/// <summary>An officer as the administrator describes them; <see cref="UserName"/> is read when adding only.</summary>
public sealed record OfficerDraft(string UserName, string FullName, string? Title, string? Email, string? Phone, IReadOnlyList<(string Role, string UnitCode)> Roles)
{
    /// <summary>The officer's subject at the province's OpenID provider (<see cref="Officer.ExternalSubject"/>), if linked by subject.</summary>
    public string? ExternalSubject { get; init; }
}
