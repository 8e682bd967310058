namespace DossierWorkflow.Dossiers.Dossiers;

/// <summary>The status codes exchanged with the national public-service portal (DESIGN §4); the values are the codes.</summary>
public enum DossierStatus
{
    /// <summary>Mới: submitted online or by post, not yet decided at reception.</summary>
    New = 1,

    /// <summary>Đã tiếp nhận: accepted, appointment given.</summary>
    Accepted = 2,

    /// <summary>Từ chối tiếp nhận.</summary>
    Refused = 3,

    /// <summary>Đang xử lý.</summary>
    InProgress = 4,

    /// <summary>Yêu cầu bổ sung: waiting for the applicant's missing documents.</summary>
    SupplementRequested = 5,

    /// <summary>Yêu cầu thanh toán.</summary>
    PaymentRequested = 6,

    /// <summary>Công dân rút hồ sơ.</summary>
    Withdrawn = 7,

    /// <summary>Dừng xử lý.</summary>
    Stopped = 8,

    /// <summary>Đã có kết quả.</summary>
    Resolved = 9,

    /// <summary>Đã trả kết quả.</summary>
    ResultReturned = 10,
}

/// <summary>
/// Which status may follow which: the one rule every status change of a dossier goes through
/// (<see cref="Dossier.MoveTo"/>). A refused, withdrawn, stopped or returned dossier is closed.
/// </summary>
public static class DossierStatusTransitions
{
    private static readonly Dictionary<DossierStatus, DossierStatus[]> Allowed = new()
    {
        [DossierStatus.New] = [DossierStatus.Accepted, DossierStatus.Refused, DossierStatus.SupplementRequested, DossierStatus.Withdrawn],
        [DossierStatus.SupplementRequested] = [DossierStatus.Accepted, DossierStatus.InProgress, DossierStatus.Refused, DossierStatus.SupplementRequested, DossierStatus.Withdrawn, DossierStatus.Stopped],
        [DossierStatus.Accepted] = [DossierStatus.InProgress, DossierStatus.SupplementRequested, DossierStatus.PaymentRequested, DossierStatus.Refused, DossierStatus.Withdrawn, DossierStatus.Stopped, DossierStatus.Resolved],
        [DossierStatus.InProgress] = [DossierStatus.SupplementRequested, DossierStatus.PaymentRequested, DossierStatus.Refused, DossierStatus.Withdrawn, DossierStatus.Stopped, DossierStatus.Resolved],
        [DossierStatus.PaymentRequested] = [DossierStatus.InProgress, DossierStatus.Withdrawn, DossierStatus.Stopped, DossierStatus.Resolved],
        [DossierStatus.Resolved] = [DossierStatus.ResultReturned],
        [DossierStatus.Refused] = [],
        [DossierStatus.Withdrawn] = [],
        [DossierStatus.Stopped] = [],
        [DossierStatus.ResultReturned] = [],
    };

    public static bool IsAllowed(DossierStatus from, DossierStatus to) => Allowed[from].Contains(to);
}
