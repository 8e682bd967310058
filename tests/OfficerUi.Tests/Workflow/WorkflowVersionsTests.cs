using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Dossiers.Workflow;
using DossierWorkflow.Dossiers.WorkflowDesign;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Definitions;
using DossierWorkflow.Testing;
using DossierWorkflow.Testing.Web;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Workflow;

/// <summary>
/// The versions of a procedure's workflow as administrators manage them: drafts saved with their problems and published
/// only without any, new dossiers on the newest version while running ones stay, deletion refused for a version dossiers
/// ran on, and the shipped catalogue that no longer overrides an administrator's version but is offered as an update.
/// Each test works on its own procedure, since the host is shared.
/// </summary>
public abstract class WorkflowVersionsTests(OfficerUiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_draft_is_saved_with_its_problems_and_published_only_without_any()
    {
        const string key = "marriage-registration";
        await using var scope = Scope();
        var versions = scope.ServiceProvider.GetRequiredService<WorkflowVersions>();
        var shipped = Catalogue(scope).FindByKey(key)!.WorkflowBpmn;

        // A flow that leads nowhere: saved, with the problem named; not published.
        var dangling = shipped.Replace("targetRef=\"Task_Approval\"", "targetRef=\"Task_Nowhere\"", StringComparison.Ordinal);
        var saved = await versions.SaveDraftAsync(key, dangling, basedOnVersion: 1, "quantri", Cancel);
        Assert.Null(saved.Refusal);
        Assert.Contains(saved.Problems, p => p.Code == DefinitionProblemCodes.UnknownFlowNode);
        Assert.Equal("DraftInvalid", (await versions.PublishAsync(key, "quantri", Cancel)).Refusal?.Code);

        // Mended, with the approval's budget shortened: published as version 2, the draft gone.
        var shorter = shipped.Replace(
            "dw:role=\"leader\" dw:unitScope=\"receiving-unit\" dw:durationDays=\"0\"", "dw:role=\"leader\" dw:unitScope=\"receiving-unit\" dw:durationDays=\"1\"", StringComparison.Ordinal);
        Assert.NotEqual(shipped, shorter);
        Assert.Empty((await versions.SaveDraftAsync(key, shorter, basedOnVersion: 1, "quantri", Cancel)).Problems);
        var history = await versions.GetAsync(key, Cancel);
        Assert.Contains(history!.Draft!.Changes!, c => c.Kind == DefinitionChangeKind.StepChanged && c.Aspects.Contains("durationDays"));
        Assert.Equal(2, (await versions.PublishAsync(key, "quantri", Cancel)).Version);

        history = await versions.GetAsync(key, Cancel);
        Assert.Null(history!.Draft);
        Assert.Equal([2, 1], history.Versions.Select(v => v.Version));
        Assert.False(history.Versions[0].Shipped);
        Assert.Equal("quantri", history.Versions[0].PublishedBy);
        Assert.Contains(history.Versions[0].Changes!, c => c.ElementId == "Task_Approval");

        // Publishing the same again is refused: nothing changed.
        await versions.SaveDraftAsync(key, shorter, basedOnVersion: 2, "quantri", Cancel);
        Assert.Equal("DraftUnchanged", (await versions.PublishAsync(key, "quantri", Cancel)).Refusal?.Code);
    }

    [Fact]
    public async Task What_is_not_a_bpmn_process_of_the_procedure_is_refused_and_nothing_is_saved()
    {
        const string key = "guardianship-registration";
        await using var scope = Scope();
        var versions = scope.ServiceProvider.GetRequiredService<WorkflowVersions>();
        var other = Catalogue(scope).FindByKey("birth-registration")!.WorkflowBpmn;

        Assert.Equal("WorkflowUnreadable", (await versions.SaveDraftAsync(key, "<html><script>alert(1)</script></html>", null, "quantri", Cancel)).Refusal?.Code);
        Assert.Equal("WorkflowUnreadable", (await versions.SaveDraftAsync(key, "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>", null, "quantri", Cancel)).Refusal?.Code);
        var wrongProcess = await versions.SaveDraftAsync(key, other, null, "quantri", Cancel);
        Assert.Equal("WorkflowOtherProcess", wrongProcess.Refusal?.Code);
        Assert.Equal(["birth-registration", key], wrongProcess.Refusal!.Arguments);
        Assert.Null((await versions.GetAsync(key, Cancel))!.Draft);
    }

    [Fact]
    public async Task New_dossiers_get_the_newest_version_and_a_version_dossiers_ran_on_cannot_be_deleted()
    {
        const string key = "guardianship-termination";
        await using var scope = Scope();
        var versions = scope.ServiceProvider.GetRequiredService<WorkflowVersions>();
        var engine = scope.ServiceProvider.GetRequiredService<IWorkflowEngine>();
        var shipped = Catalogue(scope).FindByKey(key)!.WorkflowBpmn;
        var before = await engine.StartAsync(new StartInstance(key) { BusinessKey = "VERSIONS-1" }, Cancel);

        await versions.SaveDraftAsync(key, Renamed(shipped), 1, "quantri", Cancel);
        Assert.Equal(2, (await versions.PublishAsync(key, "quantri", Cancel)).Version);
        var after = await engine.StartAsync(new StartInstance(key) { BusinessKey = "VERSIONS-2" }, Cancel);

        Assert.Equal(1, before.DefinitionVersion);
        Assert.Equal(2, after.DefinitionVersion);
        Assert.Equal(1, (await engine.GetPositionAsync(before.InstanceId, Cancel)).DefinitionVersion);
        var refused = await versions.DeleteVersionAsync(key, 1, Cancel);
        Assert.Equal(("VersionInUse", 1), (refused?.Code, refused?.Arguments[1]));
        Assert.Equal("VersionCurrent", (await versions.DeleteVersionAsync(key, 2, Cancel))?.Code);
        var history = await versions.GetAsync(key, Cancel);
        Assert.Equal([(2, 1, 1), (1, 1, 1)], history!.Versions.Select(v => (v.Version, v.RunningDossiers, v.AllDossiers)));
    }

    [Fact]
    public async Task Once_an_administrator_publishes_the_shipped_workflow_is_offered_never_deployed()
    {
        const string key = "birth-re-registration";
        await using var scope = Scope();
        var versions = scope.ServiceProvider.GetRequiredService<WorkflowVersions>();
        var catalogue = Catalogue(scope);
        var shipped = catalogue.FindByKey(key)!.WorkflowBpmn;

        // The administrator's own version 2; the shipped version 1, on which no dossier ran, deleted: the installation now
        // runs a workflow the shipped file does not match, as after an upgrade of the product brings a newer file.
        await versions.SaveDraftAsync(key, Renamed(shipped), 1, "quantri", Cancel);
        await versions.PublishAsync(key, "quantri", Cancel);
        Assert.Null(await versions.DeleteVersionAsync(key, 1, Cancel));

        var restart = await CatalogueDeployment.DeployAsync(scope.ServiceProvider.GetRequiredService<IWorkflowEngine>(), scope.ServiceProvider.GetRequiredService<DossiersDbContext>(), catalogue, Cancel);

        Assert.DoesNotContain(restart, d => d.Key == key);
        var history = await versions.GetAsync(key, Cancel);
        Assert.Equal([2], history!.Versions.Select(v => v.Version));
        Assert.Contains(history.ProposedUpdate!, c => c.Kind == DefinitionChangeKind.StepChanged && c.Aspects.Contains("name"));
        Assert.Contains((await versions.ListAsync(Cancel)), w => w.Procedure.Key == key && w.HasProposedUpdate);

        // Taken into the draft and published, it is no longer offered.
        Assert.Null((await versions.BeginDraftAsync(key, version: null, "quantri", Cancel)).Refusal);
        Assert.Equal(3, (await versions.PublishAsync(key, "quantri", Cancel)).Version);
        Assert.Null((await versions.GetAsync(key, Cancel))!.ProposedUpdate);
    }

    private AsyncServiceScope Scope()
    {
        app.CreateClient();
        return app.Services.CreateAsyncScope();
    }

    private static ProcedureCatalogue Catalogue(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<ProcedureCatalogue>();

    /// <summary>The workflow with its first user task renamed: a change of content, so a new version.</summary>
    private static string Renamed(string bpmn)
    {
        var start = bpmn.IndexOf("<bpmn:userTask id=\"", StringComparison.Ordinal);
        var name = bpmn.IndexOf(" name=\"", start, StringComparison.Ordinal) + " name=\"".Length;
        return bpmn[..name] + "Đã đổi tên: " + bpmn[name..];
    }
}

public sealed class WorkflowVersionsTestsOnSqlite(SqliteApp app) : WorkflowVersionsTests(app), IClassFixture<SqliteApp>;

public sealed class WorkflowVersionsTestsOnPostgres(PostgresApp app) : WorkflowVersionsTests(app), IClassFixture<PostgresApp>;
