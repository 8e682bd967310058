namespace DossierWorkflow.Dossiers.Dossiers;

/// <summary>
/// The 12-digit personal identification number on the chip-based citizen ID card (Circular 07/2016/TT-BCA, Decree
/// 137/2015/NĐ-CP): digits 1–3 the province of birth registration (001–096), digit 4 the century of birth and the
/// gender (0/1 for 1900–1999 male/female, 2/3 for 2000–2099, 4/5 for 2100–2199, 6/7, 8/9 after), digits 5–6 the last two
/// digits of the year of birth, digits 7–12 a random sequence.
/// </summary>
public static class CitizenIdNumber
{
    public const int Length = 12;

    /// <summary>Why <paramref name="number"/> is not a valid citizen ID, or null when it is.</summary>
    public static CitizenIdProblem? Check(string number)
    {
        if (number.Length != Length || !number.All(char.IsAsciiDigit))
        {
            return CitizenIdProblem.NotTwelveDigits;
        }

        var province = int.Parse(number.AsSpan(0, 3), System.Globalization.CultureInfo.InvariantCulture);
        return province is < 1 or > 96 ? CitizenIdProblem.UnknownProvince : null;
    }

    /// <summary>
    /// Why a valid <paramref name="number"/> disagrees with the date of birth and gender entered beside it, or null when
    /// they agree (or are not given).
    /// </summary>
    public static CitizenIdProblem? CheckAgainst(string number, DateOnly? dateOfBirth, Gender? gender)
    {
        if (Check(number) is not null)
        {
            return Check(number);
        }

        var code = number[3] - '0';
        var century = 1900 + (code / 2 * 100);
        var female = code % 2 == 1;
        var yearDigits = int.Parse(number.AsSpan(4, 2), System.Globalization.CultureInfo.InvariantCulture);
        if (dateOfBirth is { } born && (born.Year / 100 * 100 != century || born.Year % 100 != yearDigits))
        {
            return CitizenIdProblem.BirthYearMismatch;
        }

        if (gender is { } g && (g == Gender.Female) != female)
        {
            return CitizenIdProblem.GenderMismatch;
        }

        return null;
    }
}

public enum CitizenIdProblem
{
    NotTwelveDigits,
    UnknownProvince,
    BirthYearMismatch,
    GenderMismatch,
}
