using System.Globalization;
using System.Text.Json.Nodes;
using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Definitions.Metadata;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.DossierCodes;
using DossierWorkflow.Dossiers.Forms;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Dossiers.Workflow;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Dossiers;

/// <summary>
/// Receives a dossier and records reception's decision on it — accept, ask for a supplement, refuse — inside the caller's
/// unit of work: the dossier's rows, its code, its workflow instance (started with the dossier's variables, its reception
/// step completed with the decision) and the form the decision issues all commit together or not at all. The counter,
/// the post and the online intake all come through here.
/// </summary>
public sealed class DossierReception(
    DossiersDbContext db,
    IWorkflowEngine engine,
    ProcedureCatalogue catalogue,
    CurrentWorkingCalendar calendar,
    LegalFormPdfGenerator forms,
    Telemetry.ActionMeasurements measurements,
    TimeProvider time)
{
    /// <summary>The reception step's outcome for each decision (<c>dw:outcomes</c> of the catalogue's reception steps).</summary>
    private static readonly Dictionary<ReceptionDecision, string> Outcomes = new()
    {
        [ReceptionDecision.Accept] = "accept",
        [ReceptionDecision.Supplement] = "supplement",
        [ReceptionDecision.Refuse] = "refuse",
    };

    /// <summary>
    /// Whether <paramref name="step"/> is a reception decision (accept, supplement, refuse), which only
    /// <see cref="DossierReception"/> records: it gives the appointment and issues the forms that go with it.
    /// </summary>
    public static bool IsReceptionStep(WorkItem step) => step.CandidateRole == Roles.Reception && step.Outcomes.Contains(Outcomes[ReceptionDecision.Accept]);

    /// <summary>The reason printed on form 02 for a mandatory document the applicant did not bring.</summary>
    public const string MissingDocumentReason = "Thành phần hồ sơ bắt buộc, chưa nộp";

    /// <summary>
    /// Receives <paramref name="request"/> in the caller's unit of work: the dossier its idempotency key already made
    /// (<see cref="ReceptionResult.Replayed"/>, unchanged), or every problem of the request at once, each naming its field
    /// (<see cref="ReceptionResult.Invalid"/>, nothing written), or the new dossier, saved (<see cref="ReceptionResult.Received"/>;
    /// the caller's commit makes it durable). A request racing another with the same key fails on the key's unique index
    /// (<c>DbUpdateException</c>), and the caller then rolls back and reads the other's dossier.
    /// </summary>
    public async Task<ReceptionResult> ReceiveAsync(ReceptionRequest request, CancellationToken cancellationToken)
    {
        if (request.IdempotencyKey is { } key && await FindByIdempotencyKeyAsync(key, cancellationToken) is { } existing)
        {
            return new ReceptionResult.Replayed(existing);
        }

        var unit = await FindUnitAsync(request.ReceivingUnit, cancellationToken);
        var problems = Validate(request, unit, unit is null ? [] : await DepartmentsOfAsync(unit.Code, cancellationToken));
        return problems.Count > 0 ? new ReceptionResult.Invalid(problems) : new ReceptionResult.Received(await ReceiveAsync(request, unit!, cancellationToken));
    }

    private List<DossierProblem> Validate(ReceptionRequest request, Unit? unit, IReadOnlyList<Unit> departments)
    {
        List<DossierProblem> problems = [];
        var receivedOn = calendar.Calendar.LocalDate(ReceivedAt(request));
        var version = catalogue.FindByCode(request.ProcedureCode)?.VersionOn(receivedOn);
        if (version is null)
        {
            problems.Add(new(nameof(request.ProcedureCode), "UnknownProcedure"));
        }

        if (unit is null)
        {
            problems.Add(new(nameof(request.ReceivingUnit), "UnknownUnit"));
        }

        if (request.Channel == ReceptionChannel.Postal && request.ArrivedAt is { } arrived && arrived > time.GetUtcNow())
        {
            problems.Add(new(nameof(request.ArrivedAt), "ArrivedInFuture"));
        }

        ValidateApplicant(request.Applicant, receivedOn, problems);
        if (request.Representative is { } representative)
        {
            Require(representative.Name, "Representative.Name", problems);
            CheckCitizenId(representative.CitizenId, null, null, "Representative.CitizenId", problems);
            CheckPhone(representative.Phone, "Representative.Phone", problems);
        }

        if (request.SetCount is < 1 or > 99)
        {
            problems.Add(new(nameof(request.SetCount), "Range", 1, 99));
        }

        if (request.Copies is < 1 or > 999 || request.Pages is < 1 or > 9999)
        {
            problems.Add(new(request.Copies is < 1 or > 999 ? nameof(request.Copies) : nameof(request.Pages), "Range", 1, request.Copies is < 1 or > 999 ? 999 : 9999));
        }

        if (request.Delivery == ResultDelivery.Post && string.IsNullOrWhiteSpace(request.DeliveryAddress))
        {
            problems.Add(new(nameof(request.DeliveryAddress), "Required"));
        }

        if (version is not null)
        {
            if (request.Delivery == ResultDelivery.Post && !version.Delivery.Contains(DeliveryMethod.Post))
            {
                problems.Add(new(nameof(request.Delivery), "NoPostalDelivery"));
            }

            if (request.FeeExemption is { Length: > 0 } exemption && version.Fee.Exemptions.All(e => e.Code != exemption))
            {
                problems.Add(new(nameof(request.FeeExemption), "UnknownExemption"));
            }

            ValidateDocuments(request, version, problems);
        }

        CheckDecision(request, version, problems);
        CheckConsultation(request, version, departments, problems);
        return problems;
    }

    /// <summary>The active departments of a unit, by name: those reception may ask for an opinion.</summary>
    public async Task<IReadOnlyList<Unit>> DepartmentsOfAsync(string unitCode, CancellationToken cancellationToken) =>
        await db.Set<Unit>().AsNoTracking()
            .Where(u => u.Parent!.Code == unitCode && u.Kind == UnitKind.Department && u.IsActive)
            .OrderBy(u => u.Name)
            .ToListAsync(cancellationToken);

    /// <summary>Accepting a dossier of a procedure that consults departments: at least one, each a department of the receiving unit.</summary>
    private static void CheckConsultation(ReceptionRequest request, ProcedureVersion? version, IReadOnlyList<Unit> departments, List<DossierProblem> problems)
    {
        if (version is not { ConsultsDepartments: true } || request.Decision != ReceptionDecision.Accept)
        {
            return;
        }

        if (request.ConsultedDepartments.Count == 0)
        {
            problems.Add(new(nameof(request.ConsultedDepartments), "ConsultedDepartmentsRequired"));
        }
        else if (request.ConsultedDepartments.FirstOrDefault(code => departments.All(d => d.Code != code)) is { } unknown)
        {
            problems.Add(new(nameof(request.ConsultedDepartments), "UnknownDepartment", unknown));
        }
    }

    /// <summary>What accepting the dossier tells its workflow: the departments to consult, when the procedure consults any.</summary>
    private static JsonObject? DecisionVariables(ReceptionRequest request, ProcedureVersion version) =>
        version.ConsultsDepartments && request.Decision == ReceptionDecision.Accept
            ? new JsonObject { [WorkflowVariables.Departments] = new JsonArray([.. request.ConsultedDepartments.Distinct().Select(code => (JsonNode?)code)]) }
            : null;

    /// <summary>Receives a valid request for <paramref name="unit"/>, its receiving unit.</summary>
    private async Task<Dossier> ReceiveAsync(ReceptionRequest request, Unit unit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var receivedAt = ReceivedAt(request);
        var receivedOn = calendar.Calendar.LocalDate(receivedAt);
        var procedure = catalogue.FindByCode(request.ProcedureCode) ?? throw new ArgumentException($"Unknown procedure {request.ProcedureCode}.", nameof(request));
        var version = procedure.GetVersionOn(receivedOn);
        var fee = catalogue.ComputeFee(
            procedure, request.Copies, request.Pages, request.Channel == ReceptionChannel.Online,
            request.FeeExemption is { Length: > 0 } exemption ? [exemption] : [], receivedOn);
        var dossier = new Dossier
        {
            Id = Guid.CreateVersion7(now),
            Code = "",
            ProcedureCode = procedure.Code,
            ProcedureKey = procedure.Key,
            ProcedureName = version.NameVi,
            Sector = version.Sector,
            ProcedureVersionJson = Dossier.Snapshot(version),
            FormTemplateVersion = forms.Catalog.ForDate(calendar.Calendar.ToLocal(receivedAt).DateTime).Id,
            ReceivingUnit = unit.Code,
            Channel = request.Channel,
            Applicant = Normalised(request.Applicant),
            Representative = request.Representative is { } representative
                ? new DossierRepresentative { Name = representative.Name.Trim(), CitizenId = representative.CitizenId?.Trim(), Phone = Phone(representative.Phone) }
                : null,
            SetCount = request.SetCount,
            Delivery = request.Delivery,
            DeliveryAddress = request.Delivery == ResultDelivery.Post ? request.DeliveryAddress?.Trim() : null,
            FeeAmount = fee.Amount,
            FeeExplanation = fee.ExplanationVi,
            FeeExplanationEn = fee.Explanation,
            FeeExemption = string.IsNullOrEmpty(request.FeeExemption) ? null : request.FeeExemption,
            ReceivedAt = receivedAt,
            ReceivedBy = request.Officer,
            IdempotencyKey = request.IdempotencyKey,
            Language = request.Language == "en" ? "en" : null,
        };
        dossier.Documents.AddRange(version.Documents.Select((line, position) =>
        {
            var provided = request.Documents.FirstOrDefault(d => d.Position == position);
            return new DossierDocument
            {
                Id = Guid.CreateVersion7(now),
                DossierId = dossier.Id,
                Position = position,
                Name = line.NameVi,
                Requirement = line.Requirement,
                Provided = provided?.Provided == true,
                Form = provided?.Form ?? line.Form,
                Count = provided is { Provided: true } ? provided.Count : 0,
            };
        }));
        dossier.Files.AddRange(request.Files.Select(f => new DossierFile
        {
            Id = Guid.CreateVersion7(now),
            DossierId = dossier.Id,
            DocumentPosition = f.DocumentPosition,
            FileName = f.File.FileName,
            ContentType = f.File.ContentType,
            Length = f.File.Length,
            Sha256 = f.File.Sha256,
            UploadedAt = now,
            UploadedBy = request.Officer,
        }));
        dossier.MoveTo(DossierStatus.New, now);

        // The day's code counter stays locked until the action commits (two receptions of a unit take turns there), so
        // it is taken as late as it can be: only the workflow commands, the dossier's save and the commit follow.
        dossier.Code = (await DossierCodeGenerator.NextAsync(db, unit.AgencyCode!, receivedOn, cancellationToken)).ToString();
        db.Add(dossier);
        measurements.Received(dossier.Channel, dossier.ReceivingUnit);
        var started = await engine.StartAsync(
            new StartInstance(procedure.Key) { BusinessKey = dossier.Code, Variables = Variables(dossier), Actor = request.Officer },
            cancellationToken);
        dossier.WorkflowInstanceId = started.InstanceId;
        var reception = started.OpenWorkItems.FirstOrDefault(w => w.CandidateRole == Roles.Reception)
            ?? throw new InvalidOperationException($"The workflow of {procedure.Code} ({procedure.Key}) does not begin with a reception step.");
        if (request.Decision is { } decision)
        {
            await engine.CompleteWorkItemAsync(
                new CompleteWorkItem(reception.Id) { Outcome = Outcomes[decision], Actor = request.Officer, Comment = Comment(request), Variables = DecisionVariables(request, version) },
                cancellationToken);
            measurements.StepCompleted(reception.CandidateRole, dossier.ReceivingUnit);
            Decide(dossier, request, version, now);
        }

        // Otherwise submitted online: the reception step waits in the receiving unit's queue for an officer's decision.
        // The dossier is saved here, within the caller's try: a second request with the same key, racing this one, waits
        // on the key's unique index and fails there when this one commits.
        await db.SaveChangesAsync(cancellationToken);
        return dossier;
    }

    /// <summary>
    /// Records reception's decision on a dossier waiting at reception, in the caller's unit of work: submitted online and
    /// not yet decided (status 1), or back from a supplement request with its documents (status 5, recorded by
    /// <see cref="DossierSupplements"/>). Its reception step is completed with the decision, and its status, appointment
    /// and form follow as at the counter; accepting a supplemented dossier restarts the legal clock from the supplement's
    /// arrival. Returns the problems instead when the decision lacks its items or reasons, or the dossier does not wait.
    /// </summary>
    public async Task<IReadOnlyList<DossierProblem>> DecideAsync(Dossier dossier, WaitingDecision decision, CancellationToken cancellationToken)
    {
        var request = new ReceptionRequest
        {
            ProcedureCode = dossier.ProcedureCode,
            ReceivingUnit = dossier.ReceivingUnit,
            Channel = dossier.Channel,
            Applicant = dossier.Applicant,
            Documents = [.. dossier.Documents.Select(d => new ProvidedDocument(d.Position, d.Provided, d.Form, d.Count))],
            Decision = decision.Decision,
            SupplementItems = decision.SupplementItems,
            RefusalReasons = decision.RefusalReasons,
            ConsultedDepartments = decision.ConsultedDepartments,
            Officer = decision.Officer,
            OfficerName = decision.OfficerName,
        };
        var version = dossier.ProcedureVersion;
        List<DossierProblem> problems = [];
        var step = dossier.Status is DossierStatus.New or DossierStatus.SupplementRequested
            ? (await engine.QueryWorkItemsAsync(new WorkItemFilter { BusinessKey = dossier.Code, CandidateRole = Roles.Reception }, cancellationToken)).FirstOrDefault()
            : null;
        if (step is null)
        {
            problems.Add(new(nameof(request.Decision), dossier.Status == DossierStatus.SupplementRequested ? "SupplementNotBack" : "AlreadyDecided"));
        }

        CheckDecision(request, version, problems);
        CheckConsultation(request, version, await DepartmentsOfAsync(dossier.ReceivingUnit, cancellationToken), problems);
        if (request.Decision == ReceptionDecision.Accept)
        {
            ValidateDocuments(request, version, problems);
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        await engine.CompleteWorkItemAsync(
            new CompleteWorkItem(step!.Id) { Outcome = Outcomes[decision.Decision], Actor = decision.Officer, Comment = Comment(request), Variables = DecisionVariables(request, version) },
            cancellationToken);
        measurements.StepCompleted(step.CandidateRole, dossier.ReceivingUnit);
        Decide(dossier, request, version, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    /// <summary>The dossier a request with this idempotency key created, if any.</summary>
    public Task<Dossier?> FindByIdempotencyKeyAsync(string key, CancellationToken cancellationToken) =>
        db.Set<Dossier>().Include(d => d.Forms).Include(d => d.Files).AsSplitQuery().FirstOrDefaultAsync(d => d.IdempotencyKey == key, cancellationToken);

    private void Decide(Dossier dossier, ReceptionRequest request, ProcedureVersion version, DateTimeOffset now)
    {
        switch (request.Decision)
        {
            case ReceptionDecision.Accept:
                // Back from a supplement request, the dossier is complete only now: the legal clock starts (again, from
                // zero) when the documents came back, and an earlier appointment stays in the history.
                var clockStart = dossier.Status == DossierStatus.SupplementRequested && dossier.SupplementArrivedAt is { } arrived ? arrived : dossier.ReceivedAt;
                var deadline = new DeadlineCalculator(calendar.Calendar).Compute(clockStart, version.ProcessingTime.ToProcessingTime(), dossier.Channel);
                var first = dossier.AppointmentAt is null;
                dossier.Appoint(deadline.AppointmentDate, first ? AppointmentReason.First : AppointmentReason.RestartAfterSupplement, now, request.Officer);
                dossier.MoveTo(first ? DossierStatus.Accepted : DossierStatus.InProgress, now);
                dossier.Issue("01", [], request.Officer, request.OfficerName, now);
                break;
            case ReceptionDecision.Supplement:
                dossier.MoveTo(DossierStatus.SupplementRequested, now);
                // Given once and completely: the officer's items, and every mandatory document not ticked.
                List<FormItem> items = [.. request.SupplementItems.Select(i => new FormItem(i.Content.Trim(), i.Reason.Trim()))];
                items.AddRange(MissingDocuments(request, version)
                    .Where(name => !items.Any(i => i.Content.Equals(name, StringComparison.OrdinalIgnoreCase)))
                    .Select(name => new FormItem(name, MissingDocumentReason)));
                dossier.Issue("02", items, request.Officer, request.OfficerName, now);
                break;
            case ReceptionDecision.Refuse:
                dossier.MoveTo(DossierStatus.Refused, now);
                dossier.Issue("03", [.. request.RefusalReasons.Select(r => new FormItem("", r.Trim()))], request.Officer, request.OfficerName, now);
                break;
        }
    }

    private static DossierApplicant Normalised(DossierApplicant applicant) => new()
    {
        Kind = applicant.Kind,
        Name = applicant.Name.Trim(),
        CitizenId = Blank(applicant.CitizenId),
        DateOfBirth = applicant.DateOfBirth,
        Gender = applicant.Gender,
        Address = Blank(applicant.Address),
        Phone = Phone(applicant.Phone),
        Email = Blank(applicant.Email),
        TaxCode = Blank(applicant.TaxCode),
        LegalRepresentative = Blank(applicant.LegalRepresentative),
    };

    private static string? Phone(string? phone) => string.IsNullOrWhiteSpace(phone) ? null : ContactDetails.NormalisePhone(phone) ?? phone.Trim();

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static JsonObject Variables(Dossier dossier) =>
        WorkflowVariables.AtReception(dossier.ReceivingUnit, dossier.Channel, dossier.Delivery, dossier.FeeAmount);

    private static string? Comment(ReceptionRequest request) => request.Decision switch
    {
        ReceptionDecision.Supplement => string.Join("; ", request.SupplementItems.Select(i => $"{i.Content.Trim()}: {i.Reason.Trim()}")),
        ReceptionDecision.Refuse => string.Join("; ", request.RefusalReasons.Select(r => r.Trim())),
        _ => null,
    };

    private DateTimeOffset ReceivedAt(ReceptionRequest request) =>
        request.Channel == ReceptionChannel.Postal && request.ArrivedAt is { } arrived ? arrived : time.GetUtcNow();

    private Task<Unit?> FindUnitAsync(string code, CancellationToken cancellationToken) =>
        db.Set<Unit>().AsNoTracking().FirstOrDefaultAsync(u => u.Code == code && u.IsActive && u.AgencyCode != null, cancellationToken);

    /// <summary>The applicant's problems, as reception checks them (fields <c>Applicant.*</c>); also the portal's applicant step.</summary>
    public static List<DossierProblem> CheckApplicant(DossierApplicant applicant, DateOnly today)
    {
        List<DossierProblem> problems = [];
        ValidateApplicant(applicant, today, problems);
        return problems;
    }

    private static void ValidateApplicant(DossierApplicant applicant, DateOnly today, List<DossierProblem> problems)
    {
        Require(applicant.Name, "Applicant.Name", problems);
        if (applicant.Kind == ApplicantKind.Organisation)
        {
            if (string.IsNullOrWhiteSpace(applicant.TaxCode))
            {
                problems.Add(new("Applicant.TaxCode", "Required"));
            }
            else if (!IsTaxCode(applicant.TaxCode.Trim()))
            {
                problems.Add(new("Applicant.TaxCode", "TaxCode"));
            }

            Require(applicant.LegalRepresentative, "Applicant.LegalRepresentative", problems);
        }
        else
        {
            Require(applicant.CitizenId, "Applicant.CitizenId", problems);
            CheckCitizenId(applicant.CitizenId, applicant.DateOfBirth, applicant.Gender, "Applicant.CitizenId", problems);
            if (applicant.DateOfBirth is { } born && born > today)
            {
                problems.Add(new("Applicant.DateOfBirth", "InFuture"));
            }
        }

        Require(applicant.Address, "Applicant.Address", problems);
        CheckPhone(applicant.Phone, "Applicant.Phone", problems);
        if (!string.IsNullOrWhiteSpace(applicant.Email) && !ContactDetails.IsEmail(applicant.Email))
        {
            problems.Add(new("Applicant.Email", "Email"));
        }
    }

    private static void ValidateDocuments(ReceptionRequest request, ProcedureVersion version, List<DossierProblem> problems)
    {
        foreach (var line in request.Documents)
        {
            if (line.Position < 0 || line.Position >= version.Documents.Length)
            {
                problems.Add(new(nameof(request.Documents), "UnknownDocument"));
            }
            else if (line.Provided && line.Count is < 1 or > 99)
            {
                problems.Add(new($"Documents[{line.Position}]", "Range", 1, 99));
            }
        }

        if (request.Decision is not ReceptionDecision.Accept)
        {
            return;
        }

        for (var position = 0; position < version.Documents.Length; position++)
        {
            if (version.Documents[position].Requirement == DocumentRequirement.Mandatory && !request.Documents.Any(d => d.Position == position && d.Provided))
            {
                problems.Add(new($"Documents[{position}]", "MandatoryDocumentMissing", version.Documents[position].NameVi));
            }
        }
    }

    /// <summary>A supplement needs its items (or missing documents to list), a refusal its reasons.</summary>
    private static void CheckDecision(ReceptionRequest request, ProcedureVersion? version, List<DossierProblem> problems)
    {
        switch (request.Decision)
        {
            case ReceptionDecision.Supplement when request.SupplementItems.Any(i => string.IsNullOrWhiteSpace(i.Content) || string.IsNullOrWhiteSpace(i.Reason)):
                problems.Add(new(nameof(request.SupplementItems), "SupplementItemIncomplete"));
                break;
            case ReceptionDecision.Supplement when request.SupplementItems.Count == 0 && (version is null || MissingDocuments(request, version).Count == 0):
                problems.Add(new(nameof(request.SupplementItems), "SupplementItemsRequired"));
                break;
            case ReceptionDecision.Refuse when request.RefusalReasons.Count == 0 || request.RefusalReasons.Any(string.IsNullOrWhiteSpace):
                problems.Add(new(nameof(request.RefusalReasons), "RefusalReasonsRequired"));
                break;
            case null when request.Channel != ReceptionChannel.Online:
            case not (null or ReceptionDecision.Accept or ReceptionDecision.Supplement or ReceptionDecision.Refuse):
                problems.Add(new(nameof(request.Decision), "UnknownDecision"));
                break;
        }
    }

    /// <summary>A tax code: 10 digits, or 13 for a branch, written with or without the dash (0123456789-001).</summary>
    private static bool IsTaxCode(string text)
    {
        var digits = text.Length == 14 && text[10] == '-' ? text.Remove(10, 1) : text;
        return digits.Length is 10 or 13 && digits.All(char.IsAsciiDigit);
    }

    /// <summary>The mandatory documents of the version that the request does not tick, by name.</summary>
    private static List<string> MissingDocuments(ReceptionRequest request, ProcedureVersion version) =>
        [.. version.Documents
            .Select((line, position) => (line, position))
            .Where(d => d.line.Requirement == DocumentRequirement.Mandatory && !request.Documents.Any(p => p.Position == d.position && p.Provided))
            .Select(d => d.line.NameVi)];

    private static void CheckCitizenId(string? number, DateOnly? dateOfBirth, Gender? gender, string field, List<DossierProblem> problems)
    {
        if (!string.IsNullOrWhiteSpace(number) && CitizenIdNumber.CheckAgainst(number.Trim(), dateOfBirth, gender) is { } problem)
        {
            problems.Add(new(field, $"CitizenId.{problem}"));
        }
    }

    private static void CheckPhone(string? phone, string field, List<DossierProblem> problems)
    {
        if (!string.IsNullOrWhiteSpace(phone) && ContactDetails.NormalisePhone(phone) is null)
        {
            problems.Add(new(field, "Phone"));
        }
    }

    private static void Require(string? value, string field, List<DossierProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new(field, "Required"));
        }
    }
}
