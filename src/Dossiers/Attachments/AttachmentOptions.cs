using System.ComponentModel.DataAnnotations;

namespace DossierWorkflow.Dossiers.Attachments;

/// <summary>Settings of the dossiers' files (section <c>Attachments</c>).</summary>
public sealed class AttachmentOptions
{
    public const string SectionName = "Attachments";

    /// <summary>The largest file accepted, in bytes (10 MB).</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The most all the files of one submission may weigh together, in bytes (50 MB).</summary>
    [Range(1, long.MaxValue)]
    public long MaxDossierBytes { get; set; } = 50 * 1024 * 1024;

    /// <summary>The largest image accepted, in pixels (width × height): a larger one is a decompression bomb, not a scan.</summary>
    [Range(1, long.MaxValue)]
    public long MaxImagePixels { get; set; } = 100_000_000;
}
