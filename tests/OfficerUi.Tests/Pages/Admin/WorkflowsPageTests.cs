using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Testing.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Pages.Admin;

/// <summary>
/// The workflow versions pages as an administrator uses them: import a file as the draft (refused when it is not this
/// procedure's BPMN or too large), see its changes, export it, publish it, delete an unused version — every publish and
/// deletion in the audit journal; names from a file stay text.
/// </summary>
public sealed class WorkflowsPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Key = "civil-status-extract-copy";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_imported_draft_is_shown_with_its_changes_exported_published_and_the_unused_version_deleted()
    {
        var admin = await app.CreateSignedInClientAsync("quantri");
        var shipped = app.Services.GetRequiredService<ProcedureCatalogue>().FindByKey(Key)!.WorkflowBpmn;
        var page = await admin.GetStringAsync($"/Admin/Workflows/{Key}", Cancel);
        Assert.Contains("id=\"current-version\"", page);
        Assert.Contains("id=\"no-draft\"", page);

        // Not BPMN, another procedure's, too large: refused, no draft.
        Assert.Contains("không đọc được như một quy trình BPMN", await ImportAsync(admin, page, "<html/>"));
        var other = app.Services.GetRequiredService<ProcedureCatalogue>().FindByKey("birth-registration")!.WorkflowBpmn;
        Assert.Contains("không phải quy trình «civil-status-extract-copy»", await ImportAsync(admin, page, other));
        Assert.Contains("Tệp quá lớn", await ImportAsync(admin, page, new string(' ', 9 * 1024 * 1024)));
        Assert.Contains("id=\"no-draft\"", await admin.GetStringAsync($"/Admin/Workflows/{Key}", Cancel));

        // A step renamed to markup: imported, its name shown as text in the change summary.
        var renamed = RenameFirstUserTask(shipped, "<script>alert(1)</script>");
        var imported = await ImportAsync(admin, page, renamed);
        Assert.Contains("Đã nhập tệp", imported);
        Assert.Contains("id=\"draft-valid\"", imported);
        Assert.Contains("data-change=\"StepChanged\"", imported);
        Assert.DoesNotContain("<script>alert(1)</script>", imported);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", imported);
        Assert.Equal(renamed, await admin.GetStringAsync($"/Admin/Workflows/{Key}?handler=Export", Cancel));
        Assert.Equal(shipped, await admin.GetStringAsync($"/Admin/Workflows/{Key}?handler=Export&version=1", Cancel));

        var published = await (await admin.PostFormAsync($"/Admin/Workflows/{Key}?handler=Publish", imported)).Content.ReadAsStringAsync(Cancel);
        Assert.Contains("Đã xuất bản phiên bản 2.", published);
        Assert.Contains("data-version=\"2\"", published);

        // The procedure's page shows the published version's diagram to every officer.
        var officer = await app.CreateSignedInClientAsync("tiepnhan");
        var code = app.Services.GetRequiredService<ProcedureCatalogue>().FindByKey(Key)!.Code;
        Assert.Contains("id=\"diagram\"", await officer.GetStringAsync($"/Procedures/Details?code={code}", Cancel));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", await officer.GetStringAsync($"/Procedures/Details?code={code}&handler=Diagram", Cancel));

        var deleted = await (await admin.PostFormAsync($"/Admin/Workflows/{Key}?handler=Delete&version=1", published)).Content.ReadAsStringAsync(Cancel);
        Assert.Contains("Đã xóa phiên bản 1.", deleted);
        Assert.DoesNotContain("data-version=\"1\"", deleted);

        await using var scope = app.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Set<AuditEntry>().AsNoTracking()
            .Where(e => e.Actor == "quantri" && (e.Action == AuditActions.DefinitionPublished || e.Action == AuditActions.DefinitionDeleted))
            .OrderBy(e => e.At).Select(e => e.Action + " " + e.Subject).ToListAsync(Cancel);
        Assert.Equal([$"definition-published {Key} v2", $"definition-deleted {Key} v1"], audit);
    }

    private static async Task<string> ImportAsync(HttpClient client, string page, string content)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(OfficerSignIn.AntiforgeryToken(page[page.IndexOf("<main", StringComparison.Ordinal)..])), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        form.Add(file, "file", "workflow.bpmn");
        var response = await client.PostAsync($"/Admin/Workflows/{Key}?handler=Import", form, Cancel);

        // The page as served (Vietnamese is written as characters; markup in names stays escaped, as checked).
        return await response.Content.ReadAsStringAsync(Cancel);
    }

    private static string RenameFirstUserTask(string bpmn, string name)
    {
        var start = bpmn.IndexOf("<bpmn:userTask id=\"", StringComparison.Ordinal);
        var from = bpmn.IndexOf(" name=\"", start, StringComparison.Ordinal) + " name=\"".Length;
        var to = bpmn.IndexOf('"', from);
        return bpmn[..from] + WebUtility.HtmlEncode(name) + bpmn[to..];
    }
}
