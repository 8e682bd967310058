using System.Text.RegularExpressions;
using DossierWorkflow.Dossiers.DossierCodes;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Organisation;

/// <summary>
/// Changes to the unit tree, whoever makes them (the administration page, the command line): add a unit, rename it,
/// change its kind or agency code, move it under another unit, deactivate or reactivate it. A unit's code never changes
/// (dossiers and workflow definitions name it). Each refusal names its field; nothing is saved then. The caller saves
/// (its unit of work), and the tree's snapshot (<see cref="OrganisationUnits"/>) is read again at once.
/// </summary>
public sealed partial class UnitChanges(DossiersDbContext db, OrganisationUnits organisation)
{
    public const int NameMaxLength = 200;

    /// <summary>Adds a unit; the unit, or the problems.</summary>
    public async Task<(Unit? Unit, IReadOnlyList<DossierProblem> Problems)> AddAsync(UnitDraft draft, CancellationToken cancellationToken)
    {
        List<DossierProblem> problems = [];
        var code = draft.Code.Trim().ToUpperInvariant();
        if (!CodePattern().IsMatch(code))
        {
            problems.Add(new(nameof(UnitDraft.Code), "CodeInvalid"));
        }
        else if (await db.Set<Unit>().AnyAsync(u => u.Code == code, cancellationToken))
        {
            problems.Add(new(nameof(UnitDraft.Code), "CodeTaken", code));
        }

        var parent = await CheckAsync(draft, unit: null, problems, cancellationToken);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var added = new Unit { Code = code, Name = draft.Name.Trim(), Kind = draft.Kind, Parent = parent, AgencyCode = AgencyCode(draft) };
        db.Add(added);
        await db.SaveChangesAsync(cancellationToken);
        await organisation.ReloadAsync(db, cancellationToken);
        return (added, []);
    }

    /// <summary>Renames the unit, changes its kind and agency code, moves it under another parent (never under itself or below).</summary>
    public async Task<IReadOnlyList<DossierProblem>> UpdateAsync(Unit unit, UnitDraft draft, CancellationToken cancellationToken)
    {
        List<DossierProblem> problems = [];
        var parent = await CheckAsync(draft, unit, problems, cancellationToken);
        if (problems.Count > 0)
        {
            return problems;
        }

        unit.Name = draft.Name.Trim();
        unit.Kind = draft.Kind;
        unit.ParentId = parent?.Id;
        unit.AgencyCode = AgencyCode(draft);
        await db.SaveChangesAsync(cancellationToken);
        await organisation.ReloadAsync(db, cancellationToken);
        return [];
    }

    /// <summary>
    /// Deactivates a unit: refused while dossiers it received are still running (received, in processing, waiting for a
    /// supplement, resolved and not yet returned) or while a unit below it is active.
    /// </summary>
    public async Task<IReadOnlyList<DossierProblem>> DeactivateAsync(Unit unit, CancellationToken cancellationToken)
    {
        var running = await db.Set<Dossier>().CountAsync(d => d.ReceivingUnit == unit.Code && DossierStatusRules.Running.Contains(d.Status), cancellationToken);
        if (running > 0)
        {
            return [new("Unit", "RunningDossiers", running)];
        }

        if (await db.Set<Unit>().AnyAsync(u => u.ParentId == unit.Id && u.IsActive, cancellationToken))
        {
            return [new("Unit", "ActiveChildren")];
        }

        unit.IsActive = false;
        await db.SaveChangesAsync(cancellationToken);
        await organisation.ReloadAsync(db, cancellationToken);
        return [];
    }

    public async Task ReactivateAsync(Unit unit, CancellationToken cancellationToken)
    {
        unit.IsActive = true;
        await db.SaveChangesAsync(cancellationToken);
        await organisation.ReloadAsync(db, cancellationToken);
    }

    /// <summary>The draft's name, parent and agency code checked against the tree; the parent, when one is named and valid.</summary>
    private async Task<Unit?> CheckAsync(UnitDraft draft, Unit? unit, List<DossierProblem> problems, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(draft.Name))
        {
            problems.Add(new(nameof(UnitDraft.Name), "NameRequired"));
        }
        else if (draft.Name.Trim().Length > NameMaxLength)
        {
            problems.Add(new(nameof(UnitDraft.Name), "NameTooLong", NameMaxLength));
        }

        if (!Enum.IsDefined(draft.Kind))
        {
            problems.Add(new(nameof(UnitDraft.Kind), "KindRequired"));
        }

        var agencyCode = AgencyCode(draft);
        if (agencyCode is not null && !DossierCode.IsValidAgencyCode(agencyCode))
        {
            problems.Add(new(nameof(UnitDraft.AgencyCode), "AgencyCodeInvalid", agencyCode));
        }
        else if (agencyCode is not null && await db.Set<Unit>().AnyAsync(u => u.AgencyCode == agencyCode && u.Id != (unit == null ? 0 : unit.Id), cancellationToken))
        {
            // Two units with one agency code would give dossier codes that collide.
            problems.Add(new(nameof(UnitDraft.AgencyCode), "AgencyCodeTaken", agencyCode));
        }

        if (draft.ParentCode?.Trim().ToUpperInvariant() is not { Length: > 0 } parentCode)
        {
            return null;
        }

        var units = await organisation.ReloadAsync(db, cancellationToken);
        var parent = units.FirstOrDefault(u => u.Code == parentCode);
        if (parent is null)
        {
            problems.Add(new(nameof(UnitDraft.ParentCode), "ParentUnknown", parentCode));
        }
        else if (unit is not null && UnitTree.Chain(parent, units).Any(u => u.Id == unit.Id))
        {
            problems.Add(new(nameof(UnitDraft.ParentCode), "ParentCycle", parentCode));
        }

        return parent is null ? null : await db.Set<Unit>().FirstAsync(u => u.Id == parent.Id, cancellationToken);
    }

    private static string? AgencyCode(UnitDraft draft) => draft.AgencyCode?.Trim() is { Length: > 0 } code ? code : null;

    [GeneratedRegex(@"^[A-Z0-9][A-Z0-9._-]{0,59}$")]
    private static partial Regex CodePattern();
}

/// <summary>A unit as the administrator describes it; <see cref="Code"/> is read when the unit is added only.</summary>
public sealed record UnitDraft(string Code, string Name, UnitKind Kind, string? ParentCode, string? AgencyCode);
