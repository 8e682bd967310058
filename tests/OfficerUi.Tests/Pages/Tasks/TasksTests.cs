using System.Net;
using System.Text.Json.Nodes;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Dossiers.Workflow;
using DossierWorkflow.Engine;
using DossierWorkflow.Testing.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Pages.Tasks;

public abstract class TasksTests(OfficerUiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reception_officer_sees_the_reception_tasks_of_their_commune_only()
    {
        var hoanKiem = await StartBirthRegistrationAsync("HN.HOANKIEM");
        var socSon = await StartBirthRegistrationAsync("HN.SOCSON");

        var hoanKiemPage = await (await app.CreateSignedInClientAsync("tiepnhan")).GetStringAsync("/Tasks", Cancel);
        var socSonPage = await (await app.CreateSignedInClientAsync("tiepnhan.socson")).GetStringAsync("/Tasks", Cancel);

        Assert.Contains(hoanKiem, hoanKiemPage);
        Assert.DoesNotContain(socSon, hoanKiemPage);
        Assert.Contains(socSon, socSonPage);
        Assert.DoesNotContain(hoanKiem, socSonPage);
        Assert.Contains("Cán bộ tiếp nhận — Ủy ban nhân dân Phường Hoàn Kiếm", hoanKiemPage);
    }

    [Fact]
    public async Task Taking_a_task_moves_it_from_the_queue_to_the_officers_own_list_and_giving_it_back_returns_it()
    {
        var code = await StartBirthRegistrationAsync("HN.SOCSON");
        var client = await app.CreateSignedInClientAsync("tiepnhan.socson");
        var page = await client.GetStringAsync("/Tasks", Cancel);
        var taskId = TaskIdOf(page, code);

        var claimed = await client.HtmxPostAsync(page, $"/Tasks?handler=Claim&id={taskId}");

        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        var lists = await claimed.Content.ReadAsStringAsync(Cancel);
        Assert.Contains(code, Section(lists, "id=\"my-tasks\""));
        Assert.Equal("tiepnhan.socson", (await WorkItemAsync(taskId)).Assignee);

        var unclaimed = await (await client.HtmxPostAsync(page, $"/Tasks?handler=Unclaim&id={taskId}")).Content.ReadAsStringAsync(Cancel);
        Assert.DoesNotContain(code, Section(unclaimed, "id=\"my-tasks\""));
        Assert.Null((await WorkItemAsync(taskId)).Assignee);
    }

    [Fact]
    public async Task An_officer_cannot_take_a_task_of_another_communes_queue()
    {
        var code = await StartBirthRegistrationAsync("HN.HOANKIEM");
        var taskId = TaskIdOf(await (await app.CreateSignedInClientAsync("tiepnhan")).GetStringAsync("/Tasks", Cancel), code);
        var intruder = await app.CreateSignedInClientAsync("tiepnhan.socson");
        var page = await intruder.GetStringAsync("/Tasks", Cancel);

        var response = await (await intruder.HtmxPostAsync(page, $"/Tasks?handler=Claim&id={taskId}")).Content.ReadAsStringAsync(Cancel);

        Assert.Contains("không thuộc hàng chờ của bạn", response);
        Assert.Null((await WorkItemAsync(taskId)).Assignee);
    }

    [Fact]
    public async Task The_second_of_two_officers_taking_the_same_task_is_told_someone_was_first()
    {
        await GiveRoleAsync("chuyenvien", "HN.HOANKIEM", Roles.Reception);
        var code = await StartBirthRegistrationAsync("HN.HOANKIEM");
        var first = await app.CreateSignedInClientAsync("tiepnhan");
        var second = await app.CreateSignedInClientAsync("chuyenvien");
        var firstPage = await first.GetStringAsync("/Tasks", Cancel);
        var secondPage = await second.GetStringAsync("/Tasks", Cancel);
        var taskId = TaskIdOf(secondPage, code);

        await first.HtmxPostAsync(firstPage, $"/Tasks?handler=Claim&id={taskId}");
        var late = await (await second.HtmxPostAsync(secondPage, $"/Tasks?handler=Claim&id={taskId}")).Content.ReadAsStringAsync(Cancel);

        Assert.Contains("Người khác đã nhận công việc này trước.", late);
        Assert.Equal("tiepnhan", (await WorkItemAsync(taskId)).Assignee);
    }

    [Fact]
    public async Task A_task_no_unit_could_be_found_for_is_shown_to_administrators_only()
    {
        var code = await StartBirthRegistrationAsync(receivingUnit: null);

        var administrator = await (await app.CreateSignedInClientAsync("quantri")).GetStringAsync("/Tasks", Cancel);
        var reception = await (await app.CreateSignedInClientAsync("tiepnhan")).GetStringAsync("/Tasks", Cancel);

        Assert.Contains(code, Section(administrator, "id=\"unrouted-tasks\""));
        Assert.DoesNotContain(code, reception);
        Assert.DoesNotContain("unrouted-tasks", reception);
    }

    [Fact]
    public async Task The_home_page_counts_the_tasks_held_and_waiting()
    {
        await StartBirthRegistrationAsync("HN.HOANKIEM");
        var client = await app.CreateSignedInClientAsync("lanhdao");
        await GiveRoleAsync("lanhdao", "HN.HOANKIEM", Roles.Reception);
        var signedInAgain = await app.CreateSignedInClientAsync("lanhdao");

        var before = await client.GetStringAsync("/", Cancel);
        var after = await signedInAgain.GetStringAsync("/", Cancel);

        Assert.Contains("<div class=\"display-6\" id=\"waiting\">0</div>", before);
        Assert.Matches("<div class=\"display-6\" id=\"waiting\">[1-9]", after);
        Assert.Contains("<div class=\"display-6\" id=\"held\">0</div>", after);
    }

    [Fact]
    public async Task A_commune_added_while_the_app_runs_gets_its_tasks_routed_at_once()
    {
        await StartBirthRegistrationAsync("HN.HOANKIEM");
        var code = $"HN.MOI{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
            var province = await db.Set<Unit>().SingleAsync(u => u.Code == "HN", Cancel);
            db.Add(new Unit { Code = code, Name = "Ủy ban nhân dân Xã Mới", Kind = UnitKind.Commune, ParentId = province.Id });
            await db.SaveChangesAsync(Cancel);
        }

        var dossier = await StartBirthRegistrationAsync(code);

        await using var read = app.Services.CreateAsyncScope();
        var items = await read.ServiceProvider.GetRequiredService<IWorkflowEngine>().QueryWorkItemsAsync(
            new Engine.Persistence.WorkItemFilter { BusinessKey = dossier }, Cancel);
        Assert.Equal(code, Assert.Single(items).CandidateUnit);
    }

    private async Task<string> StartBirthRegistrationAsync(string? receivingUnit)
    {
        var code = $"000.00.26.H26-261123-{Guid.NewGuid().ToString("N")[..6]}";
        await using var scope = app.Services.CreateAsyncScope();
        var variables = new JsonObject { ["deliveryMethod"] = "counter" };
        if (receivingUnit is not null)
        {
            variables[WorkflowVariables.ReceivingUnit] = receivingUnit;
        }

        await scope.ServiceProvider.GetRequiredService<IWorkflowEngine>().StartAsync(
            new StartInstance("birth-registration") { BusinessKey = code, Variables = variables, Actor = "test" }, Cancel);
        return code;
    }

    private async Task<WorkItem> WorkItemAsync(Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IWorkflowEngine>().GetWorkItemAsync(id, Cancel);
    }

    private async Task GiveRoleAsync(string userName, string unitCode, string role)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        var officer = await db.Set<Officer>().Include(o => o.Roles).SingleAsync(o => o.UserName == userName, Cancel);
        var unit = await db.Set<Unit>().SingleAsync(u => u.Code == unitCode, Cancel);
        if (!officer.Roles.Any(r => r.UnitId == unit.Id && r.Role == role))
        {
            officer.Roles.Add(new OfficerRole { UnitId = unit.Id, Role = role });
            await db.SaveChangesAsync(Cancel);
        }
    }

    /// <summary>The id of the task row whose dossier code is <paramref name="code"/>.</summary>
    private static Guid TaskIdOf(string html, string code)
    {
        var at = html.IndexOf(code, StringComparison.Ordinal);
        Assert.True(at >= 0, $"Dossier {code} is not on the page.");
        var row = html.LastIndexOf("data-task=\"", at, StringComparison.Ordinal) + "data-task=\"".Length;
        return Guid.Parse(html.AsSpan(row, 36));
    }

    private static string Section(string html, string marker)
    {
        var start = html.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"The page has no {marker}.");
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..end];
    }
}

public sealed class TasksTestsOnSqlite(SqliteApp app) : TasksTests(app), IClassFixture<SqliteApp>;

public sealed class TasksTestsOnPostgres(PostgresApp app) : TasksTests(app), IClassFixture<PostgresApp>;
