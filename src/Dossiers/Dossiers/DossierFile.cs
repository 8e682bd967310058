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

    /// <summary>What the file is to the dossier: a scan submitted with it, a draft of the result, or the result itself.</summary>
    public DossierFileKind Kind { get; set; } = DossierFileKind.Submitted;

    /// <summary>For a draft: the step (work item) it was attached to when that step was completed.</summary>
    public Guid? WorkItemId { get; set; }
}

public enum DossierFileKind
{
    /// <summary>A scan of a document, given with the dossier or a supplement.</summary>
    Submitted = 0,

    /// <summary>A result of the procedure (e.g. the signed certificate), attached by an officer.</summary>
    Result = 1,

    /// <summary>
    /// A draft of the result attached to a processing step (e.g. the specialist's draft extract for the leader to sign);
    /// kept with the dossier, never sent to the applicant.
    /// </summary>
    Draft = 2,
}
