namespace DossierWorkflow.Dossiers.Attachments;

/// <summary>
/// The default store: files under <c>attachments/</c> in the data directory, at <c>ab/cd/abcd…</c> by their SHA-256. A file
/// is written to a temporary name beside its place and moved there whole, so a reader never sees half a file.
/// </summary>
public sealed class FileSystemAttachmentStore(string root) : IAttachmentStore
{
    public async Task PutAsync(string sha256, Stream content, long length, CancellationToken cancellationToken)
    {
        var path = PathOf(sha256);
        if (File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.part";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken)
    {
        var path = PathOf(sha256);
        return Task.FromResult<Stream?>(File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null);
    }

    public Task DeleteAsync(string sha256, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(sha256));
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<string> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Directory.Exists(root))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Path.GetFileName(path) is var name && AttachmentKeys.IsKey(name))
            {
                yield return name;
            }
        }

        await Task.CompletedTask;
    }

    private string PathOf(string sha256)
    {
        AttachmentKeys.Checked(sha256);
        return Path.Combine(root, sha256[..2], sha256[2..4], sha256);
    }
}
