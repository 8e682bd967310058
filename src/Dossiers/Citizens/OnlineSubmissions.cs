using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Definitions.Metadata;
using DossierWorkflow.Dossiers.Attachments;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Citizens;

/// <summary>
/// A citizen's online submission, step by step: a draft pre-filled from their account, checked at each step as reception
/// checks it (and with a scan for every mandatory document, which the portal asks for before sending), then submitted as
/// an online dossier through <see cref="DossierReception"/> — the same dossier, code and workflow as any online intake,
/// waiting in the receiving unit's reception queue — and linked to the account. Submitting twice makes one dossier.
/// </summary>
public sealed class OnlineSubmissions(DossiersDbContext db, DossierReception reception, ProcedureCatalogue catalogue, CurrentWorkingCalendar calendar, TimeProvider time)
{
    /// <summary>Who online dossiers are recorded as received by (<see cref="Dossier.ReceivedBy"/>).</summary>
    public const string Receiver = "portal";

    /// <summary>The dossier's idempotency key of a draft: one dossier per draft, however often it is submitted.</summary>
    public static string IdempotencyKeyOf(SubmissionDraft draft) => $"portal:{draft.Id:N}";

    /// <summary>The procedure in force today, or null.</summary>
    public ProcedureVersion? VersionToday(string procedureCode) =>
        catalogue.FindByCode(procedureCode)?.VersionOn(calendar.Calendar.LocalDate(time.GetUtcNow()));

    /// <summary>The units that may receive a procedure's dossiers: active, with an agency code, at its level.</summary>
    public Task<List<Unit>> ReceivingUnitsAsync(ProcedureVersion version, CancellationToken cancellationToken)
    {
        var kind = version.ImplementingLevel switch
        {
            UnitLevel.Province => UnitKind.Province,
            UnitLevel.District => UnitKind.District,
            _ => UnitKind.Commune,
        };
        return db.Set<Unit>().AsNoTracking().Where(u => u.IsActive && u.AgencyCode != null && u.Kind == kind).OrderBy(u => u.Name).ToListAsync(cancellationToken);
    }

    /// <summary>A new draft of the procedure for the account, its applicant taken from the account.</summary>
    public async Task<SubmissionDraft> StartAsync(CitizenAccount account, string procedureCode, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var draft = new SubmissionDraft
        {
            Id = Guid.CreateVersion7(now),
            AccountId = account.Id,
            ProcedureCode = procedureCode,
            ApplicantName = account.FullName,
            CitizenId = account.CitizenId,
            DateOfBirth = account.DateOfBirth,
            Gender = account.Gender,
            Address = account.Address,
            Phone = account.Phone,
            Email = account.Email,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(draft);
        await db.SaveChangesAsync(cancellationToken);
        return draft;
    }

    /// <summary>The account's draft (with its files), or null: nobody reaches another citizen's draft.</summary>
    public Task<SubmissionDraft?> FindAsync(Guid accountId, Guid draftId, CancellationToken cancellationToken) =>
        db.Set<SubmissionDraft>().Include(d => d.Files).FirstOrDefaultAsync(d => d.Id == draftId && d.AccountId == accountId, cancellationToken);

    /// <summary>Records a change of the draft (the page changed its fields or files).</summary>
    public async Task SaveAsync(SubmissionDraft draft, CancellationToken cancellationToken)
    {
        draft.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DossierProblem>> CheckUnitAsync(SubmissionDraft draft, ProcedureVersion version, CancellationToken cancellationToken) =>
        (await ReceivingUnitsAsync(version, cancellationToken)).Any(u => u.Code == draft.ReceivingUnit) ? [] : [new("ReceivingUnit", draft.ReceivingUnit is null ? "Required" : "UnknownUnit")];

    public IReadOnlyList<DossierProblem> CheckApplicant(SubmissionDraft draft) =>
        DossierReception.CheckApplicant(draft.Applicant(), calendar.Calendar.LocalDate(time.GetUtcNow()));

    /// <summary>A scan for every mandatory line of the procedure's documents.</summary>
    public static IReadOnlyList<DossierProblem> CheckDocuments(SubmissionDraft draft, ProcedureVersion version) =>
        [.. version.Documents
            .Select((line, position) => (line, position))
            .Where(d => d.line.Requirement == DocumentRequirement.Mandatory && draft.Files.All(f => f.DocumentPosition != d.position))
            .Select(d => new DossierProblem($"Documents[{d.position}]", "MandatoryDocumentMissing", d.line.NameVi))];

    /// <summary>At the counter; by post where the procedure sends results by post; electronically where it is fully online.</summary>
    public static IReadOnlyList<DossierProblem> CheckDelivery(SubmissionDraft draft, ProcedureVersion version) => draft.Delivery switch
    {
        ResultDelivery.Post when !version.Delivery.Contains(DeliveryMethod.Post) => [new("Delivery", "NoPostalDelivery")],
        ResultDelivery.Post when string.IsNullOrWhiteSpace(draft.DeliveryAddress) => [new("DeliveryAddress", "Required")],
        ResultDelivery.Electronic when version.OnlineLevel != OnlineServiceLevel.FullOnline => [new("Delivery", "NoElectronicDelivery")],
        ResultDelivery.Counter or ResultDelivery.Post or ResultDelivery.Electronic => [],
        _ => [new("Delivery", "Invalid")],
    };

    /// <summary>
    /// Submits the draft: every step checked again, then the online dossier made in the caller's unit of work (status 1,
    /// its reception step in the receiving unit's queue), linked to the account and told to the applicant (its code).
    /// A draft submitted before answers with its dossier.
    /// </summary>
    public async Task<SubmissionResult> SubmitAsync(SubmissionDraft draft, CitizenAccount account, string? language, CancellationToken cancellationToken)
    {
        if (draft.DossierCode is not null)
        {
            return new SubmissionResult(draft.DossierCode, []);
        }

        if (VersionToday(draft.ProcedureCode) is not { } version)
        {
            return new SubmissionResult(null, [new("ProcedureCode", "UnknownProcedure")]);
        }

        List<DossierProblem> problems = [.. await CheckUnitAsync(draft, version, cancellationToken), .. CheckApplicant(draft), .. CheckDocuments(draft, version), .. CheckDelivery(draft, version)];
        if (problems.Count > 0)
        {
            return new SubmissionResult(null, problems);
        }

        var result = await reception.ReceiveAsync(
            new ReceptionRequest
            {
                ProcedureCode = draft.ProcedureCode,
                ReceivingUnit = draft.ReceivingUnit!,
                Channel = ReceptionChannel.Online,
                Applicant = draft.Applicant(),
                Documents = [.. draft.Files.Select(f => f.DocumentPosition).Distinct().Select(position => new ProvidedDocument(position, true, DocumentForm.Copy, 1))],
                Delivery = draft.Delivery,
                DeliveryAddress = draft.DeliveryAddress,
                Files = [.. draft.Files.OrderBy(f => f.UploadedAt).Select(f => new SubmittedFile(f.DocumentPosition, new AcceptedFile(f.FileName, f.ContentType, f.Length, f.Sha256)))],
                Decision = null,
                Officer = Receiver,
                OfficerName = account.FullName,
                IdempotencyKey = IdempotencyKeyOf(draft),
                Language = language,
            },
            cancellationToken);
        switch (result)
        {
            case ReceptionResult.Received { Dossier: var dossier }:
                dossier.CitizenAccountId = account.Id;
                draft.DossierCode = dossier.Code;
                await SaveAsync(draft, cancellationToken);
                return new SubmissionResult(dossier.Code, []);
            case ReceptionResult.Replayed { Dossier: var dossier }:
                return new SubmissionResult(dossier.Code, []);
            case ReceptionResult.Invalid invalid:
                return new SubmissionResult(null, invalid.Problems);
            default:
                throw new InvalidOperationException($"Unexpected reception result {result}.");
        }
    }
}

/// <summary>A submission: the dossier's code, or the problems that stopped it.</summary>
public sealed record SubmissionResult(string? DossierCode, IReadOnlyList<DossierProblem> Problems);
