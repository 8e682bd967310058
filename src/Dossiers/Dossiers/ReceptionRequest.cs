using DossierWorkflow.Definitions.Metadata;
using DossierWorkflow.Dossiers.Calendar;

namespace DossierWorkflow.Dossiers.Dossiers;

/// <summary>Everything reception needs to decide on a dossier: what the officer entered at the counter, or a client sent online.</summary>
public sealed record ReceptionRequest
{
    public required string ProcedureCode { get; init; }

    /// <summary>The code of the receiving unit (one with an agency code for dossier codes).</summary>
    public required string ReceivingUnit { get; init; }

    public ReceptionChannel Channel { get; init; } = ReceptionChannel.Counter;

    /// <summary>By post: when the envelope arrived (a day off counts as the next working day). Otherwise the time of reception.</summary>
    public DateTimeOffset? ArrivedAt { get; init; }

    public required DossierApplicant Applicant { get; init; }

    public DossierRepresentative? Representative { get; init; }

    /// <summary>The version's document list as checked, by position; lines not given count as not provided.</summary>
    public IReadOnlyList<ProvidedDocument> Documents { get; init; } = [];

    public int SetCount { get; init; } = 1;

    public ResultDelivery Delivery { get; init; } = ResultDelivery.Counter;

    public string? DeliveryAddress { get; init; }

    /// <summary>An exemption of the version's fee rules that the applicant claims (its code).</summary>
    public string? FeeExemption { get; init; }

    /// <summary>Copies of the result asked for (fees charged per copy or page).</summary>
    public int Copies { get; init; } = 1;

    /// <summary>Pages of the document (fees charged per page).</summary>
    public int Pages { get; init; } = 1;

    /// <summary>Reception's decision; null for an online submission, whose reception step then waits in the unit's queue.</summary>
    public ReceptionDecision? Decision { get; init; }

    /// <summary>The scans given with the dossier, already checked and stored (<see cref="Attachments.AttachmentIntake"/>).</summary>
    public IReadOnlyList<SubmittedFile> Files { get; init; } = [];

    /// <summary>
    /// Accepting a dossier of a procedure that consults departments: the codes of the receiving unit's departments whose
    /// opinion it needs (the workflow's <c>departments</c>).
    /// </summary>
    public IReadOnlyList<string> ConsultedDepartments { get; init; } = [];

    /// <summary>Supplement: every missing or wrong item with its reason, given once and completely.</summary>
    public IReadOnlyList<FormItem> SupplementItems { get; init; } = [];

    /// <summary>Refusal: the specific reasons.</summary>
    public IReadOnlyList<string> RefusalReasons { get; init; } = [];

    /// <summary>The officer deciding: user name and full name (signed on the forms).</summary>
    public required string Officer { get; init; }

    public required string OfficerName { get; init; }

    /// <summary>Submitting the same key again finds the dossier it created instead of creating a second one.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>The language the applicant is written to in: <c>en</c>, or null for Vietnamese (see <see cref="Dossier.Language"/>).</summary>
    public string? Language { get; init; }
}

/// <summary>A stored scan and the line of the document list it belongs to (null: none named).</summary>
public sealed record SubmittedFile(int? DocumentPosition, Attachments.AcceptedFile File);

/// <summary>One line of the document checklist: provided or not, in which form and how many.</summary>
public sealed record ProvidedDocument(int Position, bool Provided, DocumentForm Form, int Count);

/// <summary>The three decisions of reception (Decree 118/2025, Art. 15–16).</summary>
public enum ReceptionDecision
{
    /// <summary>Accept: dossier code, appointment, form 01.</summary>
    Accept = 1,

    /// <summary>Ask for a supplement (form 02); the dossier is kept so that the applicant's return continues it.</summary>
    Supplement = 2,

    /// <summary>Refuse to receive it (form 03).</summary>
    Refuse = 3,
}

/// <summary>A field of an officer's request on a dossier that is wrong, and why (a code the user interface words in the user's language).</summary>
/// <param name="Field">The request's property path, e.g. <c>Applicant.CitizenId</c> or <c>Documents[2]</c>.</param>
public sealed record DossierProblem(string Field, string Code, params object[] Arguments);

/// <summary>What became of a reception request (<see cref="DossierReception.ReceiveAsync"/>).</summary>
public abstract record ReceptionResult
{
    private ReceptionResult()
    {
    }

    /// <summary>A new dossier, saved in the caller's unit of work.</summary>
    public sealed record Received(Dossier Dossier) : ReceptionResult;

    /// <summary>The dossier the request's idempotency key already made (a resubmitted form, a retried API call): unchanged.</summary>
    public sealed record Replayed(Dossier Dossier) : ReceptionResult;

    /// <summary>Every problem of the request, each naming its field; nothing was written.</summary>
    public sealed record Invalid(IReadOnlyList<DossierProblem> Problems) : ReceptionResult;
}

/// <summary>
/// Reception's decision on a dossier waiting at reception — submitted online, or back with the documents a supplement
/// request asked for — by the officer who opened it.
/// </summary>
public sealed record WaitingDecision(ReceptionDecision Decision, string Officer, string OfficerName)
{
    public IReadOnlyList<FormItem> SupplementItems { get; init; } = [];

    /// <summary>See <see cref="ReceptionRequest.ConsultedDepartments"/>.</summary>
    public IReadOnlyList<string> ConsultedDepartments { get; init; } = [];

    public IReadOnlyList<string> RefusalReasons { get; init; } = [];
}
