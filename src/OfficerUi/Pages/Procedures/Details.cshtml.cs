using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Definitions.Metadata;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Engine.Definitions;
using DossierWorkflow.Engine.Graph;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DossierWorkflow.OfficerUi.Pages.Procedures;

/// <summary>One procedure as in force today: legal time, fee, documents, legal basis, and the steps of its workflow.</summary>
public sealed class DetailsModel(ProcedureCatalogue catalogue, IDefinitionCompiler compiler, CurrentWorkingCalendar calendar, TimeProvider time) : PageModel
{
    public Procedure Procedure { get; private set; } = null!;

    public ProcedureVersion Version { get; private set; } = null!;

    /// <summary>The human steps in the order a dossier meets them (breadth-first from the start event).</summary>
    public IReadOnlyList<UserTaskNode> Steps { get; private set; } = [];

    public IActionResult OnGet(string? code)
    {
        var procedure = code is null ? null : catalogue.FindByCode(code);
        var version = procedure?.VersionOn(calendar.Calendar.LocalDate(time.GetUtcNow()));
        if (procedure is null || version is null)
        {
            return NotFound();
        }

        Procedure = procedure;
        Version = version;
        Steps = StepsInOrder(compiler.Compile(procedure.WorkflowBpmn).GetDefinitionOrThrow());
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
