using DossierWorkflow.Dossiers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Organisation;

/// <summary>How a person signed in at the province's OpenID provider is recognised as an officer.</summary>
public enum SingleSignOnLink
{
    /// <summary>By the e-mail address the provider vouches for (<c>email</c> with <c>email_verified</c>), equal to <see cref="Officer.Email"/>.</summary>
    Email,

    /// <summary>By the provider's subject (<c>sub</c>), stored on the officer as <see cref="Officer.ExternalSubject"/>.</summary>
    Subject,
}

/// <summary>
/// Finds the officer a person signed in at the province's OpenID provider is: only an active officer with at least one
/// role is let in. Roles and units always come from the organisation here, never from the provider's claims.
/// </summary>
public sealed class OfficerSingleSignOn(DossiersDbContext db)
{
    /// <summary>The officer <paramref name="value"/> (an e-mail address or a subject, as <paramref name="linkBy"/> says) names, with roles and units.</summary>
    public async Task<SingleSignOnMatch> FindAsync(SingleSignOnLink linkBy, string? value, CancellationToken cancellationToken)
    {
        value = value?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return new SingleSignOnMatch(SingleSignOnOutcome.Unknown, null);
        }

        var officers = db.Set<Officer>().AsNoTracking();
        if (linkBy == SingleSignOnLink.Email)
        {
            var email = value.ToLowerInvariant();
            officers = officers.Where(o => o.Email != null && o.Email.ToLower() == email);
        }
        else
        {
            officers = officers.Where(o => o.ExternalSubject == value);
        }

        var found = await officers.WithRolesAndUnits().Take(2).ToListAsync(cancellationToken);
        return found switch
        {
            [] => new SingleSignOnMatch(SingleSignOnOutcome.Unknown, null),
            [_, _, ..] => new SingleSignOnMatch(SingleSignOnOutcome.Ambiguous, null),
            [{ IsActive: false } officer] => new SingleSignOnMatch(SingleSignOnOutcome.Inactive, officer),
            [{ Roles.Count: 0 } officer] => new SingleSignOnMatch(SingleSignOnOutcome.NoRoles, officer),
            [var officer] => new SingleSignOnMatch(SingleSignOnOutcome.SignedIn, officer),
        };
    }
}

/// <summary>What <see cref="OfficerSingleSignOn.FindAsync"/> found; <see cref="Officer"/> is set but for Unknown and Ambiguous.</summary>
public sealed record SingleSignOnMatch(SingleSignOnOutcome Outcome, Officer? Officer);

public enum SingleSignOnOutcome
{
    SignedIn,

    /// <summary>No officer has that e-mail address or subject.</summary>
    Unknown,

    /// <summary>Two officers have that e-mail address: neither is let in until an administrator tells them apart.</summary>
    Ambiguous,

    Inactive,

    /// <summary>An officer without any role would see nothing: refused, and told to ask an administrator.</summary>
    NoRoles,
}
