namespace DossierWorkflow.Dossiers.Dossiers;

/// <summary>A file of a dossier (a scan of a document, or a result file), kept in the attachment store under its SHA-256.</summary>
public sealed class DossierFile
{
    public Guid Id { get; set; }

    public Guid DossierId { get; set; }

    /// <summary>The line of the document list it belongs to; null for a file given without one.</summary>
    public int? DocumentPosition { get; set; }

    /// <summary>The sanitised name it was given (<see cref="Attachments.AttachmentIntake.SafeName"/>).</summary>
    public required string FileName { get; set; }

    /// <summary>The type its content showed: <c>application/pdf</c>, <c>image/jpeg</c> or <c>image/png</c>.</summary>
    public required string ContentType { get; set; }

    public long Length { get; set; }

    public required string Sha256 { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    public required string UploadedBy { get; set; }

    /// <summary>What the file is to the dossier: a scan submitted with it, or a result file of the agency.</summary>
    public DossierFileKind Kind { get; set; } = DossierFileKind.Submitted;
}

public enum DossierFileKind
{
    /// <summary>A scan of a document, given with the dossier or a supplement.</summary>
    Submitted = 0,

    /// <summary>A result of the procedure (e.g. the signed certificate), attached by an officer.</summary>
    Result = 1,
}
