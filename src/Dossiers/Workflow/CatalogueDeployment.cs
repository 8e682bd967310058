using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Engine;

namespace DossierWorkflow.Dossiers.Workflow;

/// <summary>
/// Deploys the workflow of every catalogue procedure at start-up. Idempotent: unchanged definitions are no-ops, a changed
/// one becomes the next version, and dossiers already running stay on the version they started with.
/// </summary>
public static class CatalogueDeployment
{
    public static async Task<IReadOnlyList<DeploymentResult>> DeployAsync(IWorkflowEngine engine, ProcedureCatalogue catalogue, CancellationToken cancellationToken = default)
    {
        var results = new List<DeploymentResult>();
        foreach (var procedure in catalogue.Procedures)
        {
            results.Add(await engine.DeployBpmnAsync(procedure.WorkflowBpmn, actor: "system", cancellationToken));
        }

        return results;
    }
}
