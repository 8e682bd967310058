using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Forms;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.OfficerUi.Pages.Dossiers;

/// <summary>
/// A legal form issued for a dossier, as a PDF shown in the browser for printing: the latest issue of that form (or the one asked for), rendered
/// from the stored dossier. Printing changes nothing.
/// </summary>
public sealed class FormModel(
    DossiersDbContext db,
    DossierAccess access,
    DossierForms forms,
    IWorkflowEngine engine,
    IWorkflowStore workflow,
    CurrentWorkingCalendar calendar,
    ILogger<FormModel> logger) : PageModel
{
    /// <param name="issue">One issue of the form (a dossier may be asked twice for a supplement); the latest when none.</param>
    public async Task<IActionResult> OnGetAsync(string code, string form, Guid? issue, CancellationToken cancellationToken)
    {
        var dossier = await access.FindAsync(User, db.Set<Dossier>().AsNoTracking()
            .Include(d => d.Documents).Include(d => d.Forms).Include(d => d.Appointments).Include(d => d.Handovers)
            .AsSplitQuery(), code, cancellationToken);
        if (dossier is null)
        {
            return NotFound();
        }

        var unit = await db.Set<Unit>().AsNoTracking().Include(u => u.Parent).FirstAsync(u => u.Code == dossier.ReceivingUnit, cancellationToken);
        byte[] pdf;
        if (form == ControlSheet)
        {
            if (dossier.WorkflowInstanceId is not { } instanceId)
            {
                return NotFound();
            }

            pdf = await ControlSheetAsync(dossier, instanceId, unit, cancellationToken);
        }
        else if (dossier.Forms.Where(f => f.Form == form && (issue is null || f.Id == issue)).OrderByDescending(f => f.IssuedAt).FirstOrDefault() is { } issued)
        {
            pdf = forms.Render(dossier, issued, unit, calendar.Calendar);
        }
        else
        {
            return NotFound();
        }

        logger.LogInformation("Form {Form} of dossier {Code} printed by {Officer}", form, code, User.Identity?.Name);
        Response.Headers.ContentDisposition = $"inline; filename=\"{code}-mau-{form}.pdf\"";
        Response.Headers.CacheControl = "no-store";
        return File(pdf, "application/pdf");
    }

    /// <summary>The process control sheet, printable whenever the dossier has a workflow: read from its journal.</summary>
    public const string ControlSheet = "06";

    private async Task<byte[]> ControlSheetAsync(Dossier dossier, Guid instanceId, Unit unit, CancellationToken cancellationToken)
    {
        var journal = await workflow.GetJournalAsync(instanceId, cancellationToken: cancellationToken);
        var steps = await engine.QueryWorkItemsAsync(new WorkItemFilter { BusinessKey = dossier.Code, Status = null, Take = 1000 }, cancellationToken);
        var unitCodes = steps.Select(s => s.CandidateUnit).OfType<string>().Distinct().ToList();
        var unitNames = await db.Set<Unit>().AsNoTracking().Where(u => unitCodes.Contains(u.Code)).ToDictionaryAsync(u => u.Code, u => u.Name, cancellationToken);
        var people = journal.SelectMany(e => new[] { e.Actor, e.Assignee }).OfType<string>().Distinct().ToList();
        var officerNames = await db.OfficerNamesAsync(people, cancellationToken);
        return forms.RenderControlSheet(dossier, journal, steps.ToDictionary(s => s.Id, s => s.CandidateUnit), unitNames, officerNames, unit, calendar.Calendar);
    }
}
