using System.Net;
using DossierWorkflow.Dossiers.OnlineIntake;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Testing.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests;

/// <summary>
/// The administration pages and their actions × who asks: an administrator of the province, one of a commune (their
/// own unit and another's), and officers of every other role. What each may do is written out as data; anything else
/// must be refused (access denied for a role without administration, not found for what another unit administers) and
/// change nothing.
/// </summary>
public sealed class AdministrationMatrixTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private const string Ok = "ok";
    private const string Denied = "denied";
    private const string NotFound = "not found";

    /// <summary>Who asks: the province's administrator, Hoàn Kiếm's, and officers without administration.</summary>
    private static readonly string[] Users = ["quantri", "quantri.hk", "tiepnhan", "chuyenvien", "lanhdao", "vanthu", "quanly"];

    /// <summary>(method, path, what the province's administrator gets, what Hoàn Kiếm's gets); every other officer is denied.</summary>
    private static readonly (string Method, string Path, string Province, string Commune)[] Requests =
    [
        ("GET", "/Admin/Units", Ok, Ok),
        ("GET", "/Admin/Units/HN.HOANKIEM.VP", Ok, Ok),
        ("GET", "/Admin/Units/HN.SOCSON", Ok, NotFound),
        ("POST", "/Admin/Units/HN.SOCSON.KT?handler=Deactivate", Ok, NotFound),
        ("GET", "/Admin/Officers", Ok, Ok),
        ("GET", "/Admin/Officers/tiepnhan", Ok, Ok),
        ("GET", "/Admin/Officers/chuyenvien.socson", Ok, NotFound),
        ("POST", "/Admin/Officers/chuyenvien.socson?handler=ResetPassword", Ok, NotFound),
        ("GET", "/Admin/Officers/quantri", Ok, NotFound),
        ("GET", "/Admin/ApiClients", Ok, Denied),
        ("POST", "/Admin/ApiClients?handler=Add", Ok, Denied),
        ("GET", "/Admin/Workflows", Ok, Denied),
        ("GET", "/Admin/Workflows/birth-registration", Ok, Denied),
        ("POST", "/Admin/Workflows/birth-registration?handler=BeginDraft", Ok, Denied),
        ("GET", "/Admin/Workflows/no-such-procedure", NotFound, Denied),
        ("GET", "/Admin/Workflows/birth-registration/Design", Ok, Denied),
        ("GET", "/Admin/Workflows/birth-registration/Design?handler=Source", Ok, Denied),
        ("POST", "/Admin/Workflows/birth-registration/Design?handler=CheckCondition", Ok, Denied),
        ("GET", "/Admin/Workflows/birth-registration/Migrate?from=1&to=1", NotFound, Denied),
        ("GET", "/Admin/Incidents", Ok, Ok),
        ("GET", "/Admin/Audit", Ok, Ok),
        ("GET", "/Admin/Calendar", Ok, Ok),
    ];

    [Fact]
    public async Task Every_administration_request_is_served_exactly_to_those_the_matrix_names()
    {
        await app.AddOfficerAsync("quantri.hk", Roles.Administrator, "HN.HOANKIEM");
        Dictionary<string, (HttpClient Client, string Token)> clients = [];
        foreach (var user in Users)
        {
            var client = await app.CreateSignedInClientAsync(user, new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            clients[user] = (client, OfficerSignIn.AntiforgeryToken(await client.GetStringAsync("/Procedures", Cancel)));
        }

        List<string> wrong = [];
        var clientName = 0;
        foreach (var (method, path, province, commune) in Requests)
        {
            foreach (var user in Users)
            {
                var expected = user switch { "quantri" => province, "quantri.hk" => commune, _ => Denied };
                var (client, token) = clients[user];
                var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method == "POST")
                {
                    // A new API client's name differs each time, so that an allowed add is not refused as taken.
                    request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Name"] = $"matrix-{clientName++}" });
                }

                var response = await client.SendAsync(request, Cancel);
                var location = response.Headers.Location?.OriginalString ?? "";
                var got = response.StatusCode == HttpStatusCode.NotFound ? NotFound
                    : location.Contains("/Account/AccessDenied", StringComparison.Ordinal) ? Denied
                    : response.StatusCode == HttpStatusCode.OK ? Ok
                    : $"{(int)response.StatusCode} {location}";
                if (got != expected)
                {
                    wrong.Add($"{user} {method} {path}: {got} (expected {expected})");
                }
            }
        }

        Assert.Empty(wrong);

        // What was refused changed nothing: only the province's administrator's own actions took effect.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        Assert.Equal(1, await db.Set<ApiClient>().CountAsync(c => c.Name.StartsWith("matrix-"), Cancel));
        Assert.False((await db.Set<Unit>().SingleAsync(u => u.Code == "HN.SOCSON.KT", Cancel)).IsActive);
    }
}
