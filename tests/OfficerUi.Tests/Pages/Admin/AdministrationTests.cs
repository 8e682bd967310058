using System.Net;
using System.Text.RegularExpressions;
using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.OnlineIntake;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Testing.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Pages.Admin;

/// <summary>The administrators' pages for the online intake API's clients and the engine's incidents.</summary>
public abstract partial class AdministrationTests(OfficerUiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_client_is_added_with_its_key_shown_once_used_and_revoked_at_once()
    {
        var admin = await app.CreateSignedInClientAsync("quantri");
        var page = await admin.GetStringAsync("/Admin/ApiClients", Cancel);

        var added = WebUtility.HtmlDecode(await (await admin.PostFormAsync("/Admin/ApiClients?handler=Add", page, ("Name", "cong-tinh-thu"))).Content.ReadAsStringAsync(Cancel));
        var key = ApiKey().Match(added).Groups[1].Value;
        var stored = await ClientAsync("cong-tinh-thu");
        Assert.StartsWith(ApiClient.KeyPrefix, key, StringComparison.Ordinal);
        Assert.Equal(ApiClient.Hash(key), stored.KeyHash);
        Assert.DoesNotContain(key, await admin.GetStringAsync("/Admin/ApiClients", Cancel));

        var api = app.CreateClient();
        api.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/dossiers/000.00.25.H26-000000-0000", Cancel)).StatusCode);
        Assert.NotNull((await ClientAsync("cong-tinh-thu")).LastUsedAt);
        Assert.DoesNotContain("chưa dùng", Row(await admin.GetStringAsync("/Admin/ApiClients", Cancel), "cong-tinh-thu"));

        var listed = await admin.GetStringAsync("/Admin/ApiClients", Cancel);
        await admin.HtmxPostAsync(listed, $"/Admin/ApiClients?handler=Revoke&id={stored.Id}");

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/dossiers/000.00.25.H26-000000-0000", Cancel)).StatusCode);
        Assert.Contains("đã thu hồi", WebUtility.HtmlDecode(Row(await admin.GetStringAsync("/Admin/ApiClients", Cancel), "cong-tinh-thu")));
        Assert.Equal(
            [AuditActions.ApiClientCreated, AuditActions.ApiClientRevoked],
            (await AuditAsync(e => e.Subject == "cong-tinh-thu")).Select(e => e.Action));
    }

    [Fact]
    public async Task A_bad_or_taken_name_is_refused_on_its_field_and_a_communes_administrator_has_no_access()
    {
        var admin = await app.CreateSignedInClientAsync("quantri");
        var page = await admin.GetStringAsync("/Admin/ApiClients", Cancel);
        await admin.PostFormAsync("/Admin/ApiClients?handler=Add", page, ("Name", "cong-trung-ten"));

        var bad = WebUtility.HtmlDecode(await (await admin.PostFormAsync("/Admin/ApiClients?handler=Add", page, ("Name", "cổng tỉnh"))).Content.ReadAsStringAsync(Cancel));
        var taken = WebUtility.HtmlDecode(await (await admin.PostFormAsync("/Admin/ApiClients?handler=Add", page, ("Name", "cong-trung-ten"))).Content.ReadAsStringAsync(Cancel));
        await app.AddOfficerAsync("quantri.hoankiem", Roles.Administrator, "HN.HOANKIEM");
        var commune = await (await app.CreateSignedInClientAsync("quantri.hoankiem", new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })).GetAsync("/Admin/ApiClients", Cancel);

        Assert.Contains("Tên hệ thống dài 2–60 ký tự", bad);
        Assert.Contains("Đã có hệ thống tên cong-trung-ten", taken);
        Assert.False(await Db(db => db.Set<ApiClient>().AnyAsync(c => c.Name == "cổng tỉnh", Cancel)));
        Assert.Contains("/Account/AccessDenied", commune.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_incident_is_listed_retried_and_resolved_with_a_comment_and_hidden_from_a_communes_administrator()
    {
        var incident = await RaiseIncidentAsync();
        var admin = await app.CreateSignedInClientAsync("quantri");
        var page = await admin.GetStringAsync("/Admin/Incidents", Cancel);
        Assert.Contains($"data-incident=\"{incident}\"", page);
        await app.AddOfficerAsync("quantri.hoankiem", Roles.Administrator, "HN.HOANKIEM");
        Assert.DoesNotContain($"data-incident=\"{incident}\"", await (await app.CreateSignedInClientAsync("quantri.hoankiem")).GetStringAsync("/Admin/Incidents", Cancel));

        var retried = WebUtility.HtmlDecode(await (await admin.PostFormAsync($"/Admin/Incidents?handler=Retry&id={incident}", page)).Content.ReadAsStringAsync(Cancel));
        var noComment = WebUtility.HtmlDecode(await (await admin.PostFormAsync($"/Admin/Incidents?handler=Resolve&id={incident}", page, ("Comment", " "))).Content.ReadAsStringAsync(Cancel));
        var resolved = WebUtility.HtmlDecode(await (await admin.PostFormAsync($"/Admin/Incidents?handler=Resolve&id={incident}", page, ("Comment", "Đã sửa điều kiện rẽ nhánh"))).Content.ReadAsStringAsync(Cancel));

        Assert.Contains("Đã thử lại sự cố", retried);
        Assert.Contains("Hãy ghi chú cách đã xử lý sự cố.", noComment);
        Assert.Contains($"data-incident=\"{incident}\"", noComment);
        Assert.DoesNotContain($"data-incident=\"{incident}\"", resolved);
        var records = await AuditAsync(e => e.Action == AuditActions.IncidentRetried || e.Action == AuditActions.IncidentResolved);
        Assert.Contains(records, e => e.Action == AuditActions.IncidentRetried && e.Actor == "quantri");
        Assert.Contains(records, e => e.Action == AuditActions.IncidentResolved && e.After!.Contains("Đã sửa điều kiện rẽ nhánh", StringComparison.Ordinal));
    }

    /// <summary>An instance whose service step fails (it names a form that does not exist): the engine raises an incident.</summary>
    private async Task<Guid> RaiseIncidentAsync()
    {
        const string Bpmn = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:dw="urn:dossierworkflow:bpmn:1" id="Definitions_incident" targetNamespace="http://bpmn.io/schema/bpmn">
              <bpmn:process id="incident-test" name="Thử sự cố" isExecutable="true">
                <bpmn:startEvent id="Start" />
                <bpmn:sequenceFlow id="Flow_Start" sourceRef="Start" targetRef="Task_Issue" />
                <bpmn:serviceTask id="Task_Issue" name="Phát hành mẫu 99" dw:handler="issue-form" dw:form="99" />
                <bpmn:sequenceFlow id="Flow_End" sourceRef="Task_Issue" targetRef="End" />
                <bpmn:endEvent id="End" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        app.CreateClient();
        await using var scope = app.Services.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<IWorkflowEngine>();
        await engine.DeployBpmnAsync(Bpmn, "test", Cancel);
        var position = await engine.StartAsync(new StartInstance("incident-test"), Cancel);
        return Assert.Single(position.OpenIncidents).Id;
    }



    private static string Row(string page, string client)
    {
        var start = page.IndexOf($"data-client=\"{client}\"", StringComparison.Ordinal);
        return page[start..page.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private Task<ApiClient> ClientAsync(string name) => Db(db => db.Set<ApiClient>().AsNoTracking().SingleAsync(c => c.Name == name, Cancel));

    private Task<List<AuditEntry>> AuditAsync(System.Linq.Expressions.Expression<Func<AuditEntry, bool>> where) =>
        Db(db => db.Set<AuditEntry>().Where(where).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(Cancel));

    private async Task<T> Db<T>(Func<DossiersDbContext, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<DossiersDbContext>());
    }

    [GeneratedRegex(@"id=""api-key"">([^<]+)</code>")]
    private static partial Regex ApiKey();
}

public sealed class AdministrationTestsOnSqlite(SqliteApp app) : AdministrationTests(app), IClassFixture<SqliteApp>;

public sealed class AdministrationTestsOnPostgres(PostgresApp app) : AdministrationTests(app), IClassFixture<PostgresApp>;
