using System.Diagnostics;
using System.Net;
using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Dossiers.WorkflowDesign;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.OfficerUi.Tests.Pages.Dossiers;
using DossierWorkflow.Testing;
using DossierWorkflow.Testing.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Workflow;

/// <summary>
/// Running dossiers moved onto a new version of their workflow, each in a transaction of its own (a thousand of them),
/// a migration refused as a whole for a step the new version lacks — then done with that step mapped — and a dossier's
/// step moved by hand from its page. Each test works on its own procedure, since the host is shared.
/// </summary>
public abstract class WorkflowMigrationsTests(OfficerUiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_thousand_running_dossiers_move_to_the_new_version_and_go_on_there()
    {
        const string key = "death-registration";
        await using var scope = Scope();
        var engine = scope.ServiceProvider.GetRequiredService<IWorkflowEngine>();
        for (var i = 0; i < 1000; i++)
        {
            await engine.StartAsync(new StartInstance(key) { BusinessKey = $"MIGRATE-{i:0000}" }, Cancel);
        }

        await PublishAsync(scope, key, bpmn => bpmn.Replace("dw:role=\"leader\" dw:unitScope=\"receiving-unit\" dw:durationDays=\"0\"", "dw:role=\"leader\" dw:unitScope=\"receiving-unit\" dw:durationDays=\"1\"", StringComparison.Ordinal));
        var migrations = scope.ServiceProvider.GetRequiredService<WorkflowMigrations>();
        var plan = await migrations.PlanAsync(key, 1, 2, Cancel);
        Assert.Equal(1000, plan!.Dossiers);
        var step = Assert.Single(plan.Steps);
        Assert.Equal("Task_Reception", step.DefaultTarget);

        var watch = Stopwatch.StartNew();
        var report = await migrations.MigrateAsync(key, 1, 2, new Dictionary<string, string>(), "quantri", "leader's budget corrected", Cancel);
        TestContext.Current.SendDiagnosticMessage($"1000 dossiers migrated in {watch.ElapsedMilliseconds} ms on {app.Provider}");

        Assert.Null(report.Refusal);
        Assert.Equal(1000, report.Moved.Count);
        Assert.Empty(report.NotMoved);
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        Assert.Equal(1000, await db.Set<StoredInstance>().CountAsync(i => i.DefinitionKey == key && i.DefinitionVersion == 2, Cancel));
        Assert.Equal(1000, await db.Set<StoredWorkItem>().CountAsync(w => w.DefinitionKey == key && w.DefinitionVersion == 2 && w.Status == WorkItemStatus.Open, Cancel));
        Assert.Equal(0, (await migrations.PlanAsync(key, 1, 2, Cancel))!.Dossiers);
    }

    [Fact]
    public async Task A_step_the_new_version_lacks_refuses_the_migration_until_it_is_mapped()
    {
        const string key = "guardianship-termination";
        await using var scope = Scope();
        var engine = scope.ServiceProvider.GetRequiredService<IWorkflowEngine>();
        var started = await engine.StartAsync(new StartInstance(key) { BusinessKey = "UNMAPPED-1" }, Cancel);
        await PublishAsync(scope, key, bpmn => bpmn.Replace("Task_Reception", "Task_Intake", StringComparison.Ordinal));
        var migrations = scope.ServiceProvider.GetRequiredService<WorkflowMigrations>();

        var refused = await migrations.MigrateAsync(key, 1, 2, new Dictionary<string, string>(), "quantri", "renamed", Cancel);

        Assert.Equal("StepUnmapped", refused.Refusal?.Code);
        Assert.Contains("(Task_Reception)", (string)refused.Refusal!.Arguments[0]);
        Assert.Equal(1, (await engine.GetPositionAsync(started.InstanceId, Cancel)).DefinitionVersion);

        var mapped = await migrations.MigrateAsync(key, 1, 2, new Dictionary<string, string> { ["Task_Reception"] = "Task_Intake" }, "quantri", "renamed", Cancel);

        Assert.Equal(["UNMAPPED-1"], mapped.Moved);
        var position = await engine.GetPositionAsync(started.InstanceId, Cancel);
        Assert.Equal((2, "Task_Intake"), (position.DefinitionVersion, Assert.Single(position.OpenWorkItems).ElementId));
    }

    [Fact]
    public async Task An_administrator_moves_a_dossier_back_a_step_from_its_page_with_a_reason()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        var admin = await app.CreateSignedInClientAsync("quantri");
        var dossierPage = await admin.GetStringAsync($"/Dossiers/{code}", Cancel);
        Assert.Contains("id=\"move-step\"", dossierPage);
        Assert.DoesNotContain("id=\"move-step\"", await (await app.CreateSignedInClientAsync("lanhdao")).GetStringAsync($"/Dossiers/{code}", Cancel));

        var form = await admin.GetStringAsync($"/Dossiers/{code}/MoveStep", Cancel);
        var withoutReason = await admin.PostFormAsync($"/Dossiers/{code}/MoveStep", form, ("From", "Task_Processing"), ("To", "Task_Processing"), ("Reason", " "));
        Assert.Contains("Nhập lý do.", WebUtility.HtmlDecode(await withoutReason.Content.ReadAsStringAsync(Cancel)));

        var moved = await admin.PostFormAsync($"/Dossiers/{code}/MoveStep", form, ("From", "Task_Processing"), ("To", "Task_Approval"), ("Reason", "Đã kiểm tra tại quầy"));
        var after = WebUtility.HtmlDecode(await moved.Content.ReadAsStringAsync(Cancel));

        Assert.Contains("Đã chuyển hồ sơ tới bước «Ký Giấy khai sinh»", after);
        Assert.Contains("data-kind=\"TokenMoved\"", after);
        Assert.Contains("Đã kiểm tra tại quầy", after);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        var instance = (await db.Set<Dossier>().SingleAsync(d => d.Code == code, Cancel)).WorkflowInstanceId!.Value;
        var position = await scope.ServiceProvider.GetRequiredService<IWorkflowEngine>().GetPositionAsync(instance, Cancel);
        Assert.Equal("Task_Approval", Assert.Single(position.OpenWorkItems).ElementId);
        Assert.True(await db.Set<AuditEntry>().AnyAsync(e => e.Action == AuditActions.StepMoved && e.DossierCode == code && e.Actor == "quantri", Cancel));
    }

    private AsyncServiceScope Scope()
    {
        app.CreateClient();
        return app.Services.CreateAsyncScope();
    }

    private static async Task PublishAsync(AsyncServiceScope scope, string key, Func<string, string> change)
    {
        var versions = scope.ServiceProvider.GetRequiredService<WorkflowVersions>();
        var changed = change(scope.ServiceProvider.GetRequiredService<ProcedureCatalogue>().FindByKey(key)!.WorkflowBpmn);
        Assert.Empty((await versions.SaveDraftAsync(key, changed, 1, "quantri", Cancel)).Problems);
        Assert.Equal(2, (await versions.PublishAsync(key, "quantri", Cancel)).Version);
    }
}

public sealed class WorkflowMigrationsTestsOnSqlite(SqliteApp app) : WorkflowMigrationsTests(app), IClassFixture<SqliteApp>;

public sealed class WorkflowMigrationsTestsOnPostgres(PostgresApp app) : WorkflowMigrationsTests(app), IClassFixture<PostgresApp>;
