using System.Text.Json;
using System.Text.Json.Serialization;
using DossierWorkflow.Definitions.Metadata;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Notifications;

namespace DossierWorkflow.Dossiers.Dossiers;

/// <summary>
/// A citizen's or an organisation's dossier (hồ sơ): the centre of the domain. It keeps the procedure version in force
/// when it was received, so that later changes to the catalogue never change it; its documents, fee and appointment
/// history; and its status, which only <see cref="MoveTo"/> changes. The engine knows it by its <see cref="Code"/> (the
/// workflow instance's business key).
/// </summary>
public sealed class Dossier
{
    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private ProcedureVersion? _procedureVersion;

    /// <summary>What the applicant is to be told of this dossier's changes, not yet queued (see <see cref="TakeNotices"/>).</summary>
    private readonly List<ApplicantEvent> _untoldEvents = [];

    /// <summary>What the national portal has not heard of yet (see <see cref="TakeUnsynced"/>).</summary>
    private NationalPortal.DossierSync? _unsynced;

    public Guid Id { get; set; }

    /// <summary>The dossier code (mã hồ sơ), unique: agency code, received date and daily sequence.</summary>
    public required string Code { get; set; }

    public required string ProcedureCode { get; set; }

    /// <summary>The catalogue key of the procedure, which is also its workflow definition's key.</summary>
    public required string ProcedureKey { get; set; }

    /// <summary>The procedure's name in the version in force at receipt.</summary>
    public required string ProcedureName { get; set; }

    public required string Sector { get; set; }

    /// <summary>The version in force at receipt, as JSON (see <see cref="ProcedureVersion"/>).</summary>
    public required string ProcedureVersionJson { get; set; }

    /// <summary>The version of the legal forms' templates in force at receipt (e.g. <c>TT03-2025</c>).</summary>
    public required string FormTemplateVersion { get; set; }

    /// <summary>The code of the unit that received the dossier (e.g. <c>HN.HOANKIEM</c>).</summary>
    public required string ReceivingUnit { get; set; }

    public ReceptionChannel Channel { get; set; }

    public required DossierApplicant Applicant { get; set; }

    public DossierRepresentative? Representative { get; set; }

    public List<DossierDocument> Documents { get; set; } = [];

    /// <summary>The scans given with the dossier (in the attachment store).</summary>
    public List<DossierFile> Files { get; set; } = [];

    /// <summary>Number of sets of documents submitted (số bộ hồ sơ).</summary>
    public int SetCount { get; set; } = 1;

    public ResultDelivery Delivery { get; set; }

    /// <summary>Where the result is posted when <see cref="Delivery"/> is by post.</summary>
    public string? DeliveryAddress { get; set; }

    /// <summary>The fee and charges in đồng, as computed from the version's fee rules at receipt.</summary>
    public long FeeAmount { get; set; }

    /// <summary>How the fee was computed, in Vietnamese (printed and shown).</summary>
    public required string FeeExplanation { get; set; }

    /// <summary>How the fee was computed, in English (shown in the English UI); null for dossiers received before it was kept.</summary>
    public string? FeeExplanationEn { get; set; }

    /// <summary>The exemption claimed (a code of the version's fee rules), if any.</summary>
    public string? FeeExemption { get; set; }

    public bool FeePaid { get; set; }

    /// <summary>When the dossier arrived: at the counter, the moment of reception; by post, when the envelope arrived.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The user name of the officer who decided at reception.</summary>
    public required string ReceivedBy { get; set; }

    /// <summary>The appointment in force (ngày hẹn trả); null until the dossier is accepted.</summary>
    public DateTimeOffset? AppointmentAt { get; set; }

    /// <summary>
    /// When the documents a supplement request asked for last came back (at the counter or uploaded online): the legal
    /// clock restarts from here when reception accepts the dossier as complete. Null while none came back.
    /// </summary>
    public DateTimeOffset? SupplementArrivedAt { get; set; }

    /// <summary>Every appointment given, oldest first.</summary>
    public List<AppointmentChange> Appointments { get; set; } = [];

    /// <summary>The extensions proposed after an apology (form 04), oldest first; at most one is ever approved.</summary>
    public List<DossierExtension> Extensions { get; set; } = [];

    public DossierStatus Status { get; private set; } = DossierStatus.New;

    public DateTimeOffset StatusChangedAt { get; private set; }

    /// <summary>When reception first accepted the dossier (tiếp nhận): the day the reports count it received. Set by <see cref="MoveTo"/>.</summary>
    public DateTimeOffset? AcceptedAt { get; private set; }

    /// <summary>
    /// When an accepted dossier was resolved — its result ready, or its handling refused — against the appointment then in
    /// force (<see cref="ResolvedTimeliness"/>). Set by <see cref="MoveTo"/>; the reports count resolutions by it.
    /// </summary>
    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>Early (a working day before the appointment's day or sooner), on time, or late: as the reports count it.</summary>
    public Timeliness? ResolvedTimeliness { get; private set; }

    /// <summary>The month (as <c>yyyyMM</c>, in Vietnamese time) of <see cref="AcceptedAt"/>: what the monthly trend groups by.</summary>
    public int? AcceptedMonth { get; private set; }

    /// <summary>The month (as <c>yyyyMM</c>, in Vietnamese time) of <see cref="ResolvedAt"/>: what the monthly trend groups by.</summary>
    public int? ResolvedMonth { get; private set; }

    /// <summary>When the dossier was withdrawn or stopped before a decision. Set by <see cref="MoveTo"/>.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    public Guid? WorkflowInstanceId { get; set; }

    public List<IssuedForm> Forms { get; set; } = [];

    /// <summary>The fee and charges collected, oldest first.</summary>
    public List<DossierPayment> Payments { get; set; } = [];

    /// <summary>The result's hand-overs (counter, post, electronic), oldest first.</summary>
    public List<ResultHandover> Handovers { get; set; } = [];

    /// <summary>
    /// The key a submission carried so that submitting it again finds this dossier instead of creating a second one:
    /// a reception form's token, or an API client's <c>Idempotency-Key</c> (prefixed by the client). Unique.
    /// </summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>The citizen's portal account that submitted it online (their "my dossiers"), or null.</summary>
    public Guid? CitizenAccountId { get; set; }

    /// <summary>The language the applicant is written to in (<c>en</c>, chosen in the portal), or null for Vietnamese.</summary>
    public string? Language { get; set; }

    /// <summary>The procedure version in force at receipt.</summary>
    public ProcedureVersion ProcedureVersion =>
        _procedureVersion ??= JsonSerializer.Deserialize<ProcedureVersion>(ProcedureVersionJson, SnapshotJson)
            ?? throw new InvalidOperationException($"Dossier {Code} has no procedure version.");

    public static string Snapshot(ProcedureVersion version) => JsonSerializer.Serialize(version, SnapshotJson);

    /// <summary>The procedure's English name in a version snapshot (<see cref="ProcedureVersionJson"/>).</summary>
    public static string? ProcedureNameEn(string procedureVersionJson) =>
        JsonSerializer.Deserialize<ProcedureVersion>(procedureVersionJson, SnapshotJson)?.NameEn;

    /// <summary>The one place a dossier's status changes; a change the status rules do not allow is a defect.</summary>
    public void MoveTo(DossierStatus status, DateTimeOffset at)
    {
        if (status != Status && !DossierStatusTransitions.IsAllowed(Status, status))
        {
            throw new InvalidOperationException($"Dossier {Code} cannot go from status {(int)Status} ({Status}) to {(int)status} ({status}).");
        }

        if (status != Status)
        {
            switch (status)
            {
                case DossierStatus.Accepted when AcceptedAt is null:
                    AcceptedAt = at;
                    AcceptedMonth = MonthOf(at);
                    break;
                case DossierStatus.Resolved or DossierStatus.Refused when AcceptedAt is not null && ResolvedAt is null:
                    ResolvedAt = at;
                    ResolvedMonth = MonthOf(at);
                    ResolvedTimeliness = AppointmentAt is { } appointment ? TimelinessAgainst(at, appointment) : null;
                    break;
                case DossierStatus.Withdrawn or DossierStatus.Stopped:
                    ClosedAt = at;
                    break;
            }
        }

        // A new dossier's first status (1, submitted) is the default value: it counts as a change too.
        if ((status != Status || StatusChangedAt == default) && NoticeOf(Status, status) is { } notice)
        {
            Tell(notice);
        }

        _unsynced = StatusChangedAt == default || _unsynced == NationalPortal.DossierSync.Received ? NationalPortal.DossierSync.Received : NationalPortal.DossierSync.Progressed;

        Status = status;
        StatusChangedAt = at;
    }

    /// <summary>
    /// What a change of status tells the applicant: submitted (online), accepted with the appointment (again after a
    /// supplement, with the new one), a supplement asked for, refused, withdrawn, stopped, returned. The result being
    /// ready is told by the workflow's own <c>notify</c> step, which knows where the result waits.
    /// </summary>
    private ApplicantEvent? NoticeOf(DossierStatus from, DossierStatus to) => to switch
    {
        DossierStatus.New when Channel == ReceptionChannel.Online => ApplicantEvent.Submitted,
        DossierStatus.Accepted => ApplicantEvent.Accepted,
        DossierStatus.InProgress when from == DossierStatus.SupplementRequested => ApplicantEvent.Accepted,
        DossierStatus.SupplementRequested => ApplicantEvent.SupplementRequested,
        DossierStatus.Refused => ApplicantEvent.Refused,
        DossierStatus.Withdrawn => ApplicantEvent.Withdrawn,
        DossierStatus.Stopped => ApplicantEvent.Stopped,
        DossierStatus.ResultReturned => ApplicantEvent.Returned,
        _ => null,
    };

    /// <summary>Records something to tell the applicant; queued for delivery when the action commits (<see cref="ApplicantNotifications"/>).</summary>
    public void Tell(ApplicantEvent notice)
    {
        _untoldEvents.Add(notice);
        MarkProgress();
    }

    /// <summary>Records that the dossier went on (a step, a supplement, a hand-over) for the national portal to hear of.</summary>
    public void MarkProgress() => _unsynced ??= NationalPortal.DossierSync.Progressed;

    /// <summary>What the national portal is to hear of since the last call: the dossier received, or its progress; taken once.</summary>
    public NationalPortal.DossierSync? TakeUnsynced()
    {
        var unsynced = _unsynced;
        _unsynced = null;
        return unsynced;
    }

    /// <summary>The applicant's notices recorded since the last call, oldest first; each is taken once.</summary>
    public IReadOnlyList<ApplicantEvent> TakeNotices()
    {
        List<ApplicantEvent> taken = [.. _untoldEvents];
        _untoldEvents.Clear();
        return taken;
    }

    /// <summary>
    /// Late after the appointment; early when done on a day before the appointment's day (in Vietnamese time: the
    /// appointment is the end of its day's office hours); otherwise on time.
    /// </summary>
    private static Timeliness TimelinessAgainst(DateTimeOffset done, DateTimeOffset appointment) =>
        done > appointment ? Timeliness.Late
        : LocalDate(done) < LocalDate(appointment) ? Timeliness.Early
        : Timeliness.OnTime;

    private static readonly TimeZoneInfo Vietnam = new OfficeHours().ResolveTimeZone();

    private static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Vietnam).DateTime);

    /// <summary>The month of an instant in Vietnamese time, as <c>yyyyMM</c> (e.g. 202612).</summary>
    public static int MonthOf(DateTimeOffset instant) => LocalDate(instant) is var date ? (date.Year * 100) + date.Month : 0;

    /// <summary>Records a legal form issued on the dossier (its number: the dossier code and the form's).</summary>
    public void Issue(string form, List<FormItem> items, string officer, string officerName, DateTimeOffset at, string? signatoryTitle = null) =>
        Forms.Add(new IssuedForm
        {
            Id = Guid.CreateVersion7(at),
            DossierId = Id,
            Form = form,
            Number = $"{Code}/{form}",
            IssuedAt = at,
            IssuedBy = officer,
            IssuedByName = officerName,
            SignatoryTitle = signatoryTitle,
            Items = items,
        });

    /// <summary>Gives the dossier an appointment, keeping the earlier ones in its history.</summary>
    public void Appoint(DateTimeOffset appointmentAt, AppointmentReason reason, DateTimeOffset at, string officer)
    {
        AppointmentAt = appointmentAt;
        MarkProgress();
        if (reason == AppointmentReason.Extension)
        {
            Tell(ApplicantEvent.Extended);
        }

        Appointments.Add(new AppointmentChange { Id = Guid.CreateVersion7(at), DossierId = Id, Reason = reason, AppointmentAt = appointmentAt, ChangedAt = at, ChangedBy = officer });
    }
}

/// <summary>How the applicant receives the result.</summary>
public enum ResultDelivery
{
    /// <summary>At the one-stop counter.</summary>
    Counter = 1,

    /// <summary>By the public postal service, to <see cref="Dossier.DeliveryAddress"/>.</summary>
    Post = 2,

    /// <summary>Electronically (an electronic copy of the result).</summary>
    Electronic = 3,
}
