namespace DossierWorkflow.Dossiers.Attachments;

/// <summary>The one name every store files a dossier's file under: the lower-case hex SHA-256 of its bytes.</summary>
internal static class AttachmentKeys
{
    /// <summary>Returns <paramref name="sha256"/> when it is 64 lower-case hex digits, and refuses anything else (a path, a name).</summary>
    public static string Checked(string sha256) =>
        IsKey(sha256) ? sha256 : throw new ArgumentException("An attachment is named by the lower-case hex SHA-256 of its content.", nameof(sha256));

    /// <summary>Whether <paramref name="name"/> is 64 lower-case hex digits (not a temporary file beside one).</summary>
    public static bool IsKey(string name) => name.Length == 64 && name.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
