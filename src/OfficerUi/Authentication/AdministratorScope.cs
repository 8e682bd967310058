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

    /// <summary>
    /// The administered units in tree order (kinds, then names, under each parent), each with its depth among them: a
    /// commune's administrator sees their commune at the top.
    /// </summary>
    public IReadOnlyList<(Unit Unit, int Depth)> Tree(IReadOnlyList<Unit> units) =>
        [.. UnitTree.InOrder(units).Where(u => Covers(u.Code)).Select(u => (u, UnitTree.Chain(u, units).Count(above => Covers(above.Code)) - 1))];

    /// <summary>Whether a unit may be put under <paramref name="parentCode"/> (or, for none, at the top of the tree).</summary>
    public bool MayPlaceUnder(string? parentCode) =>
        parentCode?.Trim().ToUpperInvariant() is { Length: > 0 } parent ? Covers(parent) : Everything;
}
