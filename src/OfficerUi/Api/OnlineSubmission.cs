using System.Text.Json;
using System.Text.Json.Serialization;
using DossierWorkflow.Definitions.Metadata;
using DossierWorkflow.Dossiers.Attachments;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace DossierWorkflow.OfficerUi.Api;

/// <summary>
/// <c>POST /api/v1/dossiers</c>'s body as it is read: <c>multipart/form-data</c> with a part <c>dossier</c> (the JSON of
/// <see cref="OnlineSubmission"/>) and a file part per scan, named <c>documents[i]</c> for line <c>i</c> of the procedure's
/// document list (or <c>files</c>). Bound before the endpoint runs — so before its unit of work begins — by streaming the
/// body: each file is checked and stored while it arrives (<see cref="AttachmentIntake"/>), and reading stops at the first
/// file refused or at the size limits, without reading the rest.
/// </summary>
public sealed class OnlineSubmissionForm
{
    private const int MaxJsonBytes = 256 * 1024;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    public OnlineSubmission? Submission { get; private init; }

    public IReadOnlyList<SubmittedFile> Files { get; private init; } = [];

    /// <summary>What is wrong with the body, by field (<c>dossier</c>, <c>files[2]</c>, …): message keys and their arguments.</summary>
    public IReadOnlyList<(string Field, string Key, object[] Arguments)> Problems { get; private init; } = [];

    public static ValueTask<OnlineSubmissionForm> BindAsync(HttpContext context) => ReadAsync(context, dossierPart: true);

    /// <summary>
    /// Reads the multipart body: the scans (each accepted by its content within the limits, as it streams) and, when
    /// <paramref name="dossierPart"/>, the part <c>dossier</c> with the submission's JSON, which is then required.
    /// </summary>
    internal static async ValueTask<OnlineSubmissionForm> ReadAsync(HttpContext context, bool dossierPart)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<AttachmentOptions>>().Value;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = options.MaxDossierBytes + MaxJsonBytes + 64 * 1024;
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            return Problem("body", "Api.Error.NotMultipart");
        }

        var intake = context.RequestServices.GetRequiredService<AttachmentIntake>();
        var reader = new MultipartReader(boundary, context.Request.Body);
        OnlineSubmission? submission = null;
        List<SubmittedFile> files = [];
        long used = 0;
        var cancellationToken = context.RequestAborted;
        try
        {
            for (var section = await reader.ReadNextSectionAsync(cancellationToken); section is not null; section = await reader.ReadNextSectionAsync(cancellationToken))
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    return Problem("body", "Api.Error.NotMultipart");
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (!disposition.IsFileDisposition())
                {
                    if (name != "dossier" || !dossierPart)
                    {
                        return Problem(name, "Api.Error.UnknownPart");
                    }

                    submission = await ReadJsonAsync(section.Body, cancellationToken);
                    if (submission is null)
                    {
                        return Problem("dossier", "Api.Error.BadJson");
                    }

                    continue;
                }

                int? position = null;
                if (name.StartsWith("documents[", StringComparison.Ordinal) && name.EndsWith(']')
                    && int.TryParse(name.AsSpan(10, name.Length - 11), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var line))
                {
                    position = line;
                }
                else if (name != "files")
                {
                    return Problem(name, "Api.Error.UnknownPart");
                }

                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                var result = await intake.AcceptAsync(section.Body, fileName, options.MaxDossierBytes - used, cancellationToken);
                if (result is AttachmentResult.Refused refused)
                {
                    var limit = refused.Problem == AttachmentProblem.DossierTooLarge ? options.MaxDossierBytes : options.MaxFileBytes;
                    return new OnlineSubmissionForm { Problems = [($"files[{files.Count}]", $"Attachment.Error.{refused.Problem}", [fileName ?? "", limit / (1024 * 1024)])] };
                }

                var accepted = ((AttachmentResult.Accepted)result).File;
                used += accepted.Length;
                files.Add(new SubmittedFile(position, accepted));
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            // A body cut short, malformed, or larger than the request limit.
            return Problem("body", "Api.Error.BadBody");
        }

        return dossierPart && submission is null ? Problem("dossier", "Api.Error.NoDossierPart") : new OnlineSubmissionForm { Submission = submission, Files = files };
    }

    private static async Task<OnlineSubmission?> ReadJsonAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxJsonBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return JsonSerializer.Deserialize<OnlineSubmission>(buffer.ToArray(), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static OnlineSubmissionForm Problem(string field, string key) => new() { Problems = [(field, key, [])] };
}

/// <summary>
/// The body of a supplement's upload (multipart/form-data): the scans the supplement request asked for, one file part
/// each, named <c>documents[i]</c> for line i of the dossier's document list (or <c>files</c>).
/// </summary>
public sealed class SupplementUploadForm
{
    public IReadOnlyList<SubmittedFile> Files { get; private init; } = [];

    /// <summary>What is wrong with the body, by field: message keys and their arguments.</summary>
    public IReadOnlyList<(string Field, string Key, object[] Arguments)> Problems { get; private init; } = [];

    public static async ValueTask<SupplementUploadForm> BindAsync(HttpContext context)
    {
        var read = await OnlineSubmissionForm.ReadAsync(context, dossierPart: false);
        return read.Problems.Count == 0 && read.Files.Count == 0
            ? new SupplementUploadForm { Problems = [("files", "Api.Error.NoFiles", [])] }
            : new SupplementUploadForm { Files = read.Files, Problems = read.Problems };
    }
}

/// <summary>The dossier part of an online submission (JSON, camelCase; enumerations in kebab-case).</summary>
public sealed record OnlineSubmission
{
    /// <summary>The procedure's code in the national database, e.g. <c>1.001193</c>.</summary>
    public string? ProcedureCode { get; init; }

    /// <summary>The code of the receiving unit, e.g. <c>HN.HOANKIEM</c>.</summary>
    public string? ReceivingUnit { get; init; }

    public OnlineApplicant? Applicant { get; init; }

    public OnlineRepresentative? Representative { get; init; }

    /// <summary>The lines of the procedure's document list given (the scans come as file parts <c>documents[i]</c>).</summary>
    public IReadOnlyList<OnlineDocument>? Documents { get; init; }

    public int SetCount { get; init; } = 1;

    public ResultDelivery Delivery { get; init; } = ResultDelivery.Counter;

    public string? DeliveryAddress { get; init; }

    public string? FeeExemption { get; init; }

    public int Copies { get; init; } = 1;

    public int Pages { get; init; } = 1;

    public ReceptionRequest ToRequest(string client, IReadOnlyList<SubmittedFile> files, string? idempotencyKey)
    {
        var given = (Documents ?? []).Select(d => d.Position).Concat(files.Where(f => f.DocumentPosition is not null).Select(f => f.DocumentPosition!.Value)).ToHashSet();
        return new ReceptionRequest
        {
            ProcedureCode = ProcedureCode ?? "",
            ReceivingUnit = ReceivingUnit ?? "",
            Channel = ReceptionChannel.Online,
            Applicant = new DossierApplicant
            {
                Kind = Applicant?.Kind ?? ApplicantKind.Person,
                Name = Applicant?.Name ?? "",
                CitizenId = Applicant?.CitizenId,
                DateOfBirth = Applicant?.DateOfBirth,
                Gender = Applicant?.Gender,
                Address = Applicant?.Address,
                Phone = Applicant?.Phone,
                Email = Applicant?.Email,
                TaxCode = Applicant?.TaxCode,
                LegalRepresentative = Applicant?.LegalRepresentative,
            },
            Representative = Representative is null ? null : new DossierRepresentative { Name = Representative.Name ?? "", CitizenId = Representative.CitizenId, Phone = Representative.Phone },
            Documents = [.. given.Select(position =>
            {
                var line = Documents?.FirstOrDefault(d => d.Position == position);
                return new ProvidedDocument(position, true, line?.Form ?? DocumentForm.Copy, line?.Count ?? 1);
            })],
            SetCount = SetCount,
            Delivery = Delivery,
            DeliveryAddress = DeliveryAddress,
            FeeExemption = FeeExemption,
            Copies = Copies,
            Pages = Pages,
            Decision = null,
            Files = files,
            Officer = $"api:{client}",
            OfficerName = client,
            IdempotencyKey = idempotencyKey,
        };
    }
}

public sealed record OnlineApplicant
{
    public ApplicantKind Kind { get; init; } = ApplicantKind.Person;

    public string? Name { get; init; }

    public string? CitizenId { get; init; }

    public DateOnly? DateOfBirth { get; init; }

    public Gender? Gender { get; init; }

    public string? Address { get; init; }

    public string? Phone { get; init; }

    public string? Email { get; init; }

    public string? TaxCode { get; init; }

    public string? LegalRepresentative { get; init; }
}

public sealed record OnlineRepresentative(string? Name, string? CitizenId, string? Phone);

/// <summary>A line of the procedure's document list given, and in which form.</summary>
public sealed record OnlineDocument(int Position, DocumentForm Form = DocumentForm.Copy, int Count = 1);
