namespace DossierWorkflow.Dossiers.Dossiers;

/// <summary>
/// One hand-over of a dossier's result: collected at the counter (by whom), handed to the public postal service (with its
/// tracking number, and later delivered or returned to sender), or delivered electronically (with the result file).
/// A dossier whose post came back has two: the postal one, returned, and the counter one.
/// </summary>
public sealed class ResultHandover
{
    public Guid Id { get; set; }

    public Guid DossierId { get; set; }

    public ResultDelivery Method { get; set; }

    /// <summary>When the result was collected, handed to the post, or sent electronically.</summary>
    public DateTimeOffset HandedOverAt { get; set; }

    /// <summary>The reception officer who recorded it.</summary>
    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>At the counter: the applicant, or a person they authorised.</summary>
    public CollectorKind? CollectorKind { get; set; }

    /// <summary>At the counter: who collected it.</summary>
    public string? CollectorName { get; set; }

    /// <summary>At the counter: the collector's ID number (citizen ID, or passport for a foreigner).</summary>
    public string? CollectorIdNumber { get; set; }

    /// <summary>By post: the postal service's tracking number (số hiệu bưu gửi).</summary>
    public string? TrackingNumber { get; set; }

    /// <summary>By post: delivered or returned to sender; null while the post carries it.</summary>
    public PostalOutcome? PostalOutcome { get; set; }

    /// <summary>By post: when it was delivered or came back.</summary>
    public DateTimeOffset? PostalOutcomeAt { get; set; }

    /// <summary>Electronically: the result file sent (one of the dossier's files).</summary>
    public Guid? ResultFileId { get; set; }
}

public enum CollectorKind
{
    Applicant = 1,

    /// <summary>A person the applicant authorised (with a letter of authorisation).</summary>
    Authorised = 2,
}

public enum PostalOutcome
{
    Delivered = 1,

    /// <summary>The post could not deliver it and brought it back (chuyển hoàn): the result waits at the counter.</summary>
    ReturnedToSender = 2,
}

/// <summary>A payment of the dossier's fee and charges, as collected.</summary>
public sealed class DossierPayment
{
    public Guid Id { get; set; }

    public Guid DossierId { get; set; }

    /// <summary>In đồng.</summary>
    public long Amount { get; set; }

    public PaymentMethod Method { get; set; }

    /// <summary>The bank transfer's or the online payment's reference; none for cash.</summary>
    public string? Reference { get; set; }

    public DateTimeOffset PaidAt { get; set; }

    public required string RecordedBy { get; set; }
}

public enum PaymentMethod
{
    Cash = 1,

    BankTransfer = 2,

    /// <summary>Paid on the public-service portal's payment platform.</summary>
    Online = 3,
}
