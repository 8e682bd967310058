namespace DossierWorkflow.Dossiers.Organisation;

/// <summary>
/// Resolves a user task's <c>dw:unitScope</c> against the organisation tree, starting from the unit that received the
/// dossier: <c>receiving-unit</c> (the default), <c>parent-unit</c>, or <c>department:&lt;code&gt;</c> — a department
/// of the receiving unit, named by its full code or by the last part of it (<c>department:VP</c> under
/// <c>HN.HOANKIEM</c> is <c>HN.HOANKIEM.VP</c>).
/// </summary>
public static class UnitScopes
{
    public const string ReceivingUnit = "receiving-unit";
    public const string ParentUnit = "parent-unit";
    public const string DepartmentPrefix = "department:";

    /// <summary>The unit that handles the step, or an error message naming the scope and what is missing.</summary>
    public static (Unit? Unit, string? Error) Resolve(string? scope, Unit receivingUnit, IEnumerable<Unit> units)
    {
        var all = units.ToList();
        switch (scope?.Trim())
        {
            case null or "" or ReceivingUnit:
                return (receivingUnit, null);
            case ParentUnit:
                var parent = all.FirstOrDefault(u => u.Id == receivingUnit.ParentId);
                return parent is null
                    ? (null, $"Unit scope '{scope}': unit '{receivingUnit.Code}' has no parent unit.")
                    : (parent, null);
            case var named when named.StartsWith(DepartmentPrefix, StringComparison.Ordinal):
                var code = named[DepartmentPrefix.Length..];
                var department = all.FirstOrDefault(u => u.ParentId == receivingUnit.Id
                    && (string.Equals(u.Code, code, StringComparison.OrdinalIgnoreCase)
                        || string.Equals(u.Code, $"{receivingUnit.Code}.{code}", StringComparison.OrdinalIgnoreCase)));
                return department is null
                    ? (null, $"Unit scope '{scope}': unit '{receivingUnit.Code}' has no department '{code}'.")
                    : (department, null);
            default:
                return (null, $"Unit scope '{scope}' is not known: use '{ReceivingUnit}', '{ParentUnit}' or '{DepartmentPrefix}<code>'.");
        }
    }
}
