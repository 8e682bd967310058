using System.Security.Claims;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.OfficerUi.Authentication;

namespace DossierWorkflow.OfficerUi.Pages.Dossiers;

/// <summary>
/// Who may see a dossier (Decree 13/2023: personal data only to the handling unit): an officer holding a role in the unit
/// that received it, in one of that unit's departments, or in a unit above it.
/// </summary>
public sealed class DossierAccess(DossiersDbContext db, OrganisationUnits organisation)
{
    public async Task<bool> MaySeeAsync(ClaimsPrincipal user, Dossier dossier, CancellationToken cancellationToken)
    {
        var units = await organisation.GetAsync(db, cancellationToken);
        var receiving = units.FirstOrDefault(u => u.Code == dossier.ReceivingUnit);
        if (receiving is null)
        {
            return false;
        }

        var aboveOrSelf = Chain(receiving, units).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        return user.UnitRoles()
            .Select(r => units.FirstOrDefault(u => u.Code == r.UnitCode))
            .Any(held => held is not null && (aboveOrSelf.Contains(held.Code) || Chain(held, units).Any(u => u.Id == receiving.Id)));
    }

    /// <summary>The unit and every unit above it.</summary>
    private static IEnumerable<Unit> Chain(Unit unit, IReadOnlyList<Unit> units)
    {
        for (Unit? current = unit; current is not null; current = current.ParentId is { } parent ? units.FirstOrDefault(u => u.Id == parent) : null)
        {
            yield return current;
        }
    }
}
