using DossierWorkflow.Dossiers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Organisation;

/// <summary>Officers' full names by user name, for pages and reports that show who did something.</summary>
public static class OfficerNames
{
    /// <summary>The full names of the officers among <paramref name="userNames"/> (names no officer has are left out).</summary>
    public static async Task<Dictionary<string, string>> OfficerNamesAsync(this DossiersDbContext db, IEnumerable<string> userNames, CancellationToken cancellationToken)
    {
        var wanted = userNames.Distinct(StringComparer.Ordinal).ToList();
        return await db.Set<Officer>().AsNoTracking().Where(o => wanted.Contains(o.UserName)).ToDictionaryAsync(o => o.UserName, o => o.FullName, cancellationToken);
    }
}
