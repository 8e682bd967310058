using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Dossiers;

/// <summary>
/// Ends a dossier before its decision, in the caller's unit of work, with the stop notice (form 05): withdrawn at the
/// applicant's request (status 7) — through the workflow's <c>withdrawal-requested</c> message, so the definition says at
/// which steps an applicant may withdraw — or stopped by the agency (status 8), which cancels the workflow wherever it is.
/// </summary>
public sealed class DossierStops(DossiersDbContext db, IWorkflowEngine engine, TimeProvider time)
{
    /// <summary>The message a workflow listens for where the applicant may withdraw.</summary>
    public const string WithdrawalRequestedMessage = "withdrawal-requested";

    public const int ReasonMaxLength = 2000;

    /// <summary>Whether a dossier with this status is not yet decided: it may still be withdrawn or stopped.</summary>
    public static bool IsUndecided(DossierStatus status) =>
        status is DossierStatus.New or DossierStatus.Accepted or DossierStatus.InProgress or DossierStatus.SupplementRequested or DossierStatus.PaymentRequested;

    /// <summary>
    /// The applicant withdraws <paramref name="dossier"/> (tracked): form 05 with their request, status 7. Refused with a
    /// problem when the dossier is decided or closed, the request is empty, or the workflow does not let the applicant
    /// withdraw at the step the dossier is at (it does not end withdrawn there); the caller then rolls its unit of work back.
    /// </summary>
    public async Task<IReadOnlyList<DossierProblem>> WithdrawAsync(Dossier dossier, StopRequest request, CancellationToken cancellationToken)
    {
        var problems = Check(dossier, request);
        if (problems.Count > 0)
        {
            return problems;
        }

        var delivery = await engine.DeliverMessageAsync(WithdrawalRequestedMessage, dossier.Code, actor: request.Officer, cancellationToken: cancellationToken);
        if (!delivery.Delivered)
        {
            return [new("Reason", "WithdrawalNotAtThisStep")];
        }

        var position = await engine.GetPositionAsync(delivery.InstanceIds[0], cancellationToken);
        if (position.Result != "withdrawn")
        {
            // The definition's withdrawal path does not end the dossier at once (it waits for a step): the caller rolls
            // the delivery back, and a leader may stop the dossier instead.
            return [new("Reason", "WithdrawalNotAtThisStep")];
        }

        var now = time.GetUtcNow();
        dossier.Issue("05", [new FormItem("Rút hồ sơ", request.Reason!.Trim())], request.Officer, request.OfficerName, now, await db.Set<Officer>().TitleOfAsync(request.Officer, cancellationToken));
        dossier.MoveTo(DossierStatusRules.AfterStep(dossier.Status, null, position), now);
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    /// <summary>
    /// The agency stops processing <paramref name="dossier"/> (tracked), a leader's decision: its workflow is cancelled,
    /// form 05 states why, status 8.
    /// </summary>
    public async Task<IReadOnlyList<DossierProblem>> StopAsync(Dossier dossier, StopRequest request, CancellationToken cancellationToken)
    {
        var problems = Check(dossier, request);
        if (dossier.Status == DossierStatus.New)
        {
            // Not received yet: reception refuses it (form 03) instead.
            problems.Add(new("Reason", "NotReceived"));
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        var now = time.GetUtcNow();
        if (dossier.WorkflowInstanceId is { } instanceId)
        {
            await engine.CancelInstanceAsync(instanceId, request.Reason!.Trim(), request.Officer, cancellationToken);
        }

        dossier.Issue("05", [new FormItem("Dừng xử lý", request.Reason!.Trim())], request.Officer, request.OfficerName, now, await db.Set<Officer>().TitleOfAsync(request.Officer, cancellationToken));
        dossier.MoveTo(DossierStatusRules.AfterStop, now);
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    private static List<DossierProblem> Check(Dossier dossier, StopRequest request)
    {
        List<DossierProblem> problems = [];
        if (!IsUndecided(dossier.Status))
        {
            problems.Add(new("Reason", "AlreadyDecided"));
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            problems.Add(new("Reason", "Required"));
        }
        else if (request.Reason.Length > ReasonMaxLength)
        {
            problems.Add(new("Reason", "TooLong", ReasonMaxLength));
        }

        return problems;
    }
}

/// <summary>A withdrawal (the applicant's request, in their words) or a stop (the agency's reason), and who records it.</summary>
public sealed record StopRequest(string? Reason, string Officer, string OfficerName);
