using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using System.Xml.Linq;
using DossierWorkflow.Engine.Definitions.Bpmn;
using Microsoft.EntityFrameworkCore;

namespace DossierWorkflow.Dossiers.Workflow;

/// <summary>
/// Deploys the shipped workflow of every catalogue procedure at start-up (with the workflows its call activities start), as long as no administrator has published a
/// version of their own: then the procedure is left alone, and a newer shipped file is only offered as an update on the
/// administrators' versions page (<see cref="WorkflowDesign.WorkflowVersions"/>). Idempotent: an unchanged file is a
/// no-op, a changed one becomes the next version, and dossiers already running stay on the version they started with.
/// </summary>
public static class CatalogueDeployment
{
    /// <summary>Who the versions deployed from the shipped catalogue are deployed by.</summary>
    public const string Actor = "system";

    public static async Task<IReadOnlyList<DeploymentResult>> DeployAsync(IWorkflowEngine engine, DossiersDbContext db, ProcedureCatalogue catalogue, CancellationToken cancellationToken = default)
    {
        var administered = await db.Set<StoredDefinition>().Where(d => d.DeployedBy != Actor).Select(d => d.Key).Distinct().ToListAsync(cancellationToken);
        var results = new List<DeploymentResult>();
        foreach (var procedure in catalogue.Procedures.Where(p => !administered.Contains(p.Key)))
        {
            // What its call activities start first, so that a dossier received at once finds them.
            foreach (var called in procedure.CalledWorkflows.Where(c => !administered.Contains(ProcessIdOf(c))))
            {
                results.Add(await engine.DeployBpmnAsync(called, Actor, cancellationToken));
            }

            results.Add(await engine.DeployBpmnAsync(procedure.WorkflowBpmn, Actor, cancellationToken));
        }

        return results;
    }

    private static string ProcessIdOf(string bpmn) =>
        (string?)XDocument.Parse(bpmn).Root?.Element(XName.Get("process", BpmnNamespaces.Model))?.Attribute("id") ?? "";
}
