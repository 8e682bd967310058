using System.Globalization;
using System.Text;

namespace DossierWorkflow.Definitions.Catalogue;

/// <summary>
/// Folds Vietnamese text for matching: lower case, tone and vowel marks removed, đ/Đ to d (Unicode decomposition leaves
/// đ alone: it is a letter of its own, not d with a mark), and split into words on anything that is not a letter or digit.
/// </summary>
public static class SearchText
{
    /// <summary>
    /// A name folded for searching without regard to diacritics or case: "Nguyễn  Văn Án" → "nguyen van an" (runs of
    /// white space made one space).
    /// </summary>
    public static string FoldName(string text) =>
        string.Join(' ', Fold(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static string Fold(string text) => RemoveDiacritics(text).ToLowerInvariant();

    /// <summary>
    /// The text without tone and vowel marks, đ/Đ as d/D, case kept: "Đã tiếp nhận" → "Da tiep nhan" (what an SMS without
    /// diacritics says).
    /// </summary>
    public static string RemoveDiacritics(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c switch
            {
                'đ' => 'd',
                'Đ' => 'D',
                _ => c,
            });
        }

        return builder.ToString();
    }

    public static string[] Words(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : Fold(text).Split(static c => !char.IsLetterOrDigit(c));

    private static string[] Split(this string text, Func<char, bool> isSeparator)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var separator = i == text.Length || isSeparator(text[i]);
            if (!separator && start < 0)
            {
                start = i;
            }
            else if (separator && start >= 0)
            {
                words.Add(text[start..i]);
                start = -1;
            }
        }

        return [.. words];
    }
}
