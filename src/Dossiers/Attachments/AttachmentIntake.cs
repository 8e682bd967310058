using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace DossierWorkflow.Dossiers.Attachments;

/// <summary>
/// Accepts one uploaded file while it streams in: its type decided by its content (PDF, JPEG or PNG magic bytes — never the
/// name or the browser's content type), its size limited as it is read (the rest of the body is never read once the
/// limit is passed), an image's dimensions checked from its header, its SHA-256 computed on the way, its name sanitised.
/// The bytes go to a temporary file and into the <see cref="IAttachmentStore"/> only when the whole file passed. When the
/// server's disk or the store fails (full, unreachable), the file is refused as <see cref="AttachmentProblem.StoreUnavailable"/>:
/// the caller writes nothing that would reference it, and tells the person to try again.
/// </summary>
public sealed partial class AttachmentIntake(IAttachmentStore store, AttachmentOptions options, ILogger<AttachmentIntake> logger)
{
    private const int HeaderBytes = 64 * 1024;

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    /// <summary>
    /// Reads <paramref name="content"/> up to <paramref name="allowedBytes"/> (the file limit, or what is left of the
    /// submission's), and stores it when it is acceptable.
    /// </summary>
    public async Task<AttachmentResult> AcceptAsync(Stream content, string? fileName, long allowedBytes, CancellationToken cancellationToken)
    {
        var limit = Math.Min(allowedBytes, options.MaxFileBytes);
        string temporary;
        try
        {
            temporary = Path.GetTempFileName();
        }
        catch (IOException exception)
        {
            LogStoreFailed(logger, exception);
            return new AttachmentResult.Refused(AttachmentProblem.StoreUnavailable);
        }

        try
        {
            long length = 0;
            var header = new MemoryStream();
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            // Unbuffered: each write reaches the disk at once, so that a full disk fails that write and never the closing.
            await using (var file = new FileStream(temporary, FileMode.Truncate, FileAccess.Write, FileShare.None, bufferSize: 0, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    length += read;
                    if (length > limit)
                    {
                        return new AttachmentResult.Refused(allowedBytes < options.MaxFileBytes ? AttachmentProblem.DossierTooLarge : AttachmentProblem.FileTooLarge);
                    }

                    if (header.Length < HeaderBytes)
                    {
                        header.Write(buffer, 0, (int)Math.Min(read, HeaderBytes - header.Length));
                    }

                    hash.AppendData(buffer, 0, read);
                    if (!await KeptAsync(() => file.WriteAsync(buffer.AsMemory(0, read), cancellationToken)))
                    {
                        return new AttachmentResult.Refused(AttachmentProblem.StoreUnavailable);
                    }
                }
            }

            if (length == 0)
            {
                return new AttachmentResult.Refused(AttachmentProblem.Empty);
            }

            var (type, problem) = Inspect(header.ToArray());
            if (problem is { } refused)
            {
                return new AttachmentResult.Refused(refused);
            }

            var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            try
            {
                await using var stored = new FileStream(temporary, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                await store.PutAsync(sha256, stored, length, cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                LogStoreFailed(logger, exception);
                return new AttachmentResult.Refused(AttachmentProblem.StoreUnavailable);
            }

            return new AttachmentResult.Accepted(new AcceptedFile(SafeName(fileName, type!), type!, length, sha256));
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Writes to the temporary file; false (logged) when the server's disk refused it (full, failing).</summary>
    private async Task<bool> KeptAsync(Func<ValueTask> write)
    {
        try
        {
            await write();
            return true;
        }
        catch (IOException exception)
        {
            LogStoreFailed(logger, exception);
            return false;
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "An uploaded file could not be kept: the server's disk or the attachment store failed")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception);

    /// <summary>The content type the bytes show, or why they are refused.</summary>
    private (string? Type, AttachmentProblem? Problem) Inspect(byte[] header)
    {
        if (header.AsSpan().StartsWith("%PDF-"u8))
        {
            return ("application/pdf", null);
        }

        if (header.AsSpan().StartsWith(PngSignature))
        {
            // The first chunk must be IHDR (13 bytes: width, height, …).
            if (header.Length < 24 || !header.AsSpan(12, 4).SequenceEqual("IHDR"u8))
            {
                return (null, AttachmentProblem.Damaged);
            }

            var width = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(16, 4));
            var height = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(20, 4));
            return TooLarge(width, height) ? (null, AttachmentProblem.ImageTooLarge) : ("image/png", null);
        }

        if (header.AsSpan().StartsWith(JpegSignature))
        {
            return JpegSize(header) is var (width, height) && TooLarge(width, height) ? (null, AttachmentProblem.ImageTooLarge) : ("image/jpeg", null);
        }

        return (null, AttachmentProblem.NotAcceptedType);
    }

    private bool TooLarge(long width, long height) => width == 0 || height == 0 || width * height > options.MaxImagePixels;

    /// <summary>The dimensions in a JPEG's start-of-frame segment, when the header holds one.</summary>
    private static (long Width, long Height)? JpegSize(byte[] header)
    {
        var at = 2;
        while (at + 9 < header.Length && header[at] == 0xFF)
        {
            var marker = header[at + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(at + 2, 2));
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return (BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(at + 7, 2)), BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(at + 5, 2)));
            }

            at += 2 + length;
        }

        return null;
    }

    /// <summary>
    /// A name safe to store and to send back in <c>Content-Disposition</c>: no folders, no control or reserved characters,
    /// at most 120 characters, ending with the extension of the type the content showed.
    /// </summary>
    public static string SafeName(string? fileName, string contentType)
    {
        var extension = contentType switch
        {
            "application/pdf" => ".pdf",
            "image/png" => ".png",
            _ => ".jpg",
        };
        var name = (fileName ?? "").Normalize(NormalizationForm.FormC);
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        var clean = new StringBuilder();
        foreach (var c in name)
        {
            clean.Append(char.IsControl(c) || c is '"' or '<' or '>' or ':' or '|' or '?' or '*' or ';' ? '_' : c);
        }

        var stem = Path.GetFileNameWithoutExtension(clean.ToString()).Trim().Trim('.').Trim();
        if (stem.Length == 0)
        {
            stem = "tep-dinh-kem";
        }

        return (stem.Length > 120 - extension.Length ? stem[..(120 - extension.Length)] : stem) + extension;
    }
}

/// <summary>A file accepted and stored: its sanitised name, the type its content showed, its size and SHA-256.</summary>
public sealed record AcceptedFile(string FileName, string ContentType, long Length, string Sha256);

public abstract record AttachmentResult
{
    public sealed record Accepted(AcceptedFile File) : AttachmentResult;

    public sealed record Refused(AttachmentProblem Problem) : AttachmentResult;
}

public enum AttachmentProblem
{
    Empty,
    FileTooLarge,
    DossierTooLarge,
    NotAcceptedType,
    Damaged,
    ImageTooLarge,

    /// <summary>The file was fine, but could not be kept: the server's disk is full or the attachment store cannot be reached.</summary>
    StoreUnavailable,
}
