using DossierWorkflow.Dossiers.Attachments;
using System.Diagnostics;
using System.Security.Claims;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.OfficerUi.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.OfficerUi.Api;

/// <summary>
/// The online intake API (<c>/api/v1</c>) for the citizen portal and the national public-service portal: submit a dossier
/// with its scans, read a dossier's status by its code. Each client authenticates with its API key; errors are problem
/// details naming the field.
/// </summary>
internal static class DossiersApi
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapDossiersApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").RequireAuthorization(ApiKeyAuthenticationHandler.Policy).WithTags("Dossiers");
        api.MapPost("/dossiers", SubmitAsync)
            .AddEndpointFilter<UnitOfWorkEndpointFilter>()
            .DisableAntiforgery()
            .Accepts<OnlineSubmission>("multipart/form-data")
            .WithName("SubmitDossier")
            .WithSummary("Submit a dossier online")
            .WithDescription(
                "multipart/form-data: a part \"dossier\" with the JSON of the submission, and one file part per scan named "
                + "\"documents[i]\" for line i of the procedure's document list (or \"files\"). PDF, JPEG or PNG by content; at most "
                + "10 MB a file and 50 MB in all (configurable). The dossier is created with status 1 and its reception step waits in "
                + "the receiving unit's queue. Send an Idempotency-Key header: a retry with the same key returns the same dossier.");
        api.MapPost("/dossiers/{code}/supplements", SupplementAsync)
            .AddEndpointFilter<UnitOfWorkEndpointFilter>()
            .DisableAntiforgery()
            .Accepts<SupplementUploadForm>("multipart/form-data")
            .WithName("SupplementDossier")
            .WithSummary("Send the documents a supplement request asked for")
            .WithDescription(
                "For a dossier this client submitted, with status 5 (supplement requested): multipart/form-data with one file part per scan, named "
                + "\"documents[i]\" for line i of the dossier's document list (or \"files\"); the same limits as a submission. The "
                + "dossier's reception step opens again in the receiving unit's queue; when reception accepts it as complete, the "
                + "processing time restarts from this upload. Sending the same scan again adds nothing.");
        api.MapGet("/dossiers/{code}", GetAsync).WithName("GetDossierStatus").WithSummary("Read a dossier's status by its code");
        return endpoints;
    }

    private static async Task<Results<Created<DossierStatusResponse>, Ok<DossierStatusResponse>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        OnlineSubmissionForm form,
        [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey,
        ClaimsPrincipal client,
        DossierReception reception,
        UnitOfWork unitOfWork,
        IStringLocalizer<SharedResource> text,
        CancellationToken cancellationToken)
    {
        if (StoreUnavailable(form.Problems))
        {
            return TryAgain(text["Api.Error.StoreUnavailable"]);
        }

        if (form.Problems.Count > 0 || form.Submission is null)
        {
            return Invalid(form.Problems.Select(p => (p.Field, text.Problem(p.Key, p.Arguments))));
        }

        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > 100 || idempotencyKey.Any(c => c is < '!' or > '~')))
        {
            return Invalid([(IdempotencyHeader, text["Api.Error.IdempotencyKey"].Value)]);
        }

        var name = client.Identity!.Name!;
        var key = idempotencyKey is null ? null : $"api:{name}:{idempotencyKey}";
        var request = form.Submission.ToRequest(name, form.Files, key);
        try
        {
            switch (await reception.ReceiveAsync(request, cancellationToken))
            {
                case ReceptionResult.Received { Dossier: var dossier }:
                    return TypedResults.Created($"/api/v1/dossiers/{Uri.EscapeDataString(dossier.Code)}", DossierStatusResponse.Of(dossier));
                case ReceptionResult.Replayed { Dossier: var dossier }:
                    return TypedResults.Ok(DossierStatusResponse.Of(dossier));
                case ReceptionResult.Invalid invalid:
                    return Invalid(invalid.Problems.Select(p => (FieldOf(p.Field), text.Problem($"Reception.Error.{p.Code}", p.Arguments))));
                default:
                    throw new UnreachableException();
            }
        }
        catch (DbUpdateException) when (key is not null)
        {
            // The same key sent twice at once: the other request holds it. Answer with the dossier it made.
            await unitOfWork.RollBackAsync();
            var other = await reception.FindByIdempotencyKeyAsync(key, cancellationToken) ?? throw new InvalidOperationException("A dossier's key was taken by a submission that left no dossier.");
            return TypedResults.Ok(DossierStatusResponse.Of(other));
        }
    }

    private static async Task<Results<Ok<DossierStatusResponse>, NotFound, ValidationProblem, ProblemHttpResult>> SupplementAsync(
        string code,
        SupplementUploadForm form,
        ClaimsPrincipal client,
        DossiersDbContext db,
        DossierSupplements supplements,
        IStringLocalizer<SharedResource> text,
        CancellationToken cancellationToken)
    {
        // Only the client that submitted a dossier online sends its supplements; any other dossier is not found.
        var submitter = $"api:{client.Identity!.Name}";
        var dossier = await db.Set<Dossier>().Include(d => d.Documents).Include(d => d.Files).AsSplitQuery()
            .FirstOrDefaultAsync(d => d.Code == code && d.ReceivedBy == submitter, cancellationToken);
        if (dossier is null)
        {
            return TypedResults.NotFound();
        }

        if (StoreUnavailable(form.Problems))
        {
            return TryAgain(text["Api.Error.StoreUnavailable.Supplement"]);
        }

        if (form.Problems.Count > 0)
        {
            return Invalid(form.Problems.Select(p => (p.Field, text.Problem(p.Key, p.Arguments))));
        }

        var problems = await supplements.RecordArrivalAsync(dossier, new SupplementArrival(client.Identity!.Name!) { Files = form.Files }, cancellationToken);
        return problems.Count > 0
            ? Invalid(problems.Select(p => (FieldOf(p.Field), text.Problem($"Reception.Error.{p.Code}", p.Arguments))))
            : TypedResults.Ok(DossierStatusResponse.Of(dossier));
    }

    private static async Task<Results<Ok<DossierStatusResponse>, NotFound>> GetAsync(string code, DossiersDbContext db, CancellationToken cancellationToken) =>
        await db.Set<Dossier>().AsNoTracking().Include(d => d.Files).FirstOrDefaultAsync(d => d.Code == code, cancellationToken) is { } dossier
            ? TypedResults.Ok(DossierStatusResponse.Of(dossier))
            : TypedResults.NotFound();

    /// <summary>A scan the server could not keep (its disk full, the store unreachable) is not the client's fault: it should send again later.</summary>
    private static bool StoreUnavailable(IEnumerable<(string Field, string Key, object[] Arguments)> problems) =>
        problems.Any(p => p.Key == $"Attachment.Error.{AttachmentProblem.StoreUnavailable}");

    /// <summary>503 with <c>Retry-After</c> (added to every 503 problem): nothing was received.</summary>
    private static ProblemHttpResult TryAgain(LocalizedString title) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: title.Value);

    private static ValidationProblem Invalid(IEnumerable<(string Field, string Message)> problems) =>
        TypedResults.ValidationProblem(
            problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
            title: "Hồ sơ chưa thể tiếp nhận",
            detail: "Một số thông tin của hồ sơ không hợp lệ: xem từng trường trong errors.");

    /// <summary>The JSON path of a reception request's field: <c>Applicant.CitizenId</c> → <c>applicant.citizenId</c>.</summary>
    private static string FieldOf(string field) =>
        string.Join('.', field.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}

/// <summary>A dossier's status as the API reports it: no personal data.</summary>
/// <param name="Status">The status code exchanged with the national portal (1 new … 10 result returned).</param>
public sealed record DossierStatusResponse(
    string Code,
    int Status,
    string StatusName,
    string ProcedureCode,
    string ProcedureName,
    string ReceivingUnit,
    string Channel,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? AppointmentAt,
    int Files)
{
    public static DossierStatusResponse Of(Dossier dossier) => new(
        dossier.Code,
        (int)dossier.Status,
        dossier.Status.ToString(),
        dossier.ProcedureCode,
        dossier.ProcedureName,
        dossier.ReceivingUnit,
        dossier.Channel.ToString().ToLowerInvariant(),
        dossier.ReceivedAt,
        dossier.AppointmentAt,
        dossier.Files.Count);
}
