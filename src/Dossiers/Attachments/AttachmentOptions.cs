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

    /// <summary>Where the files are kept: <see cref="AttachmentStoreKind.FileSystem"/> (the default) or <see cref="AttachmentStoreKind.S3"/>.</summary>
    public AttachmentStoreKind Store { get; set; } = AttachmentStoreKind.FileSystem;

    /// <summary>The bucket, when <see cref="Store"/> is <see cref="AttachmentStoreKind.S3"/> (section <c>Attachments:S3</c>).</summary>
    public S3AttachmentOptions S3 { get; set; } = new();
}

public enum AttachmentStoreKind
{
    /// <summary><c>attachments/</c> under the data directory: one app instance.</summary>
    FileSystem,

    /// <summary>A bucket of S3-compatible object storage: several app instances.</summary>
    S3,
}

/// <summary>Where the S3-compatible bucket is and how to reach it (section <c>Attachments:S3</c>).</summary>
public sealed class S3AttachmentOptions
{
    /// <summary>The storage's address, e.g. <c>https://s3.example.vn</c> or <c>http://minio:9000</c>; empty for Amazon S3 itself.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The region (Amazon S3) or the region the storage signs requests for (most others accept <c>us-east-1</c>).</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>The bucket; it must exist.</summary>
    public string Bucket { get; set; } = "";

    /// <summary>Put before every object's name, so that one bucket can serve several installations.</summary>
    public string KeyPrefix { get; set; } = "attachments/";

    /// <summary>The access key; when empty, the SDK's usual chain applies (environment variables, the instance's role).</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Addresses the bucket in the path (<c>host/bucket/key</c>) instead of the host name: what most self-hosted storages need.</summary>
    public bool ForcePathStyle { get; set; } = true;
}
