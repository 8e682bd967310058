using System.Net;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.OfficerUi.Tests.Pages.Dossiers;
using DossierWorkflow.Testing.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Pages.Tasks;

/// <summary>Distributing work: a leader assigns queued steps, an officer delegates a held one, a leader hands over all of an officer's steps.</summary>
public abstract class DistributionTests(OfficerUiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_leader_gives_a_queued_step_to_an_officer_of_its_queue_and_no_one_else()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        var step = await StepAsync(code);
        var leader = await ClientAsync("lanhdao");
        var page = await leader.GetStringAsync("/Tasks", Cancel);
        Assert.Contains($"data-task=\"{step.Id}\"", page);

        var stranger = await PostAsync(leader, page, $"/Tasks?handler=Assign&id={step.Id}", ("to", "chuyenvien.socson"));
        var specialist = await ClientAsync("chuyenvien");
        var notLeader = await PostAsync(specialist, await specialist.GetStringAsync("/Tasks", Cancel), $"/Tasks?handler=Assign&id={step.Id}", ("to", "chuyenvien"));

        Assert.Contains("chuyenvien.socson không làm việc ở hàng đợi của “Kiểm tra hồ sơ, ghi Sổ hộ tịch”.", stranger);
        Assert.Contains("Bạn không phải lãnh đạo của đơn vị có công việc “Kiểm tra hồ sơ, ghi Sổ hộ tịch”.", notLeader);
        Assert.Null((await StepAsync(code)).Assignee);

        var assigned = await PostAsync(leader, page, $"/Tasks?handler=Assign&id={step.Id}", ("to", "chuyenvien"));

        Assert.DoesNotContain("task-error", assigned);
        Assert.Equal("chuyenvien", (await StepAsync(code)).Assignee);
        Assert.Contains(code, await specialist.GetStringAsync("/Tasks", Cancel));
    }

    [Fact]
    public async Task An_officer_hands_a_held_step_to_a_colleague_of_its_queue()
    {
        await AddSpecialistAsync("chuyenvien2", "Đinh Thị Hà");
        var code = await DossierFixtures.AcceptAsync(app);
        var step = await StepAsync(code);
        var specialist = await ClientAsync("chuyenvien");
        var page = await specialist.GetStringAsync("/Tasks", Cancel);
        await specialist.HtmxPostAsync(page, $"/Tasks?handler=Claim&id={step.Id}");
        var mine = await specialist.GetStringAsync("/Tasks", Cancel);
        Assert.Contains("Đinh Thị Hà", mine);

        var toSelf = await PostAsync(specialist, mine, $"/Tasks?handler=Delegate&id={step.Id}", ("to", "chuyenvien"));
        await PostAsync(specialist, mine, $"/Tasks?handler=Delegate&id={step.Id}", ("to", "chuyenvien2"));

        Assert.Contains("Hãy chọn một đồng nghiệp.", toSelf);
        var delegated = await StepAsync(code);
        Assert.Equal(("chuyenvien2", "chuyenvien"), (delegated.Assignee, delegated.Owner));
    }

    [Fact]
    public async Task A_leader_hands_all_of_an_officers_held_steps_back_to_the_queue_or_to_a_colleague_in_one_action()
    {
        await AddSpecialistAsync("chuyenvien3", "Mạc Văn Long");
        string[] codes = [await DossierFixtures.AcceptAsync(app), await DossierFixtures.AcceptAsync(app)];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var engine = scope.ServiceProvider.GetRequiredService<IWorkflowEngine>();
            foreach (var code in codes)
            {
                await engine.AssignWorkItemAsync((await StepAsync(code)).Id, "chuyenvien", "lanhdao", Cancel);
            }
        }

        var leader = await ClientAsync("lanhdao");
        var handover = await leader.GetStringAsync("/Tasks/Handover", Cancel);
        var toColleague = await FormAsync(leader, handover, "/Tasks/Handover", ("From", "chuyenvien"), ("To", "chuyenvien3"));

        Assert.Contains("Đã chuyển", toColleague);
        foreach (var code in codes)
        {
            Assert.Equal("chuyenvien3", (await StepAsync(code)).Assignee);
        }

        var back = await FormAsync(leader, handover, "/Tasks/Handover", ("From", "chuyenvien3"), ("To", ""));

        Assert.Contains("về hàng đợi", back);
        foreach (var code in codes)
        {
            Assert.Null((await StepAsync(code)).Assignee);
        }
        var forbidden = await (await ClientAsync("chuyenvien")).GetAsync("/Tasks/Handover", Cancel);
        Assert.Contains("/Account/AccessDenied", forbidden.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    private async Task AddSpecialistAsync(string userName, string fullName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        if (await db.Set<Officer>().AnyAsync(o => o.UserName == userName, Cancel))
        {
            return;
        }

        var unit = await db.Set<Unit>().SingleAsync(u => u.Code == "HN.HOANKIEM", Cancel);
        var officer = new Officer { UserName = userName, FullName = fullName };
        officer.Roles.Add(new OfficerRole { UnitId = unit.Id, Role = Roles.Specialist });
        db.Add(officer);
        await db.SaveChangesAsync(Cancel);
    }

    /// <summary>An htmx form post (the form's fields, the layout's antiforgery header): the fragment it answers.</summary>
    private static async Task<string> PostAsync(HttpClient client, string page, string url, params (string Name, string Value)[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))) };
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("RequestVerificationToken", OfficerSignIn.HtmxToken(page));
        var response = await client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
    }

    private static async Task<string> FormAsync(HttpClient client, string page, string url, params (string Name, string Value)[] fields)
    {
        var body = fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", OfficerSignIn.AntiforgeryToken(page)));
        var response = await client.PostAsync(url, new FormUrlEncodedContent(body), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
    }

    private async Task<WorkItem> StepAsync(string code)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IWorkflowEngine>().QueryWorkItemsAsync(new WorkItemFilter { BusinessKey = code, CandidateRole = "specialist" }, Cancel)).Single();
    }

    private Task<HttpClient> ClientAsync(string userName) => DossierFixtures.ClientAsync(app, userName);
}

public sealed class DistributionTestsOnSqlite(SqliteApp app) : DistributionTests(app), IClassFixture<SqliteApp>;

public sealed class DistributionTestsOnPostgres(PostgresApp app) : DistributionTests(app), IClassFixture<PostgresApp>;
