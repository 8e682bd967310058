using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Organisation;

/// <summary>A person who works in the system; what they may do depends on their roles, each held in one unit.</summary>
public sealed class Officer
{
    public int Id { get; set; }

    /// <summary>The login name, unique (case-insensitive by convention: stored lower-case).</summary>
    public required string UserName { get; set; }

    public required string FullName { get; set; }

    /// <summary>The title printed above the officer's signature on the forms they sign (e.g. <c>PHÓ CHỦ TỊCH</c>).</summary>
    public string? Title { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    /// <summary>
    /// The officer's identity at the province's OpenID provider (its <c>sub</c> claim), when single sign-on links officers
    /// by a stored subject rather than by <see cref="Email"/>; unique.
    /// </summary>
    public string? ExternalSubject { get; set; }

    public bool IsActive { get; set; } = true;

    public List<OfficerRole> Roles { get; } = [];
}

public static class OfficerQueries
{
    /// <summary>Officers with their roles and the unit of each (what a sign-in session carries).</summary>
    public static IQueryable<Officer> WithRolesAndUnits(this IQueryable<Officer> officers) =>
        officers.Include(o => o.Roles).ThenInclude(r => r.Unit).AsSplitQuery();

    /// <summary>The title an officer signs forms with (<see cref="Officer.Title"/>), if any.</summary>
    public static Task<string?> TitleOfAsync(this IQueryable<Officer> officers, string userName, CancellationToken cancellationToken) =>
        officers.Where(o => o.UserName == userName).Select(o => o.Title).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The active officers who work the queue of <paramref name="role"/> in the unit <paramref name="unitCode"/>: those
    /// a step of that queue may be given to.
    /// </summary>
    public static IQueryable<Officer> InQueue(this IQueryable<Officer> officers, string role, string unitCode) =>
        officers.Where(o => o.IsActive && o.Roles.Any(r => r.Role == role && r.Unit!.Code == unitCode));
}

/// <summary>One role of an officer in one unit (an officer may be a specialist in one department and a leader elsewhere).</summary>
public sealed class OfficerRole
{
    public int OfficerId { get; set; }

    public int UnitId { get; set; }

    public Unit? Unit { get; set; }

    /// <summary>One of <see cref="Roles"/>; the same names as <c>dw:role</c> in workflow definitions.</summary>
    public required string Role { get; set; }
}

/// <summary>The roles of DESIGN.md §1. Their names are the values of <c>dw:role</c> on user tasks.</summary>
public static class Roles
{
    public const string Reception = "reception";
    public const string Specialist = "specialist";
    public const string Leader = "leader";
    public const string Clerk = "clerk";
    public const string Administrator = "administrator";
    public const string Manager = "manager";

    public static IReadOnlyList<string> All { get; } = [Reception, Specialist, Leader, Clerk, Administrator, Manager];
}
