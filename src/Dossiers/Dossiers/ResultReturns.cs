using DossierWorkflow.Dossiers.Attachments;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;

namespace DossierWorkflow.Dossiers.Dossiers;

/// <summary>
/// Returns a resolved dossier's result (status 9) in the caller's unit of work: collected at the counter (who, with the
/// fee collected), sent electronically (the result file), or handed to the public postal service with its tracking
/// number — then delivered, or returned to sender and back at the counter. Each completes the dossier's return step in
/// its workflow, and the dossier's status follows (<see cref="DossierStatusRules"/>): returned (10), after which the
/// dossier is read-only.
/// </summary>
public sealed class ResultReturns(DossiersDbContext db, IWorkflowEngine engine, Telemetry.ActionMeasurements measurements, TimeProvider time)
{
    /// <summary>The outcomes of the postal return step (<c>dw:outcomes</c> of <c>Task_ReturnByPost</c>).</summary>
    public const string Delivered = "delivered";

    public const string ReturnedToSender = "returned";

    /// <summary>
    /// Whether <paramref name="step"/> returns a result: a reception step that is not reception's decision. Only this
    /// class completes it, with the hand-over it records.
    /// </summary>
    public static bool IsReturnStep(WorkItem step) => step.CandidateRole == Roles.Reception && !DossierReception.IsReceptionStep(step);

    /// <summary>The dossier's open return step, if any.</summary>
    public async Task<WorkItem?> FindStepAsync(Dossier dossier, CancellationToken cancellationToken) =>
        dossier.Status != DossierStatus.Resolved
            ? null
            : (await engine.QueryWorkItemsAsync(new WorkItemFilter { BusinessKey = dossier.Code, CandidateRole = Roles.Reception }, cancellationToken))
                .FirstOrDefault(IsReturnStep);

    /// <summary>Whether <paramref name="step"/> is the postal one: it waits for the post's delivery or its return.</summary>
    public static bool IsPostal(WorkItem step) => step.Outcomes.Contains(Delivered);

    /// <summary>What is still to pay of the dossier's fee and charges, in đồng (its payments loaded).</summary>
    public static long Outstanding(Dossier dossier) => Math.Max(0, dossier.FeeAmount - dossier.Payments.Sum(p => p.Amount));

    /// <summary>The postal hand-over the post still carries, if any (its hand-overs loaded).</summary>
    public static ResultHandover? AtThePost(Dossier dossier) =>
        dossier.Handovers.FirstOrDefault(h => h.Method == ResultDelivery.Post && h.PostalOutcome is null);

    /// <summary>
    /// The result collected at the counter by the applicant or a person they authorised; the outstanding fee is collected
    /// with it. <paramref name="dossier"/> is tracked with its payments and hand-overs.
    /// </summary>
    public async Task<IReadOnlyList<DossierProblem>> ReturnAtCounterAsync(Dossier dossier, CounterReturn request, CancellationToken cancellationToken)
    {
        List<DossierProblem> problems = [];
        var step = await CounterStepAsync(dossier, problems, cancellationToken);
        if (request.Collector == CollectorKind.Authorised)
        {
            Require(request.CollectorName, nameof(request.CollectorName), problems);
        }

        Require(request.CollectorIdNumber, nameof(request.CollectorIdNumber), problems);
        if (!string.IsNullOrWhiteSpace(request.CollectorIdNumber) && !IsIdNumber(request.CollectorIdNumber.Trim()))
        {
            problems.Add(new(nameof(request.CollectorIdNumber), "IdNumber"));
        }

        CheckPayment(dossier, request.Payment, problems);
        if (problems.Count > 0)
        {
            return problems;
        }

        var now = time.GetUtcNow();
        var name = string.IsNullOrWhiteSpace(request.CollectorName) ? dossier.Applicant.Name : request.CollectorName.Trim();
        Pay(dossier, request.Payment, request.Officer, now);
        dossier.Handovers.Add(new ResultHandover
        {
            Id = Guid.CreateVersion7(now),
            DossierId = dossier.Id,
            Method = ResultDelivery.Counter,
            HandedOverAt = now,
            RecordedBy = request.Officer,
            RecordedAt = now,
            CollectorKind = request.Collector,
            CollectorName = name,
            CollectorIdNumber = request.CollectorIdNumber!.Trim(),
        });
        await CompleteAsync(dossier, step!, null, $"Trả kết quả trực tiếp cho {name}", request.Officer, now, cancellationToken);
        return [];
    }

    /// <summary>The result file sent to the applicant electronically (the dossier asked for it so); the fee as at the counter.</summary>
    public async Task<IReadOnlyList<DossierProblem>> ReturnElectronicallyAsync(Dossier dossier, ElectronicReturn request, CancellationToken cancellationToken)
    {
        List<DossierProblem> problems = [];
        var step = await CounterStepAsync(dossier, problems, cancellationToken);
        if (dossier.Delivery != ResultDelivery.Electronic)
        {
            problems.Add(new("Method", "NotElectronic"));
        }

        if (request.ResultFile is null)
        {
            problems.Add(new(nameof(request.ResultFile), "ResultFileRequired"));
        }

        CheckPayment(dossier, request.Payment, problems);
        if (problems.Count > 0)
        {
            return problems;
        }

        var now = time.GetUtcNow();
        var file = new DossierFile
        {
            Id = Guid.CreateVersion7(now),
            DossierId = dossier.Id,
            Kind = DossierFileKind.Result,
            FileName = request.ResultFile!.FileName,
            ContentType = request.ResultFile.ContentType,
            Length = request.ResultFile.Length,
            Sha256 = request.ResultFile.Sha256,
            UploadedAt = now,
            UploadedBy = request.Officer,
        };
        dossier.Files.Add(file);
        Pay(dossier, request.Payment, request.Officer, now);
        dossier.Handovers.Add(new ResultHandover
        {
            Id = Guid.CreateVersion7(now),
            DossierId = dossier.Id,
            Method = ResultDelivery.Electronic,
            HandedOverAt = now,
            RecordedBy = request.Officer,
            RecordedAt = now,
            ResultFileId = file.Id,
        });
        await CompleteAsync(dossier, step!, null, $"Trả kết quả điện tử: {file.FileName}", request.Officer, now, cancellationToken);
        return [];
    }

    /// <summary>
    /// The result handed to the public postal service with its tracking number, the outstanding fee collected first; the
    /// return step stays open until the post delivers it or brings it back (<see cref="RecordPostalOutcomeAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<DossierProblem>> HandToPostAsync(Dossier dossier, PostalHandover request, CancellationToken cancellationToken)
    {
        List<DossierProblem> problems = [];
        var step = await PostalStepAsync(dossier, problems, cancellationToken);
        if (step is not null && AtThePost(dossier) is not null)
        {
            problems.Add(new("Method", "AlreadyAtThePost"));
        }

        var tracking = request.TrackingNumber?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(tracking))
        {
            problems.Add(new(nameof(request.TrackingNumber), "Required"));
        }
        else if (tracking.Length is < 6 or > 40 || !tracking.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            problems.Add(new(nameof(request.TrackingNumber), "TrackingNumber"));
        }

        CheckMoment(request.HandedOverAt, dossier.StatusChangedAt, nameof(request.HandedOverAt), problems);
        CheckPayment(dossier, request.Payment, problems);
        if (problems.Count > 0)
        {
            return problems;
        }

        var now = time.GetUtcNow();
        Pay(dossier, request.Payment, request.Officer, now);
        dossier.Handovers.Add(new ResultHandover
        {
            Id = Guid.CreateVersion7(now),
            DossierId = dossier.Id,
            Method = ResultDelivery.Post,
            HandedOverAt = request.HandedOverAt,
            RecordedBy = request.Officer,
            RecordedAt = now,
            TrackingNumber = tracking,
        });
        dossier.Tell(Notifications.ApplicantEvent.SentByPost);
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    /// <summary>
    /// What the post did with the result: delivered (the dossier is returned, 10), or returned to sender (the result
    /// waits at the counter, in the reception queue, still status 9).
    /// </summary>
    public async Task<IReadOnlyList<DossierProblem>> RecordPostalOutcomeAsync(Dossier dossier, PostalResult request, CancellationToken cancellationToken)
    {
        List<DossierProblem> problems = [];
        var step = await PostalStepAsync(dossier, problems, cancellationToken);
        var handover = AtThePost(dossier);
        if (step is not null && handover is null)
        {
            problems.Add(new("Method", "NotAtThePost"));
        }

        CheckMoment(request.At, handover?.HandedOverAt ?? dossier.StatusChangedAt, nameof(request.At), problems);
        if (problems.Count > 0)
        {
            return problems;
        }

        var now = time.GetUtcNow();
        handover!.PostalOutcome = request.Outcome;
        handover.PostalOutcomeAt = request.At;
        var (outcome, comment) = request.Outcome == PostalOutcome.Delivered
            ? (Delivered, $"Bưu chính đã phát (số hiệu {handover.TrackingNumber})")
            : (ReturnedToSender, $"Bưu chính chuyển hoàn (số hiệu {handover.TrackingNumber}): trả tại Bộ phận Một cửa");
        await CompleteAsync(dossier, step!, outcome, comment, request.Officer, now, cancellationToken);
        return [];
    }

    private async Task<WorkItem?> CounterStepAsync(Dossier dossier, List<DossierProblem> problems, CancellationToken cancellationToken)
    {
        var step = await ReturnStepAsync(dossier, problems, cancellationToken);
        if (step is not null && IsPostal(step))
        {
            problems.Add(new("Method", "ReturnedByPost"));
            return null;
        }

        return step;
    }

    private async Task<WorkItem?> PostalStepAsync(Dossier dossier, List<DossierProblem> problems, CancellationToken cancellationToken)
    {
        var step = await ReturnStepAsync(dossier, problems, cancellationToken);
        if (step is not null && !IsPostal(step))
        {
            problems.Add(new("Method", "NotByPost"));
            return null;
        }

        return step;
    }

    private async Task<WorkItem?> ReturnStepAsync(Dossier dossier, List<DossierProblem> problems, CancellationToken cancellationToken)
    {
        if (dossier.Status == DossierStatus.ResultReturned)
        {
            problems.Add(new("Method", "AlreadyReturned"));
            return null;
        }

        var step = await FindStepAsync(dossier, cancellationToken);
        if (step is null)
        {
            problems.Add(new("Method", "NotResolved"));
        }

        return step;
    }

    /// <summary>The outstanding fee is collected with the result: how (cash, transfer or online) and, but for cash, its reference.</summary>
    private static void CheckPayment(Dossier dossier, Payment? payment, List<DossierProblem> problems)
    {
        if (Outstanding(dossier) == 0)
        {
            return;
        }

        if (payment is null)
        {
            problems.Add(new("Payment.Method", "FeeOutstanding", Outstanding(dossier)));
        }
        else if (payment.Method != PaymentMethod.Cash && string.IsNullOrWhiteSpace(payment.Reference))
        {
            problems.Add(new("Payment.Reference", "PaymentReferenceRequired"));
        }
        else if (payment.Reference is { Length: > 100 })
        {
            problems.Add(new("Payment.Reference", "TooLong", 100));
        }
    }

    private static void Pay(Dossier dossier, Payment? payment, string officer, DateTimeOffset now)
    {
        var outstanding = Outstanding(dossier);
        if (outstanding > 0 && payment is not null)
        {
            dossier.Payments.Add(new DossierPayment
            {
                Id = Guid.CreateVersion7(now),
                DossierId = dossier.Id,
                Amount = outstanding,
                Method = payment.Method,
                Reference = payment.Method == PaymentMethod.Cash || string.IsNullOrWhiteSpace(payment.Reference) ? null : payment.Reference.Trim(),
                PaidAt = now,
                RecordedBy = officer,
            });
        }

        dossier.FeePaid = Outstanding(dossier) == 0;
    }

    /// <summary>A recorded moment may not be in the future, nor before what it follows.</summary>
    private void CheckMoment(DateTimeOffset at, DateTimeOffset notBefore, string field, List<DossierProblem> problems)
    {
        if (at > time.GetUtcNow().AddMinutes(1))
        {
            problems.Add(new(field, "InFuture"));
        }
        else if (at < notBefore.AddMinutes(-1))
        {
            problems.Add(new(field, "TooEarly"));
        }
    }

    private async Task CompleteAsync(Dossier dossier, WorkItem step, string? outcome, string comment, string officer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var position = await engine.CompleteWorkItemAsync(new CompleteWorkItem(step.Id) { Outcome = outcome, Comment = comment, Actor = officer }, cancellationToken);
        measurements.StepCompleted(step.CandidateRole, dossier.ReceivingUnit);
        dossier.MoveTo(DossierStatusRules.AfterStep(dossier.Status, outcome, position), now);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A citizen ID (12 digits) or a passport number (a letter and 7–8 digits, or 8–9 letters and digits).</summary>
    private static bool IsIdNumber(string number) =>
        CitizenIdNumber.Check(number) is null
        || (number.Length is >= 8 and <= 9 && number.All(char.IsAsciiLetterOrDigit) && number.Any(char.IsAsciiLetter));

    private static void Require(string? value, string field, List<DossierProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new(field, "Required"));
        }
    }
}

/// <summary>How the outstanding fee was paid when the result was returned.</summary>
public sealed record Payment(PaymentMethod Method, string? Reference);

/// <summary>The result collected at the counter.</summary>
/// <param name="CollectorName">Who collected it; the applicant's name when the applicant came and it is left blank.</param>
public sealed record CounterReturn(CollectorKind Collector, string? CollectorName, string? CollectorIdNumber, Payment? Payment, string Officer);

/// <summary>The result sent electronically: the result file, already in the attachment store.</summary>
public sealed record ElectronicReturn(AcceptedFile? ResultFile, Payment? Payment, string Officer);

/// <summary>The result handed to the public postal service, and how the outstanding fee was paid.</summary>
public sealed record PostalHandover(string? TrackingNumber, DateTimeOffset HandedOverAt, Payment? Payment, string Officer);

/// <summary>What the post did with it, and when.</summary>
public sealed record PostalResult(PostalOutcome Outcome, DateTimeOffset At, string Officer);
