using System.Security.Claims;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;

namespace DossierWorkflow.OfficerUi.Authentication;

/// <summary>
/// What an administrator administers: the units they hold the administrator role in and every unit below. One who holds
/// it in a unit at the top of the tree (the province) administers the whole installation — also what belongs to no unit
/// (the online intake API's clients, the audit records of no unit).
/// </summary>
public sealed record AdministratorScope(bool Everything, IReadOnlySet<string> Units)
{
    public static async Task<AdministratorScope> OfAsync(ClaimsPrincipal user, OrganisationUnits organisation, DossiersDbContext db, CancellationToken cancellationToken)
    {
        var units = await organisation.GetAsync(db, cancellationToken);
        var administered = user.UnitRoles().Where(r => r.Role == Roles.Administrator).Select(r => r.UnitCode).ToList();
        return new AdministratorScope(
            administered.Any(code => units.FirstOrDefault(u => u.Code == code) is { ParentId: null }),
            UnitTree.Within(units, administered));
    }

    public bool Covers(string? unitCode) => Everything || (unitCode is not null && Units.Contains(unitCode));
}
