using System.Net.Mail;

namespace DossierWorkflow.Dossiers.Dossiers;

/// <summary>Checks and normalises an applicant's phone number and e-mail address.</summary>
public static class ContactDetails
{
    /// <summary>
    /// A Vietnamese phone number as stored (10 digits starting with 0), from what was entered: 10 digits starting with 0,
    /// or +84 followed by the 9 digits after the 0; spaces, dots and dashes between digit groups are ignored. Null when
    /// the text is not such a number.
    /// </summary>
    public static string? NormalisePhone(string text)
    {
        var compact = new string([.. text.Where(c => c is not (' ' or '.' or '-'))]);
        if (compact.StartsWith("+84", StringComparison.Ordinal))
        {
            compact = "0" + compact[3..];
        }

        return compact.Length == 10 && compact[0] == '0' && compact[1] != '0' && compact.All(char.IsAsciiDigit) ? compact : null;
    }

    /// <summary>True for an address of the form <c>local@domain.tld</c> that <see cref="MailAddress"/> accepts as given.</summary>
    public static bool IsEmail(string text)
    {
        var trimmed = text.Trim();
        var at = trimmed.LastIndexOf('@');
        return at > 0 && trimmed.IndexOf('.', at) > at + 1 && !trimmed.EndsWith('.')
            && MailAddress.TryCreate(trimmed, out var address) && address.Address == trimmed;
    }
}
