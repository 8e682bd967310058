namespace DossierWorkflow.Dossiers.Organisation;

/// <summary>Walking the unit tree of a snapshot (<see cref="OrganisationUnits"/>).</summary>
public static class UnitTree
{
    /// <summary>The unit and every unit above it, nearest first.</summary>
    public static IEnumerable<Unit> Chain(Unit unit, IReadOnlyList<Unit> units)
    {
        for (Unit? current = unit; current is not null; current = current.ParentId is { } parent ? units.FirstOrDefault(u => u.Id == parent) : null)
        {
            yield return current;
        }
    }

    /// <summary>Every unit, parents before their children; siblings by kind, then name.</summary>
    public static IEnumerable<Unit> InOrder(IReadOnlyList<Unit> units, int? parentId = null) =>
        units.Where(u => u.ParentId == parentId).OrderBy(u => u.Kind).ThenBy(u => u.Name, StringComparer.CurrentCulture)
            .SelectMany(u => InOrder(units, u.Id).Prepend(u));

    /// <summary>The codes of the units with the given codes and of every unit below them.</summary>
    public static IReadOnlySet<string> Within(IReadOnlyList<Unit> units, IEnumerable<string> tops)
    {
        var topCodes = tops.ToHashSet(StringComparer.Ordinal);
        return units.Where(u => Chain(u, units).Any(above => topCodes.Contains(above.Code))).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
    }
}
