using System.Text.Json.Nodes;
using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Testing.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Workflow;

/// <summary>
/// The composed host: at start-up every catalogue workflow is deployed to the engine on the configured database, and a
/// dossier runs through one of them with the domain's handlers, as officers will drive it.
/// </summary>
public abstract class CatalogueWorkflowTests(OfficerUiApp app)
{
    [Fact]
    public async Task Every_catalogue_procedure_is_deployed_once_at_start_up()
    {
        app.CreateClient();
        await using var scope = app.Services.CreateAsyncScope();
        var catalogue = scope.ServiceProvider.GetRequiredService<ProcedureCatalogue>();
        var engine = scope.ServiceProvider.GetRequiredService<IWorkflowEngine>();
        var db = scope.ServiceProvider.GetRequiredService<Dossiers.Persistence.DossiersDbContext>();

        var redeployed = await Dossiers.Workflow.CatalogueDeployment.DeployAsync(engine, db, catalogue, TestContext.Current.CancellationToken);

        // Each procedure's workflow, and those its call activities start.
        Assert.Equal(catalogue.Procedures.Sum(p => 1 + p.CalledWorkflows.Length), redeployed.Count);
        Assert.All(redeployed, d => Assert.False(d.Created, $"{d.Key} was deployed again although it did not change."));
        Assert.All(redeployed, d => Assert.Equal(1, d.Version));
    }

    [Fact]
    public async Task A_birth_registration_runs_from_reception_to_result_by_post()
    {
        app.CreateClient();
        var businessKey = $"000.00.25.H26-261123-{Random.Shared.Next(1000, 9999)}";
        Guid instanceId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var engine = scope.ServiceProvider.GetRequiredService<IWorkflowEngine>();
            var position = await engine.StartAsync(new StartInstance("birth-registration")
            {
                BusinessKey = businessKey,
                Variables = new JsonObject { ["deliveryMethod"] = "post", [Dossiers.Workflow.WorkflowVariables.ReceivingUnit] = "HN.HOANKIEM" },
                Actor = "tiepnhan",
            }, TestContext.Current.CancellationToken);
            instanceId = position.InstanceId;
        }

        await CompleteAsync(instanceId, "Task_Reception", "accept", "tiepnhan");
        await CompleteAsync(instanceId, "Task_Processing", "submit", "chuyenvien");
        await CompleteAsync(instanceId, "Task_Approval", "approve", "lanhdao");
        var final = await CompleteAsync(instanceId, "Task_ReturnByPost", "delivered", "tiepnhan");

        Assert.Equal(InstanceStatus.Completed, final.Status);
        Assert.Equal("resolved", final.Result);
        var issued = Assert.IsType<JsonArray>(final.Variables["issuedForms"]);
        Assert.Contains(issued, f => (string?)f!["form"] == "01");
        await using var db = app.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<DossiersDbContext>();
        Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"WorkflowOutboxMessages\"").SingleAsync(TestContext.Current.CancellationToken));
    }

    private async Task<InstancePosition> CompleteAsync(Guid instanceId, string elementId, string? outcome, string officer)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<IWorkflowEngine>();
        var position = await engine.GetPositionAsync(instanceId, TestContext.Current.CancellationToken);
        var task = Assert.Single(position.OpenWorkItems, w => w.ElementId == elementId);
        Assert.Equal("HN.HOANKIEM", task.CandidateUnit);
        return await engine.CompleteWorkItemAsync(new CompleteWorkItem(task.Id) { Outcome = outcome, Actor = officer }, TestContext.Current.CancellationToken);
    }
}

public sealed class CatalogueWorkflowTestsOnSqlite(SqliteApp app) : CatalogueWorkflowTests(app), IClassFixture<SqliteApp>;

public sealed class CatalogueWorkflowTestsOnPostgres(PostgresApp app) : CatalogueWorkflowTests(app), IClassFixture<PostgresApp>;
