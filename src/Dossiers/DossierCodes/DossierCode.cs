using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DossierWorkflow.Dossiers.DossierCodes;

/// <summary>
/// A dossier code (mã hồ sơ) as Circular 03/2025/TT-VPCP prescribes: the receiving agency's code, the date of receipt
/// as <c>yyMMdd</c> and the day's sequence number of at least four digits, e.g. <c>000.00.25.H12-261122-0001</c>.
/// </summary>
public sealed partial record DossierCode(string AgencyCode, DateOnly ReceivedOn, int Sequence)
{
    public const int MinimumSequenceDigits = 4;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{AgencyCode}-{ReceivedOn:yyMMdd}-{Sequence.ToString(new string('0', MinimumSequenceDigits), CultureInfo.InvariantCulture)}");

    /// <summary>Reads a code typed by a citizen or officer (surrounding spaces ignored, agency code case-insensitive).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out DossierCode? code)
    {
        code = null;
        var match = text is null ? Match.Empty : Pattern().Match(text.Trim());
        if (!match.Success
            || !DateOnly.TryParseExact(match.Groups["date"].Value, "yyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || !int.TryParse(match.Groups["sequence"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || sequence == 0)
        {
            return false;
        }

        code = new DossierCode(match.Groups["agency"].Value.ToUpperInvariant(), date, sequence);
        return true;
    }

    /// <summary>Whether <paramref name="agencyCode"/> can stand in a dossier code: letters, digits and dots, no dash.</summary>
    public static bool IsValidAgencyCode(string? agencyCode) => agencyCode is not null && AgencyPattern().IsMatch(agencyCode);

    [GeneratedRegex(@"^(?<agency>[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*)-(?<date>\d{6})-(?<sequence>\d{4,9})$")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*$")]
    private static partial Regex AgencyPattern();
}
