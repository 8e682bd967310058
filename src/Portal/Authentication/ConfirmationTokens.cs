using Microsoft.AspNetCore.DataProtection;

namespace DossierWorkflow.Portal.Authentication;

/// <summary>
/// Which account a confirmation page is for, carried in its address as a token the portal alone can read and that
/// expires in an hour: the account's id is never in the address, so nobody confirms or resends for another account.
/// The token also carries the account's security stamp, which changes when someone registers the same unconfirmed
/// address again: the earlier token is then dead, so a second registrant's password can never be confirmed by the
/// code the first one types.
/// </summary>
public sealed class ConfirmationTokens(IDataProtectionProvider protection)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("DossierWorkflow.Portal.AccountConfirmation").ToTimeLimitedDataProtector();

    public string For(DossierWorkflow.Dossiers.Citizens.CitizenAccount account) => _protector.Protect($"{account.Id:N}:{account.SecurityStamp}", Lifetime);

    /// <summary>The account and stamp of a token, or null when it is not one of ours or has expired.</summary>
    public (Guid AccountId, string Stamp)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return _protector.Unprotect(token).Split(':', 2) is [var id, var stamp] && Guid.TryParseExact(id, "N", out var accountId) ? (accountId, stamp) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
