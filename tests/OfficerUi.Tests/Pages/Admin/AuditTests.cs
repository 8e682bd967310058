using System.Net;
using System.Text.RegularExpressions;
using DossierWorkflow.Dossiers.Audit;
using DossierWorkflow.Dossiers.Organisation;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.OfficerUi.Tests.Pages.Dossiers;
using DossierWorkflow.Testing.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Pages.Admin;

/// <summary>The audit journal: what each kind of action records, and the page that searches it, for whom.</summary>
public abstract partial class AuditTests(OfficerUiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sign_in_and_a_sign_out_are_recorded_with_the_officer_and_their_unit()
    {
        var client = await app.CreateSignedInClientAsync("vanthu", new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var home = await client.GetStringAsync("/", Cancel);
        await client.PostAsync("/Account/SignOut", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = OfficerSignIn.AntiforgeryToken(home[home.IndexOf("/Account/SignOut", StringComparison.Ordinal)..]) }), Cancel);

        var entries = await EntriesAsync(e => e.Actor == "vanthu");

        var signIn = Assert.Single(entries, e => e.Action == AuditActions.SignedIn);
        Assert.Equal("HN.HOANKIEM.VP", signIn.UnitCode);
        Assert.Single(entries, e => e.Action == AuditActions.SignedOut);
    }

    [Fact]
    public async Task A_refused_sign_in_is_recorded_under_the_name_typed_known_or_not()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        await client.SignInAsync("quanly", "wrong-password");
        await client.SignInAsync("  Ai.Do  ", "wrong-password");

        Assert.Equal("Failed", Assert.Single(await EntriesAsync(e => e.Actor == "quanly" && e.Action == AuditActions.SignInFailed)).Subject);
        Assert.Single(await EntriesAsync(e => e.Actor == "ai.do" && e.Action == AuditActions.SignInFailed));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_an_unknown_name_with_the_same_message_as_a_known_one()
    {
        await app.AddOfficerAsync("khoa.thu", Roles.Clerk, "HN.HOANKIEM");
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        string? known = null;
        string? unknown = null;
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            known = await MessageAsync(await client.SignInAsync("khoa.thu", "wrong-password"));
            unknown = await MessageAsync(await client.SignInAsync("khong.co.ai", "wrong-password"));
        }

        Assert.Contains("tạm khóa đến", known);
        Assert.Equal(Regex.Replace(known!, @"\d{2}:\d{2}", "HH:mm"), Regex.Replace(unknown!, @"\d{2}:\d{2}", "HH:mm"));
    }

    [Fact]
    public async Task A_calendar_decision_and_its_removal_are_recorded_with_what_it_said()
    {
        var client = await app.CreateSignedInClientAsync("quantri");
        var page = await client.GetStringAsync("/Admin/Calendar", Cancel);
        await client.PostAsync("/Admin/Calendar?handler=Add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Decision.Date"] = "2031-03-07",
            ["Decision.IsWorkingDay"] = "false",
            ["Decision.Note"] = "Nghỉ bù theo quyết định của tỉnh",
            ["__RequestVerificationToken"] = OfficerSignIn.AntiforgeryToken(page[page.IndexOf("id=\"add-decision\"", StringComparison.Ordinal)..]),
        }), Cancel);
        await client.HtmxPostAsync(await client.GetStringAsync("/Admin/Calendar?year=2031", Cancel), "/Admin/Calendar?handler=Delete&date=2031-03-07");

        var entries = await EntriesAsync(e => e.Subject == "2031-03-07");

        var decided = Assert.Single(entries, e => e.Action == AuditActions.CalendarDecided);
        Assert.Equal(("quantri", null), (decided.Actor, decided.Before));
        Assert.Contains("\"note\":\"Nghỉ bù theo quyết định của tỉnh\"", decided.After);
        Assert.Contains("\"isWorkingDay\":false", decided.After);
        var removed = Assert.Single(entries, e => e.Action == AuditActions.CalendarDecisionRemoved);
        Assert.Contains("Nghỉ bù theo quyết định của tỉnh", removed.Before);
    }

    [Fact]
    public async Task Every_workflow_deployed_at_start_up_is_recorded()
    {
        var deployed = await EntriesAsync(e => e.Action == AuditActions.DefinitionDeployed);

        Assert.Contains(deployed, e => e.Actor == "system" && e.Subject == "birth-registration v1" && e.After!.Contains("contentHash", StringComparison.Ordinal));
        Assert.True(deployed.Count >= 14, $"{deployed.Count} deployments recorded");
    }

    [Fact]
    public async Task The_page_finds_a_dossiers_views_and_a_persons_actions_and_is_read_only()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        var officer = await app.CreateSignedInClientAsync("chuyenvien");
        await officer.GetStringAsync($"/Dossiers/{code}", Cancel);
        var admin = await app.CreateSignedInClientAsync("quantri");

        var byDossier = WebUtility.HtmlDecode(await admin.GetStringAsync($"/Admin/Audit?Filter.Dossier={code}", Cancel));
        var byPerson = WebUtility.HtmlDecode(await admin.GetStringAsync("/Admin/Audit?Filter.Actor=CHUYENVIEN&Filter.Action=dossier-viewed", Cancel));
        var none = WebUtility.HtmlDecode(await admin.GetStringAsync("/Admin/Audit?Filter.Actor=chuyenvien&Filter.From=2000-01-01&Filter.To=2000-01-02", Cancel));
        var post = await admin.PostAsync("/Admin/Audit", new FormUrlEncodedContent([]), Cancel);

        Assert.Matches($@"data-action=""dossier-viewed"">(?:(?!</tr>).)*Trần Văn Minh(?:(?!</tr>).)*{Regex.Escape(code)}", Regex.Replace(byDossier, @"\s+", " "));
        Assert.DoesNotContain("data-action=\"sign-in\"", byDossier);
        Assert.Contains(code, byPerson);
        Assert.DoesNotContain("data-action=\"sign-in\"", byPerson);
        Assert.Contains("id=\"no-entries\"", none);
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
    }

    [Fact]
    public async Task A_communes_administrator_sees_only_the_records_of_their_commune_and_others_none()
    {
        await app.AddOfficerAsync("quantri.socson", Roles.Administrator, "HN.SOCSON");
        var hoanKiem = await DossierFixtures.AcceptAsync(app);
        await (await app.CreateSignedInClientAsync("chuyenvien")).GetStringAsync($"/Dossiers/{hoanKiem}", Cancel);
        await (await app.CreateSignedInClientAsync("chuyenvien.socson")).GetStringAsync("/", Cancel);

        var commune = WebUtility.HtmlDecode(await (await app.CreateSignedInClientAsync("quantri.socson")).GetStringAsync("/Admin/Audit", Cancel));
        var specialist = await (await app.CreateSignedInClientAsync("chuyenvien", new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })).GetAsync("/Admin/Audit", Cancel);

        Assert.Contains("chuyenvien.socson", commune);
        Assert.DoesNotContain(hoanKiem, commune);
        Assert.DoesNotContain("data-action=\"definition-deployed\"", commune);
        Assert.Contains("/Account/AccessDenied", specialist.Headers.Location?.OriginalString);
    }

    private async Task<List<AuditEntry>> EntriesAsync(System.Linq.Expressions.Expression<Func<AuditEntry, bool>> where)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Set<AuditEntry>().Where(where).OrderBy(e => e.At).ToListAsync(Cancel);
    }


    private static async Task<string> MessageAsync(HttpResponseMessage response)
    {
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
        return ErrorSummary().Match(page).Groups[1].Value.Trim();
    }

    [GeneratedRegex(@"validation-summary-errors[^>]*>\s*<ul>\s*<li>([^<]*)</li>")]
    private static partial Regex ErrorSummary();
}

public sealed class AuditTestsOnSqlite(SqliteApp app) : AuditTests(app), IClassFixture<SqliteApp>;

public sealed class AuditTestsOnPostgres(PostgresApp app) : AuditTests(app), IClassFixture<PostgresApp>;
