using System.Net;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.OfficerUi.Tests.Pages.Dossiers;
using DossierWorkflow.Testing.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests;

/// <summary>
/// Who may do what with a dossier of Phường Hoàn Kiếm, written out as data: every page, fragment, file, form and action
/// that names a dossier × every demo officer (each role of the dossier's commune, the province's administrator and
/// manager above it, each role of the other commune). A page answers those it names and is "not found" or "access
/// denied" to the others; an action changes the dossier for those it names (with the fields every request sends) and
/// nothing for the others. Whoever may not see the dossier is shown nothing of it — not its applicant's name, ID number
/// or code — by any page, fragment or refusal. Authorisation does not depend on the database, so this runs on SQLite.
/// </summary>
public sealed class AuthorisationMatrixTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Applicant = "Nguyễn Văn Án";

    private const string CitizenId = "001085012345";

    /// <summary>Every demo officer.</summary>
    private static readonly string[] Everyone = ["tiepnhan", "chuyenvien", "lanhdao", "vanthu", "quantri", "quanly", "tiepnhan.socson", "chuyenvien.socson", "lanhdao.socson"];

    /// <summary>Who may see a Hoàn Kiếm dossier: its commune (and its departments) and the province above it.</summary>
    private static readonly string[] Seers = ["tiepnhan", "chuyenvien", "lanhdao", "vanthu", "quantri", "quanly"];

    /// <summary>
    /// Each request and whom it serves: <c>{code}</c>, <c>{step}</c> (the dossier's open step) and <c>{file}</c> (its scan)
    /// are filled in. A GET serves by answering (200, or a move to another page of the dossier); a POST by changing the
    /// dossier (the dossier is accepted and its specialist step waits in the queue: a withdrawal or a stop ends it, a
    /// completion, a claim or an assignment moves the step; there is nothing to approve, supplement or return).
    /// </summary>
    private static readonly (string Method, string Path, string[] Allowed)[] Matrix =
    [
        ("GET", "/Dossiers/{code}", Seers),
        ("GET", "/Dossiers/{code}?handler=Diagram", Seers),
        ("GET", "/Dossiers/{code}/Forms/01", Seers),
        ("GET", "/Dossiers/{code}/Forms/06", Seers),
        ("GET", "/Dossiers/{code}/Files/{file}", Seers),
        ("GET", "/Dossiers/{code}/Steps/{step}", Seers),
        ("GET", "/Dossiers/{code}/Extension", Seers),
        ("GET", "/Dossiers/{code}/Withdraw", ["tiepnhan", "lanhdao"]),
        ("GET", "/Dossiers/{code}/Stop", ["lanhdao"]),
        ("GET", "/Reception/Online/{code}", ["tiepnhan"]),
        ("GET", "/Reception/Supplement/{code}", ["tiepnhan"]),
        ("GET", "/Reception/Received?code={code}", ["tiepnhan"]),
        ("GET", "/Return/{code}", ["tiepnhan"]),
        ("POST", "/Dossiers/{code}/Steps/{step}", ["chuyenvien"]),
        ("POST", "/Dossiers/{code}/Withdraw", ["tiepnhan", "lanhdao"]),
        ("POST", "/Dossiers/{code}/Stop", ["lanhdao"]),
        ("POST", "/Dossiers/{code}/Extension?handler=Approve", []),
        ("POST", "/Reception/Supplement/{code}", []),
        ("POST", "/Return/{code}?handler=Counter", []),
        ("POST", "/Tasks?handler=Claim&id={step}", ["chuyenvien"]),
        ("POST", "/Tasks?handler=Assign&id={step}", ["lanhdao"]),
    ];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_request_naming_a_dossier_is_allowed_exactly_to_those_the_matrix_names_and_leaks_nothing_otherwise()
    {
        List<string> wrong = [];
        foreach (var user in Everyone)
        {
            var client = await app.CreateSignedInClientAsync(user, new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var token = OfficerSignIn.AntiforgeryToken(await client.GetStringAsync("/Procedures", Cancel));
            foreach (var (method, template, allowed) in Matrix)
            {
                // A fresh dossier for each action, so that one allowed action does not change what the next one meets.
                var (code, step, file) = await DossierAsync();
                var path = template.Replace("{code}", Uri.EscapeDataString(code)).Replace("{step}", step.ToString()).Replace("{file}", file.ToString());
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method == "POST")
                {
                    request.Headers.Add("RequestVerificationToken", token);
                    if (path.StartsWith("/Tasks", StringComparison.Ordinal))
                    {
                        request.Headers.Add("HX-Request", "true");
                    }

                    request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Outcome"] = "submit", ["to"] = "chuyenvien", ["Reason"] = "Theo yêu cầu" });
                }

                var response = await client.SendAsync(request, Cancel);
                var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
                var location = response.Headers.Location?.OriginalString
                    ?? (response.Headers.TryGetValues("HX-Redirect", out var redirect) ? redirect.First() : "");
                var refused = response.StatusCode == HttpStatusCode.NotFound || location.Contains("/Account/AccessDenied", StringComparison.Ordinal);
                var served = method == "GET" ? !refused && response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect : await ChangedAsync(code, step);
                if (served != allowed.Contains(user))
                {
                    wrong.Add($"{user} {method} {template}: {(int)response.StatusCode} {location} (expected {(allowed.Contains(user) ? "served" : "refused")})");
                }

                // The language switch echoes the address asked for (the error page's leads back to it): not the dossier's data.
                var shown = System.Text.RegularExpressions.Regex.Replace(body, "<input type=\"hidden\" name=\"returnUrl\" value=\"[^\"]*\" />", "");
                if (!Seers.Contains(user) && (shown.Contains(Applicant, StringComparison.Ordinal) || shown.Contains(CitizenId, StringComparison.Ordinal) || shown.Contains(code, StringComparison.Ordinal)))
                {
                    wrong.Add($"{user} {method} {template}: {(int)response.StatusCode} shows the dossier to an officer who may not see it: {System.Text.RegularExpressions.Regex.Replace(body, "\\s+", " ")[..Math.Min(3000, body.Length)]}");
                }
            }

            // Lists: the dossier shows in search and in the work lists only to those who may see it.
            var (listed, _, _) = await DossierAsync();
            var search = await client.GetStringAsync($"/Dossiers?Input.Code={Uri.EscapeDataString(listed)}", Cancel);
            if (Seers.Contains(user) != search.Contains($"data-code=\"{listed}\"", StringComparison.Ordinal))
            {
                wrong.Add($"{user} search: {(Seers.Contains(user) ? "missing" : "leaks")} the dossier");
            }

            var tasks = await client.GetStringAsync("/Tasks?Filter.Procedure=1.001193&Filter.Sort=Due", Cancel);
            if (!Seers.Contains(user) && tasks.Contains(Applicant, StringComparison.Ordinal))
            {
                wrong.Add($"{user} tasks: leaks an applicant");
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    /// <summary>An accepted birth registration of Hoàn Kiếm with a scan, its specialist step open.</summary>
    private async Task<(string Code, Guid Step, Guid File)> DossierAsync()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        var dossier = await db.Set<Dossier>().Include(d => d.Files).SingleAsync(d => d.Code == code, Cancel);
        var pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();
        var stored = (DossierWorkflow.Dossiers.Attachments.AttachmentResult.Accepted)await scope.ServiceProvider.GetRequiredService<DossierWorkflow.Dossiers.Attachments.AttachmentIntake>()
            .AcceptAsync(new MemoryStream(pdf), "to-khai.pdf", pdf.Length, Cancel);
        var file = new DossierFile
        {
            Id = Guid.NewGuid(), DossierId = dossier.Id, DocumentPosition = 0, FileName = stored.File.FileName, ContentType = stored.File.ContentType,
            Length = stored.File.Length, Sha256 = stored.File.Sha256, UploadedAt = DateTimeOffset.UtcNow, UploadedBy = "tiepnhan",
        };
        dossier.Files.Add(file);
        await db.SaveChangesAsync(Cancel);
        var step = (await scope.ServiceProvider.GetRequiredService<IWorkflowEngine>().QueryWorkItemsAsync(new WorkItemFilter { BusinessKey = code }, Cancel)).Single();
        return (code, step.Id, file.Id);
    }

    /// <summary>Whether the dossier left status 2 or its step was taken or completed.</summary>
    private async Task<bool> ChangedAsync(string code, Guid step)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var dossier = await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Set<Dossier>().AsNoTracking().SingleAsync(d => d.Code == code, Cancel);
        var item = await scope.ServiceProvider.GetRequiredService<IWorkflowEngine>().GetWorkItemAsync(step, Cancel);
        return dossier.Status != DossierStatus.Accepted || item.Status != WorkItemStatus.Open || item.Assignee is not null;
    }
}
