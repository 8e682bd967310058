using Microsoft.AspNetCore.DataProtection;

namespace DossierWorkflow.Portal.Authentication;

/// <summary>
/// Which account a confirmation page is for, carried in its address as a token the portal alone can read and that
/// expires in an hour: the account's id is never in the address, so nobody confirms or resends for another account.
/// </summary>
public sealed class ConfirmationTokens(IDataProtectionProvider protection)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("DossierWorkflow.Portal.AccountConfirmation").ToTimeLimitedDataProtector();

    public string For(Guid accountId) => _protector.Protect(accountId.ToString("N"), Lifetime);

    /// <summary>The account of a token, or null when it is not one of ours or has expired.</summary>
    public Guid? Read(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return Guid.TryParseExact(_protector.Unprotect(token), "N", out var id) ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
