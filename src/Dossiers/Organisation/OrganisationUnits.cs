using DossierWorkflow.Dossiers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Organisation;

/// <summary>
/// The unit tree as last read, so that routing a new task costs no database read. A singleton holding an immutable
/// snapshot; <see cref="UnitScopeResolver"/> reads it again when a unit it needs is missing (a unit added since), so
/// additions are seen at once.
/// </summary>
public sealed class OrganisationUnits
{
    private volatile IReadOnlyList<Unit>? _units;

    /// <summary>The snapshot, read on first use.</summary>
    public async ValueTask<IReadOnlyList<Unit>> GetAsync(DossiersDbContext db, CancellationToken cancellationToken = default) =>
        _units ?? await ReloadAsync(db, cancellationToken);

    public async Task<IReadOnlyList<Unit>> ReloadAsync(DossiersDbContext db, CancellationToken cancellationToken = default)
    {
        var units = await db.Set<Unit>().AsNoTracking().ToListAsync(cancellationToken);
        _units = units;
        return units;
    }
}
