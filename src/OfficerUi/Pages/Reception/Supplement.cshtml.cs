using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.OfficerUi.Authentication;
using DossierWorkflow.OfficerUi.Localization;
using DossierWorkflow.OfficerUi.Pages.Dossiers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DossierWorkflow.OfficerUi.Pages.Reception;

/// <summary>
/// A dossier waiting for a supplement (status 5), when the applicant comes back to the counter with the documents — or
/// uploaded them online and the reception step waits in the queue: the officer sees what form 02 asked for, ticks the
/// checklist as it now stands, attaches the scans, and decides as at reception. Accepting restarts the legal clock: a new
/// appointment from the supplement's arrival (the old one kept in the history) and a new form 01. Still incomplete: a new
/// form 02. Recording the supplement and the decision are one transaction.
/// </summary>
[Authorize(Roles = Roles.Reception)]
[RequestSizeLimit(IndexModel.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = IndexModel.MaxRequestBytes)]
public sealed class SupplementModel(
    DossiersDbContext db,
    DossierSupplements supplements,
    DossierReception reception,
    OfficerUploads scans,
    DossierAccess access,
    CurrentWorkingCalendar calendar,
    IStringLocalizer<SharedResource> text) : PageModel
{
    public Dossier Dossier { get; private set; } = null!;

    /// <summary>The supplement request the dossier waits on: its latest form 02.</summary>
    public IssuedForm? SupplementRequest { get; private set; }

    [BindProperty]
    public SupplementInput Input { get; set; } = new();

    public DateTimeOffset Local(DateTimeOffset instant) => calendar.Calendar.ToLocal(instant);

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (Dossier.Status != DossierStatus.SupplementRequested)
        {
            return RedirectToPage("/Dossiers/Details", new { code });
        }

        await access.RecordViewAsync(Dossier, cancellationToken);

        Input.Documents = [.. Dossier.Documents.OrderBy(d => d.Position).Select(d => new ReceptionInput.DocumentLine { Position = d.Position, Provided = d.Provided, Form = d.Form, Count = Math.Max(d.Count, 1) })];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (!User.UnitRoles().Contains((Roles.Reception, Dossier.ReceivingUnit)))
        {
            ModelState.AddModelError(string.Empty, text["Reception.Error.NotYourUnit"]);
            return Page();
        }

        var files = await scans.AcceptAsync(Input.Documents, ModelState, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var officer = User.Identity!.Name!;
        var arrival = new SupplementArrival(officer)
        {
            Documents = [.. Input.Documents.Select(d => new ProvidedDocument(d.Position, d.Provided, d.Form, d.Count))],
            Files = files,
        };
        var problems = await supplements.RecordArrivalAsync(Dossier, arrival, cancellationToken);
        if (problems.Count == 0)
        {
            var decision = new WaitingDecision(Input.Decision, officer, User.FullNameOf() ?? officer)
            {
                SupplementItems = ReceptionInput.ItemsOf(Input.SupplementItems),
                RefusalReasons = ReceptionInput.ReasonsOf(Input.RefusalReasons),
            };
            problems = await reception.DecideAsync(Dossier, decision, cancellationToken);
        }

        foreach (var problem in problems)
        {
            ModelState.AddModelError(ReceptionInput.FieldOf(problem.Field), text.Problem($"Reception.Error.{problem.Code}", problem.Arguments));
        }

        return ModelState.IsValid ? RedirectToPage("Received", new { code }) : Page();
    }

    /// <summary>The dossier (tracked, to be changed), or the answer when it cannot be shown to this officer.</summary>
    private async Task<IActionResult?> LoadAsync(string code, CancellationToken cancellationToken)
    {
        var dossier = await access.FindAsync(User, db.Set<Dossier>()
            .Include(d => d.Documents).Include(d => d.Files).Include(d => d.Forms).Include(d => d.Appointments)
            .AsSplitQuery(), code, cancellationToken);
        if (dossier is null)
        {
            return NotFound();
        }

        Dossier = dossier;
        SupplementRequest = dossier.Forms.Where(f => f.Form == "02").OrderByDescending(f => f.IssuedAt).FirstOrDefault();
        return null;
    }

    public sealed class SupplementInput
    {
        public List<ReceptionInput.DocumentLine> Documents { get; set; } = [];

        public ReceptionDecision Decision { get; set; }

        public List<ReceptionInput.SupplementLine> SupplementItems { get; set; } = [];

        public string? RefusalReasons { get; set; }
    }
}
