using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Definitions.Metadata;
using DossierWorkflow.Dossiers.Attachments;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.OfficerUi.Authentication;
using DossierWorkflow.OfficerUi.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using DossierWorkflow.Web.Localization;

namespace DossierWorkflow.OfficerUi.Pages.Reception;

/// <summary>
/// Counter and postal reception: the officer chooses the procedure, enters (or scans from the citizen ID card's QR code)
/// the applicant, ticks the procedure version's document checklist, and decides — accept, ask for a supplement, refuse.
/// Each decision is one transaction (the page's unit of work) and issues its legal form, printed from the result page.
/// One idempotency token per form: submitting it twice (a double click, back and resubmit, two tabs) finds the dossier the
/// first submission made.
/// </summary>
[Authorize(Roles = Roles.Reception)]
[RequestSizeLimit(IndexModel.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = IndexModel.MaxRequestBytes)]
public sealed class IndexModel(
    DossierReception reception,
    OfficerUploads scans,
    DossiersDbContext db,
    UnitOfWork unitOfWork,
    ProcedureCatalogue catalogue,
    CurrentWorkingCalendar calendar,
    TimeProvider time,
    IStringLocalizer<SharedResource> text,
    ILogger<IndexModel> logger) : PageModel
{
    /// <summary>
    /// The most a reception form may weigh with its scans: a backstop while the form arrives; each scan is then checked
    /// against the configured limits (<see cref="AttachmentOptions"/>) as it is accepted.
    /// </summary>
    public const long MaxRequestBytes = 64 * 1024 * 1024;

    [BindProperty]
    public ReceptionInput Input { get; set; } = new();

    /// <summary>The units in which the officer receives dossiers (holds the reception role, and the unit has an agency code).</summary>
    public IReadOnlyList<Unit> ReceivingUnits { get; private set; } = [];

    public IReadOnlyList<ProcedureMatch> Matches { get; private set; } = [];

    /// <summary>The chosen procedure's version in force today; null until one is chosen.</summary>
    public ProcedureVersion? Version { get; private set; }

    /// <summary>The receiving unit's departments, which reception may ask for an opinion (a procedure that consults departments).</summary>
    public IReadOnlyList<Unit> Departments { get; private set; } = [];

    public long? Fee { get; private set; }

    public string? FeeExplanation { get; private set; }

    public async Task OnGetAsync(string? procedure, CancellationToken cancellationToken)
    {
        Input = new ReceptionInput { ProcedureCode = procedure, IdempotencyToken = Guid.NewGuid().ToString("N") };
        await LoadAsync(cancellationToken);
    }

    /// <summary>Procedures matching what the officer types (diacritics and case do not matter).</summary>
    public PartialViewResult OnGetSearch(string? q)
    {
        Matches = string.IsNullOrWhiteSpace(q) ? [] : [.. catalogue.Search(q, Today).Take(8)];
        return Partial("_ProcedureResults", this);
    }

    /// <summary>The chosen procedure's checklist, fee and delivery options (and the unit's departments, when it consults them).</summary>
    public async Task<PartialViewResult> OnGetProcedureAsync(string code, [FromQuery(Name = "Input.ReceivingUnit")] string? unit, CancellationToken cancellationToken)
    {
        Input = new ReceptionInput { ProcedureCode = code, ReceivingUnit = unit };
        await LoadAsync(cancellationToken);
        return Partial("_Procedure", this);
    }

    /// <summary>The fee for the exemption and quantities chosen.</summary>
    public PartialViewResult OnGetFee([FromQuery(Name = "Input")] ReceptionInput input)
    {
        Input = input;
        Load();
        return Partial("_Fee", this);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!ReceivingUnits.Any(u => u.Code == Input.ReceivingUnit))
        {
            ModelState.AddModelError("Input.ReceivingUnit", text["Reception.Error.NotYourUnit"]);
            return Page();
        }

        var files = await scans.AcceptAsync(Input.Documents, ModelState, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var request = Input.ToRequest(User.Identity!.Name!, User.FullNameOf() ?? User.Identity.Name!, calendar.Calendar, Key(Input.IdempotencyToken)) with { Files = files };
        try
        {
            switch (await reception.ReceiveAsync(request, cancellationToken))
            {
                case ReceptionResult.Invalid invalid:
                    foreach (var problem in invalid.Problems)
                    {
                        ModelState.AddModelError(ReceptionInput.FieldOf(problem.Field), text.Problem($"Reception.Error.{problem.Code}", problem.Arguments));
                    }

                    return Page();
                case ReceptionResult.Received { Dossier: var dossier }:
                    logger.LogInformation("Dossier {Code} ({Procedure}) {Decision} by {Officer}", dossier.Code, dossier.ProcedureCode, Input.Decision, User.Identity.Name);
                    return RedirectToPage("Received", new { code = dossier.Code });
                case ReceptionResult.Replayed { Dossier: var dossier }:
                    return RedirectToPage("Received", new { code = dossier.Code });
                default:
                    throw new UnreachableException();
            }
        }
        catch (DbUpdateException) when (request.IdempotencyKey is not null)
        {
            // The same form submitted twice at once: the other submission holds the key. Show the dossier it made.
            await unitOfWork.RollBackAsync();
            if (await reception.FindByIdempotencyKeyAsync(request.IdempotencyKey, cancellationToken) is { } other)
            {
                return RedirectToPage("Received", new { code = other.Code });
            }

            throw;
        }
    }

    /// <summary>A reception form's token, as the dossier stores it (an API client's key is prefixed by the client).</summary>
    private static string? Key(string? token) => string.IsNullOrWhiteSpace(token) ? null : $"reception:{token.Trim()}";

    private DateOnly Today => calendar.Calendar.LocalDate(time.GetUtcNow());

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var codes = User.UnitRoles().Where(r => r.Role == Roles.Reception).Select(r => r.UnitCode).ToList();
        ReceivingUnits = await db.Set<Unit>().AsNoTracking()
            .Where(u => codes.Contains(u.Code) && u.IsActive && u.AgencyCode != null)
            .OrderBy(u => u.Name)
            .ToListAsync(cancellationToken);
        Input.ReceivingUnit ??= ReceivingUnits.FirstOrDefault()?.Code;
        Load();
        if (Version is { ConsultsDepartments: true } && ReceivingUnits.Any(u => u.Code == Input.ReceivingUnit))
        {
            Departments = await reception.DepartmentsOfAsync(Input.ReceivingUnit!, cancellationToken);
        }
    }

    private void Load()
    {
        Version = Input.ProcedureCode is { } code ? catalogue.FindByCode(code)?.VersionOn(Today) : null;
        if (Version is null || catalogue.FindByCode(Input.ProcedureCode!) is not { } procedure)
        {
            return;
        }

        var exemptions = Version.Fee.Exemptions.Any(e => e.Code == Input.FeeExemption) ? [Input.FeeExemption!] : Array.Empty<string>();
        var quote = catalogue.ComputeFee(procedure, Math.Max(1, Input.Copies), Math.Max(1, Input.Pages), Input.Channel == ReceptionChannel.Online, exemptions, Today);
        Fee = quote.Amount;
        FeeExplanation = LocalizedText.Pick(quote.ExplanationVi, quote.Explanation);
    }
}

/// <summary>What the reception form posts.</summary>
public sealed class ReceptionInput
{
    /// <summary>Rows offered for supplement items (empty rows are ignored).</summary>
    public const int SupplementRows = 5;

    // Where each field of a reception request is entered on this form.
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["Applicant.Name"] = nameof(Name),
        ["Applicant.CitizenId"] = nameof(CitizenId),
        ["Applicant.DateOfBirth"] = nameof(DateOfBirth),
        ["Applicant.Gender"] = nameof(Gender),
        ["Applicant.Address"] = nameof(Address),
        ["Applicant.Phone"] = nameof(Phone),
        ["Applicant.Email"] = nameof(Email),
        ["Applicant.TaxCode"] = nameof(TaxCode),
        ["Applicant.LegalRepresentative"] = nameof(LegalRepresentative),
        ["Representative.Name"] = nameof(RepresentativeName),
        ["Representative.CitizenId"] = nameof(RepresentativeCitizenId),
        ["Representative.Phone"] = nameof(RepresentativePhone),
        [nameof(ReceptionRequest.SupplementItems)] = nameof(SupplementItems),
    };

    [Required(ErrorMessage = "Reception.Error.Required")]
    public string? ProcedureCode { get; set; }

    [Required(ErrorMessage = "Reception.Error.Required")]
    public string? ReceivingUnit { get; set; }

    public ReceptionChannel Channel { get; set; } = ReceptionChannel.Counter;

    /// <summary>By post: when the envelope arrived (office time).</summary>
    public DateTime? ArrivedAt { get; set; }

    public ApplicantKind ApplicantKind { get; set; } = ApplicantKind.Person;

    public string? Name { get; set; }

    public string? CitizenId { get; set; }

    public DateOnly? DateOfBirth { get; set; }

    public Gender? Gender { get; set; }

    public string? Address { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? TaxCode { get; set; }

    public string? LegalRepresentative { get; set; }

    public string? RepresentativeName { get; set; }

    public string? RepresentativeCitizenId { get; set; }

    public string? RepresentativePhone { get; set; }

    public List<DocumentLine> Documents { get; set; } = [];

    public int SetCount { get; set; } = 1;

    public ResultDelivery Delivery { get; set; } = ResultDelivery.Counter;

    public string? DeliveryAddress { get; set; }

    public string? FeeExemption { get; set; }

    public int Copies { get; set; } = 1;

    public int Pages { get; set; } = 1;

    public ReceptionDecision Decision { get; set; }

    /// <summary>The departments to consult (unit codes), for a procedure that consults departments.</summary>
    public List<string> ConsultedDepartments { get; set; } = [];

    public List<SupplementLine> SupplementItems { get; set; } = [];

    /// <summary>The reasons for a refusal, one per line.</summary>
    public string? RefusalReasons { get; set; }

    public string? IdempotencyToken { get; set; }

    /// <summary>The form field where a request field is entered, as a model-state key.</summary>
    public static string FieldOf(string requestField)
    {
        if (requestField.StartsWith("Documents[", StringComparison.Ordinal))
        {
            return $"Input.{requestField}";
        }

        return $"Input.{Fields.GetValueOrDefault(requestField, requestField)}";
    }

    public ReceptionRequest ToRequest(string officer, string officerName, VietnameseWorkingCalendar calendar, string? idempotencyKey) => new()
    {
        ProcedureCode = ProcedureCode!,
        ReceivingUnit = ReceivingUnit!,
        Channel = Channel == ReceptionChannel.Postal ? ReceptionChannel.Postal : ReceptionChannel.Counter,
        ArrivedAt = Channel == ReceptionChannel.Postal && ArrivedAt is { } arrived ? calendar.At(DateOnly.FromDateTime(arrived), TimeOnly.FromDateTime(arrived)) : null,
        Applicant = new DossierApplicant
        {
            Kind = ApplicantKind,
            Name = Name ?? "",
            CitizenId = ApplicantKind == ApplicantKind.Person ? CitizenId : null,
            DateOfBirth = ApplicantKind == ApplicantKind.Person ? DateOfBirth : null,
            Gender = ApplicantKind == ApplicantKind.Person ? Gender : null,
            Address = Address,
            Phone = Phone,
            Email = Email,
            TaxCode = ApplicantKind == ApplicantKind.Organisation ? TaxCode : null,
            LegalRepresentative = ApplicantKind == ApplicantKind.Organisation ? LegalRepresentative : null,
        },
        Representative = string.IsNullOrWhiteSpace(RepresentativeName) && string.IsNullOrWhiteSpace(RepresentativeCitizenId)
            ? null
            : new DossierRepresentative { Name = RepresentativeName ?? "", CitizenId = RepresentativeCitizenId, Phone = RepresentativePhone },
        Documents = [.. Documents.Select(d => new ProvidedDocument(d.Position, d.Provided, d.Form, d.Count))],
        SetCount = SetCount,
        Delivery = Delivery,
        DeliveryAddress = DeliveryAddress,
        FeeExemption = FeeExemption,
        Copies = Copies,
        Pages = Pages,
        Decision = Decision,
        SupplementItems = ItemsOf(SupplementItems),
        RefusalReasons = ReasonsOf(RefusalReasons),
        ConsultedDepartments = ConsultedDepartments,
        Officer = officer,
        OfficerName = officerName,
        IdempotencyKey = idempotencyKey,
    };

    /// <summary>The supplement rows filled in (a row with neither item nor reason is ignored).</summary>
    public static List<FormItem> ItemsOf(IEnumerable<SupplementLine> rows) =>
        [.. rows.Where(i => !string.IsNullOrWhiteSpace(i.Content) || !string.IsNullOrWhiteSpace(i.Reason)).Select(i => new FormItem(i.Content ?? "", i.Reason ?? ""))];

    /// <summary>The refusal's reasons, one per line of the text.</summary>
    public static List<string> ReasonsOf(string? text) => [.. (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    public sealed class DocumentLine
    {
        public int Position { get; set; }

        public bool Provided { get; set; }

        public DocumentForm Form { get; set; }

        public int Count { get; set; } = 1;

        /// <summary>The scans of this line, attached at the counter.</summary>
        public List<IFormFile> Files { get; set; } = [];
    }

    public sealed class SupplementLine
    {
        public string? Content { get; set; }

        public string? Reason { get; set; }
    }
}
