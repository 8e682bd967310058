using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace DossierWorkflow.Dossiers.Payments;

/// <summary>
/// The signed-redirect protocol of Vietnamese bank gateways (VNPAY's 2.1.0 and those modelled on it): the parameters,
/// except the signature's own, sorted by name (ordinal), each <c>name=value</c> form-URL-encoded and joined by <c>&amp;</c>;
/// the signature is the lower-case hex HMAC-SHA512 of that text with the merchant's secret. The same text is the query
/// the browser is sent to the gateway with, and the gateway signs its return and notification the same way.
/// </summary>
public static class SignedParameters
{
    public const string SignatureName = "vnp_SecureHash";
    public const string SignatureTypeName = "vnp_SecureHashType";

    /// <summary>The canonical text of the parameters (what is signed).</summary>
    public static string Canonical(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters
            .Where(p => p.Key is not (SignatureName or SignatureTypeName) && !string.IsNullOrEmpty(p.Value))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{WebUtility.UrlEncode(p.Key)}={WebUtility.UrlEncode(p.Value)}"));

    public static string Sign(IEnumerable<KeyValuePair<string, string>> parameters, string secret) =>
        Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(Canonical(parameters))));

    /// <summary>True when the parameters carry a signature made with <paramref name="secret"/> over the others.</summary>
    public static bool IsSigned(IReadOnlyDictionary<string, string> parameters, string secret)
    {
        if (!parameters.TryGetValue(SignatureName, out var given) || given.Length != 128)
        {
            return false;
        }

        byte[] givenBytes;
        try
        {
            givenBytes = Convert.FromHexString(given);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Convert.FromHexString(Sign(parameters, secret)), givenBytes);
    }

    /// <summary>The query string of the parameters with their signature, for the browser's redirect.</summary>
    public static string Query(IReadOnlyDictionary<string, string> parameters, string secret) =>
        $"{Canonical(parameters)}&{SignatureName}={Sign(parameters, secret)}";
}
