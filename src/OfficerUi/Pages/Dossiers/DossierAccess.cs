using System.Security.Claims;
using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.OfficerUi.Authentication;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.OfficerUi.Pages.Dossiers;

/// <summary>
/// Who may see a dossier (Decree 13/2023: personal data only to the handling unit): an officer holding a role in the unit
/// that received it, in one of that unit's departments, or in a unit above it — a commune's dossiers are seen by the
/// province's officers, never a province's or another commune's by a commune's.
/// </summary>
public sealed class DossierAccess(DossiersDbContext db, OrganisationUnits organisation, OfficerAudit audit)
{
    /// <summary>
    /// Records in the audit journal that the officer viewed the dossier's personal data (who, when: Decree 13/2023), saved
    /// at once — a page read (GET) runs in no unit of work. Every page that shows the applicant calls it after
    /// <see cref="FindAsync"/>.
    /// </summary>
    public async Task RecordViewAsync(Dossier dossier, CancellationToken cancellationToken)
    {
        audit.Record(AuditActions.DossierViewed, dossierCode: dossier.Code, unitCode: dossier.ReceivingUnit);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The dossier with this code as <paramref name="dossiers"/> loads it (with what the page needs), when the officer may
    /// see it; null otherwise — a page answers "not found" either way, never telling which.
    /// </summary>
    public async Task<Dossier?> FindAsync(ClaimsPrincipal user, IQueryable<Dossier> dossiers, string code, CancellationToken cancellationToken)
    {
        var dossier = await dossiers.FirstOrDefaultAsync(d => d.Code == code, cancellationToken);
        return dossier is not null && await MaySeeAsync(user, dossier, cancellationToken) ? dossier : null;
    }

    private async Task<bool> MaySeeAsync(ClaimsPrincipal user, Dossier dossier, CancellationToken cancellationToken) =>
        (await VisibleUnitsAsync(user, cancellationToken)).Contains(dossier.ReceivingUnit);

    /// <summary>
    /// The codes of the receiving units whose dossiers the officer may see: each unit they hold a role in, every unit
    /// below it, and — for a department — the units it belongs to up to the first that is not a department (its commune).
    /// </summary>
    public async Task<IReadOnlySet<string>> VisibleUnitsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var units = await organisation.GetAsync(db, cancellationToken);
        HashSet<string> visible = new(StringComparer.Ordinal);
        foreach (var held in user.UnitRoles().Select(r => units.FirstOrDefault(u => u.Code == r.UnitCode)).OfType<Unit>().Distinct())
        {
            visible.UnionWith(UnitTree.Chain(held, units).Take(DepartmentDepth(held, units) + 1).Select(u => u.Code));
            visible.UnionWith(UnitTree.Within(units, [held.Code]));
        }

        return visible;
    }

    /// <summary>How many units above <paramref name="unit"/> it belongs to as a department (0 for a commune or a province).</summary>
    private static int DepartmentDepth(Unit unit, IReadOnlyList<Unit> units) =>
        UnitTree.Chain(unit, units).TakeWhile(u => u.Kind == UnitKind.Department).Count();
}
