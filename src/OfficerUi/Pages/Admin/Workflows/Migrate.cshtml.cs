using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Dossiers.WorkflowDesign;
using DossierWorkflow.OfficerUi.Authentication;
using DossierWorkflow.OfficerUi.Hosting;
using DossierWorkflow.OfficerUi.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using DossierWorkflow.Web.Hosting;

namespace DossierWorkflow.OfficerUi.Pages.Admin.Workflows;

/// <summary>
/// Moves the running dossiers of one version onto another: the steps they are at, each with its target (the step of
/// the same id, or one the administrator chooses), a reason, then one transaction per dossier and a report of those
/// moved and not. The migration, with its reason and counts, goes into the audit journal; each dossier's journal keeps
/// its own move.
/// </summary>
[Authorize(Policy = Policies.InstallationAdministrator)]
[OwnTransactions]
public sealed class MigrateModel(WorkflowMigrations migrations, OfficerAudit audit, DossiersDbContext db, IStringLocalizer<SharedResource> text) : PageModel
{
    public MigrationPlan Plan { get; private set; } = null!;

    [BindProperty]
    public Dictionary<string, string> Targets { get; set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    public MigrationReport? Report { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, int from, int to, CancellationToken cancellationToken)
    {
        if (await migrations.PlanAsync(key, from, to, cancellationToken) is not { } plan)
        {
            return NotFound();
        }

        Plan = plan;
        Targets = plan.Steps.Where(s => s.DefaultTarget is not null).ToDictionary(s => s.ElementId, s => s.DefaultTarget!);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key, int from, int to, CancellationToken cancellationToken)
    {
        var report = await migrations.MigrateAsync(key, from, to, Targets, User.Identity!.Name!, Reason ?? "", cancellationToken);
        if (report.Refusal is { } refusal)
        {
            Error = text.Problem($"Workflows.Error.{refusal.Code}", refusal.Arguments);
        }
        else
        {
            Report = report;
            audit.Record(AuditActions.WorkflowMigrated, subject: $"{key} v{from} → v{to}", after: new
            {
                Reason = Reason!.Trim(),
                Targets,
                Moved = report.Moved.Count,
                NotMoved = report.NotMoved.Select(n => $"{n.Dossier}: {n.Code}"),
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        if (await migrations.PlanAsync(key, from, to, cancellationToken) is not { } plan)
        {
            return NotFound();
        }

        Plan = plan;
        return Page();
    }
}
