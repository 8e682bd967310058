using System.Net;
using System.Text.Json;
using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Testing.Web;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Pages.Admin;

/// <summary>
/// The designer's server side: what it offers (the engine's supported elements, the organisation's roles and
/// departments, the legal time), saving to the draft with problems by element, conditions checked as typed, and test
/// runs of the diagram against the appointment.
/// </summary>
public sealed class WorkflowDesignerTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Key = "marital-status-certification";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_designer_offers_what_the_engine_executes_and_the_organisation_holds()
    {
        var admin = await app.CreateSignedInClientAsync("quantri");
        var page = await admin.GetStringAsync($"/Admin/Workflows/{Key}/Design", Cancel);

        using var config = JsonDocument.Parse(WebUtility.HtmlDecode(Attribute(page, "data-config")));
        var root = config.RootElement;
        Assert.Equal(
            ["boundaryEvent", "callActivity", "endEvent", "eventBasedGateway", "exclusiveGateway", "inclusiveGateway", "intermediateCatchEvent", "intermediateThrowEvent", "multiInstanceLoopCharacteristics", "parallelGateway", "receiveTask", "sendTask", "serviceTask", "startEvent", "subProcess", "userTask"],
            root.GetProperty("supported").GetProperty("elements").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["reception", "specialist", "leader", "clerk"], root.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("value").GetString()));
        Assert.Contains(root.GetProperty("departments").EnumerateArray(), d => d.GetProperty("value").GetString() == "VP");
        Assert.Equal(3, root.GetProperty("legalDays").GetInt32());
        Assert.Contains("<script src=\"/lib/designer/designer.", page);

        var source = await admin.GetStringAsync($"/Admin/Workflows/{Key}/Design?handler=Source", Cancel);
        Assert.Equal(app.Services.GetRequiredService<ProcedureCatalogue>().FindByKey(Key)!.WorkflowBpmn, source);
    }

    [Fact]
    public async Task Saving_answers_the_problems_by_element_and_conditions_are_checked_as_typed()
    {
        var admin = await app.CreateSignedInClientAsync("quantri");
        // A procedure of its own: the draft this test saves would be what the other tests' designer opens.
        const string key = "parent-child-recognition";
        var page = await admin.GetStringAsync($"/Admin/Workflows/{key}/Design", Cancel);
        var source = await admin.GetStringAsync($"/Admin/Workflows/{key}/Design?handler=Source", Cancel);
        var withoutRole = source.Replace("dw:role=\"leader\"", "", StringComparison.Ordinal);

        using var saved = await PostAsync(admin, key, page, "Save", ("source", withoutRole));
        var problem = Assert.Single(saved.RootElement.GetProperty("problems").EnumerateArray());
        Assert.Equal("Task_Approval", problem.GetProperty("elementId").GetString());
        Assert.Contains("dw:role", problem.GetProperty("message").GetString());
        Assert.Contains(saved.RootElement.GetProperty("changes").EnumerateArray(), c => c.GetString()!.Contains("vai trò xử lý", StringComparison.Ordinal));

        using var refused = await PostAsync(admin, key, page, "Save", ("source", "<definitions>"));
        Assert.Contains("không đọc được", refused.RootElement.GetProperty("refusal").GetString());

        using var good = await PostAsync(admin, key, page, "CheckCondition", ("expression", "outcome == \"approve\" && fee > 0"));
        using var bad = await PostAsync(admin, key, page, "CheckCondition", ("expression", "outcome == "));
        Assert.Equal(JsonValueKind.Null, good.RootElement.GetProperty("error").ValueKind);
        Assert.False(string.IsNullOrEmpty(bad.RootElement.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task A_test_run_shows_the_path_the_due_dates_and_the_appointment_without_making_a_dossier()
    {
        var admin = await app.CreateSignedInClientAsync("quantri");
        var page = await admin.GetStringAsync($"/Admin/Workflows/{Key}/Design", Cancel);
        var source = await admin.GetStringAsync($"/Admin/Workflows/{Key}/Design?handler=Source", Cancel);

        // Monday 7 December 2026 at 09:00: 3 working days to Thursday the 10th.
        using var usual = await PostAsync(admin, page, "TestRun", ("source", source), ("receivedAt", "2026-12-07T09:00"), ("receivingUnit", "HN.HOANKIEM"), ("delivery", "Counter"), ("outcomes", "{}"));
        var run = usual.RootElement;
        Assert.True(run.TryGetProperty("appointment", out _), run.ToString());
        Assert.Equal("17:00 10/12/2026", run.GetProperty("appointment").GetString());
        Assert.False(run.GetProperty("late").GetBoolean());
        Assert.Equal(["accept", "submit", "approve", null], run.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("outcome").GetString()));
        Assert.Contains("Task_Approval", run.GetProperty("elements").EnumerateArray().Select(e => e.GetString()));

        // The specialist's step made 5 days long: the same path, resolved after the appointment.
        var longer = source.Replace("dw:role=\"specialist\" dw:unitScope=\"receiving-unit\" dw:durationDays=\"2\"", "dw:role=\"specialist\" dw:unitScope=\"receiving-unit\" dw:durationDays=\"5\"", StringComparison.Ordinal);
        Assert.NotEqual(source, longer);
        using var late = await PostAsync(admin, page, "TestRun", ("source", longer), ("receivedAt", "2026-12-07T09:00"), ("receivingUnit", "HN.HOANKIEM"), ("delivery", "Counter"), ("outcomes", "{}"));
        Assert.True(late.RootElement.GetProperty("late").GetBoolean());

        // A refusal chosen at reception ends at once, refused.
        using var refused = await PostAsync(admin, page, "TestRun", ("source", source), ("receivedAt", "2026-12-07T09:00"), ("receivingUnit", "HN.HOANKIEM"), ("delivery", "Counter"), ("outcomes", "{\"Task_Reception\":\"refuse\"}"));
        Assert.Equal("Từ chối", refused.RootElement.GetProperty("result").GetString());
        Assert.Single(refused.RootElement.GetProperty("steps").EnumerateArray());
    }

    private static Task<JsonDocument> PostAsync(HttpClient client, string page, string handler, params (string Name, string Value)[] fields) =>
        PostAsync(client, Key, page, handler, fields);

    private static async Task<JsonDocument> PostAsync(HttpClient client, string key, string page, string handler, params (string Name, string Value)[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/Admin/Workflows/{key}/Design?handler={handler}")
        {
            Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))),
        };
        request.Headers.Add("RequestVerificationToken", Attribute(page, "data-token"));
        var response = await client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
    }

    private static string Attribute(string html, string name)
    {
        var start = html.IndexOf($"{name}=\"", StringComparison.Ordinal) + name.Length + 2;
        return html[start..html.IndexOf('"', start)];
    }
}
