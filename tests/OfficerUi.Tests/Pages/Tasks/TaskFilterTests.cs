using System.Net;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.OfficerUi.Tests.Pages.Dossiers;
using DossierWorkflow.Testing.Web;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Pages.Tasks;

/// <summary>The work lists filtered by procedure, step and due state, ordered, a page at a time; the home page's counts lead there.</summary>
public abstract class TaskFilterTests(OfficerUiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_step_is_listed_under_its_procedure_its_step_and_its_due_state_and_not_under_others()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        var step = await StepAsync(code);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Held, so that it is on the first page whatever else waits in the queue.
            await scope.ServiceProvider.GetRequiredService<IWorkflowEngine>().AssignWorkItemAsync(step.Id, "chuyenvien", "lanhdao", Cancel);
        }

        var calendar = app.Services.GetRequiredService<CurrentWorkingCalendar>().Calendar;
        var now = DateTimeOffset.UtcNow;
        var tomorrow = calendar.At(calendar.LocalDate(now).AddDays(1), TimeOnly.MinValue);
        var state = step.DueAt is not { } due ? "NoDue" : due < now ? "Overdue" : due < tomorrow ? "DueToday" : "Later";
        var specialist = await app.CreateSignedInClientAsync("chuyenvien");

        foreach (var query in new[] { "Filter.Procedure=1.001193", "Filter.Procedure=1.001193&Filter.Step=Task_Processing", $"Filter.Due={state}", "Filter.Sort=Due" })
        {
            Assert.True((await specialist.GetStringAsync($"/Tasks?{query}", Cancel)).Contains(code, StringComparison.Ordinal), query);
        }

        var other = state == "Overdue" ? "Later" : "Overdue";
        foreach (var query in new[] { "Filter.Procedure=2.000815", "Filter.Procedure=1.001193&Filter.Step=Task_Approval", $"Filter.Due={other}" })
        {
            Assert.False((await specialist.GetStringAsync($"/Tasks?{query}", Cancel)).Contains(code, StringComparison.Ordinal), query);
        }

        var page = WebUtility.HtmlDecode(await specialist.GetStringAsync("/Tasks?Filter.Procedure=1.001193", Cancel));
        Assert.Contains("<option value=\"Task_Processing\">Kiểm tra hồ sơ, ghi Sổ hộ tịch</option>", page);
    }

    [Fact]
    public async Task A_long_queue_comes_a_page_at_a_time_and_htmx_gets_only_the_lists()
    {
        for (var i = 0; i < 27; i++)
        {
            await DossierFixtures.AcceptAsync(app);
        }

        var specialist = await app.CreateSignedInClientAsync("chuyenvien");
        var first = await specialist.GetStringAsync("/Tasks?Filter.Procedure=1.001193", Cancel);
        specialist.DefaultRequestHeaders.Add("HX-Request", "true");
        var second = await specialist.GetStringAsync("/Tasks?Filter.Procedure=1.001193&Filter.PageNumber=2", Cancel);

        var firstRows = Rows(Queue(first));
        var secondRows = Rows(Queue(second));
        Assert.Equal(25, firstRows.Count);
        Assert.NotEmpty(secondRows);
        Assert.Empty(firstRows.Intersect(secondRows));
        Assert.Contains("Filter.PageNumber=2", first);
        Assert.DoesNotContain("<html", second);
        Assert.Contains("id=\"task-filters\"", second);
    }

    [Fact]
    public async Task The_home_page_counts_link_to_the_lists_they_count()
    {
        var page = await (await app.CreateSignedInClientAsync("chuyenvien")).GetStringAsync("/", Cancel);

        Assert.Contains("href=\"/Tasks?Filter.Due=DueToday&Filter.Sort=Due\"", page);
        Assert.Contains("href=\"/Tasks?Filter.Due=Overdue&Filter.Sort=Due\"", page);
        Assert.Contains("id=\"due-today\"", page);
    }

    /// <summary>The specialists' queue of the page.</summary>
    private static string Queue(string page)
    {
        var start = page.IndexOf("class=\"mb-4 queue\" data-role=\"specialist\"", StringComparison.Ordinal);
        Assert.True(start >= 0);
        return page[start..page.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    private static List<string> Rows(string page) =>
        [.. System.Text.RegularExpressions.Regex.Matches(page, "<tr data-task=\"([^\"]+)\"").Select(m => m.Groups[1].Value)];

    private async Task<WorkItem> StepAsync(string code)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IWorkflowEngine>().QueryWorkItemsAsync(new WorkItemFilter { BusinessKey = code, CandidateRole = "specialist" }, Cancel)).Single();
    }
}

public sealed class TaskFilterTestsOnSqlite(SqliteApp app) : TaskFilterTests(app), IClassFixture<SqliteApp>;

public sealed class TaskFilterTestsOnPostgres(PostgresApp app) : TaskFilterTests(app), IClassFixture<PostgresApp>;
