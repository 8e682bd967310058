using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Definitions.Metadata;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Graph;
using DossierWorkflow.OfficerUi.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DossierWorkflow.OfficerUi.Pages.Procedures;

/// <summary>One procedure as in force today: legal time, fee, documents, legal basis, and the steps of its workflow as deployed.</summary>
public sealed class DetailsModel(ProcedureCatalogue catalogue, IWorkflowEngine engine, CurrentWorkingCalendar calendar, TimeProvider time) : PageModel
{
    public Procedure Procedure { get; private set; } = null!;

    public ProcedureVersion Version { get; private set; } = null!;

    /// <summary>The human steps, with their names in the UI language, in the order a dossier meets them (breadth-first from the start event).</summary>
    public IReadOnlyList<(UserTaskNode Step, string Name)> Steps { get; private set; } = [];

    /// <summary>The BPMN of the version new dossiers get, for the read-only diagram (labelled in the UI language).</summary>
    public async Task<IActionResult> OnGetDiagramAsync(string? code, [FromServices] DossierWorkflow.Dossiers.Persistence.DossiersDbContext db, CancellationToken cancellationToken)
    {
        if ((code is null ? null : catalogue.FindByCode(code)) is not { } procedure)
        {
            return NotFound();
        }

        var source = await db.Set<DossierWorkflow.Engine.Persistence.StoredDefinition>().Where(d => d.Key == procedure.Key)
            .OrderByDescending(d => d.Version).Select(d => d.Source).FirstOrDefaultAsync(cancellationToken);
        return source is null ? NotFound() : Content(DisplayNames.Diagram(source), "application/xml");
    }

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken cancellationToken)
    {
        var procedure = code is null ? null : catalogue.FindByCode(code);
        var version = procedure?.VersionOn(calendar.Calendar.LocalDate(time.GetUtcNow()));
        if (procedure is null || version is null)
        {
            return NotFound();
        }

        Procedure = procedure;
        Version = version;
        if (await engine.GetLatestDefinitionAsync(procedure.Key, cancellationToken) is { } definition)
        {
            Steps = [.. StepsInOrder(definition).Select(step => (step, DisplayNames.Step(definition, step)))];
        }

        return Page();
    }

    private static List<UserTaskNode> StepsInOrder(ExecutableDefinition definition)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<ExecutableNode>(definition.StartNodes);
        var steps = new List<UserTaskNode>();
        while (queue.TryDequeue(out var node))
        {
            if (!seen.Add(node.Id))
            {
                continue;
            }

            if (node is UserTaskNode step)
            {
                steps.Add(step);
            }

            foreach (var next in node.Outgoing.Select(f => definition[f.TargetId]).Concat(node.BoundaryEvents))
            {
                queue.Enqueue(next);
            }
        }

        return steps;
    }
}
