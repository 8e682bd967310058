namespace DossierWorkflow.Dossiers.Attachments;

/// <summary>
/// Where the files of dossiers live: the file system under the data directory (<see cref="FileSystemAttachmentStore"/>, the
/// default) or a bucket of S3-compatible object storage (<see cref="S3AttachmentStore"/>, for several app instances), as
/// <see cref="AttachmentOptions.Store"/> says.
/// Content-addressed: a file is stored under the SHA-256 of its bytes, so storing the same scan twice
/// keeps one copy, and no name on disk or in the bucket comes from the user.
/// </summary>
public interface IAttachmentStore
{
    /// <summary>
    /// Stores <paramref name="content"/> (already checked: <see cref="AttachmentIntake"/>) under <paramref name="sha256"/>,
    /// the lower-case hex SHA-256 of its bytes; storing a file that is already there changes nothing.
    /// </summary>
    Task PutAsync(string sha256, Stream content, long length, CancellationToken cancellationToken);

    /// <summary>The stored file, or null when there is none under <paramref name="sha256"/>.</summary>
    Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>Removes a file (a report export kept past its time); nothing when there is none.</summary>
    Task DeleteAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>The SHA-256 of every stored file, in no particular order (for backups).</summary>
    IAsyncEnumerable<string> ListAsync(CancellationToken cancellationToken);
}
