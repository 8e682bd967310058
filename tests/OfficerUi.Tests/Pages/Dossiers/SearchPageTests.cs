using System.Net;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Testing.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Pages.Dossiers;

/// <summary>Finding dossiers by code, name without diacritics, ID number, phone and status, within the officer's units.</summary>
public abstract class SearchPageTests(OfficerUiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_dossier_is_found_by_its_codes_beginning_a_name_fragment_typed_without_diacritics_its_id_and_its_phone()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        await RenameApplicantAsync(code, "Phạm Thị Đoan Trang");
        var officer = await ClientAsync("chuyenvien");

        foreach (var query in new[]
        {
            $"Input.Code={Uri.EscapeDataString(code)}",
            $"Input.Code={Uri.EscapeDataString(code[..18].ToLowerInvariant())}",
            "Input.Name=pham+thi+doan",
            "Input.Name=%C4%90OAN+TRANG",
            "Input.Name=doan%20%20trang",
            "Input.IdNumber=001085012345",
            "Input.Phone=0912+345+678",
            "Input.Name=trang&Input.Status=Accepted&Input.Procedure=1.001193&Input.Channel=Counter",
        })
        {
            Assert.True((await SearchAsync(officer, query)).Contains($"data-code=\"{code}\"", StringComparison.Ordinal), query);
        }

        foreach (var query in new[] { "Input.Name=trang+doan", "Input.Name=trang&Input.Status=Refused", "Input.Code=000.00.26", "Input.Name=trang&Input.Overdue=true" })
        {
            Assert.False((await SearchAsync(officer, query)).Contains($"data-code=\"{code}\"", StringComparison.Ordinal), query);
        }
    }

    [Fact]
    public async Task A_report_s_criteria_find_it_by_its_receiving_unit_with_or_without_those_below_and_by_the_officer_holding_it()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        var step = (await DossierFixtures.OpenStepsAsync(app, code)).Single();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DossierWorkflow.Engine.IWorkflowEngine>().ClaimWorkItemAsync(step.Id, "chuyenvien", Cancel);
        }

        var manager = await ClientAsync("quanly");
        foreach (var query in new[] { "Input.Unit=HN.HOANKIEM", "Input.Unit=HN&Input.Below=true", "Input.Holder=chuyenvien", "Input.Holder=chuyenvien&Input.Unit=HN&Input.Below=true" })
        {
            Assert.True((await SearchAsync(manager, query)).Contains($"data-code=\"{code}\"", StringComparison.Ordinal), query);
        }

        foreach (var query in new[] { "Input.Unit=HN", "Input.Unit=HN.SOCSON&Input.Below=true", "Input.Holder=lanhdao", "Input.Holder=chuyenvien&Input.Overdue=true" })
        {
            Assert.False((await SearchAsync(manager, query)).Contains($"data-code=\"{code}\"", StringComparison.Ordinal), query);
        }

        // The criteria are shown, and kept when the others change.
        var page = await SearchAsync(manager, "Input.Holder=chuyenvien&Input.Unit=HN&Input.Below=true");
        Assert.Contains("id=\"report-criteria\"", page);
        Assert.Contains("name=\"Input.Holder\" value=\"chuyenvien\"", page);
    }

    [Fact]
    public async Task Another_communes_officer_does_not_find_it_and_the_results_refresh_as_a_fragment()
    {
        var code = await DossierFixtures.AcceptAsync(app);

        var stranger = await SearchAsync(await ClientAsync("chuyenvien.socson"), $"Input.Code={Uri.EscapeDataString(code)}");
        var admin = await ClientAsync("quantri");
        admin.DefaultRequestHeaders.Add("HX-Request", "true");
        var fragment = await admin.GetStringAsync($"/Dossiers?Input.Code={Uri.EscapeDataString(code)}", Cancel);

        Assert.DoesNotContain($"data-code=\"{code}\"", stranger);
        Assert.Contains("Không tìm thấy hồ sơ nào.", stranger);
        Assert.Contains($"data-code=\"{code}\"", fragment);
        Assert.DoesNotContain("<html", fragment);
    }

    [Fact]
    public async Task Results_come_a_page_at_a_time_newest_first()
    {
        for (var i = 0; i < DossierSearch.PageSize + 2; i++)
        {
            await DossierFixtures.AcceptAsync(app);
        }

        var officer = await ClientAsync("tiepnhan");
        var first = await SearchAsync(officer, "Input.Procedure=1.001193");
        var second = await SearchAsync(officer, "Input.Procedure=1.001193&Input.PageNumber=2");

        var firstCodes = Codes(first);
        var secondCodes = Codes(second);
        Assert.Equal(DossierSearch.PageSize, firstCodes.Count);
        Assert.NotEmpty(secondCodes);
        Assert.Empty(firstCodes.Intersect(secondCodes));
        Assert.True(string.CompareOrdinal(firstCodes[0], firstCodes[^1]) > 0);
        Assert.Contains("Input.PageNumber=2", first);
    }

    [Fact]
    public async Task Dossiers_saved_before_names_were_folded_get_their_folded_name_at_start_up()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Database
                .ExecuteSqlRawAsync("UPDATE \"Dossiers\" SET \"ApplicantNameFolded\" = '' WHERE \"Code\" = {0}", [code], Cancel);
        }

        Assert.DoesNotContain($"data-code=\"{code}\"", await SearchAsync(await ClientAsync("tiepnhan"), "Input.Name=nguyen+van+an"));

        await app.Services.InitialiseDatabaseAsync(Cancel);

        Assert.Contains($"data-code=\"{code}\"", await SearchAsync(await ClientAsync("tiepnhan"), "Input.Name=nguyen+van+an"));
    }

    private static List<string> Codes(string page) =>
        [.. System.Text.RegularExpressions.Regex.Matches(page, "<tr data-code=\"([^\"]+)\"").Select(m => m.Groups[1].Value)];

    private async Task RenameApplicantAsync(string code, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        var dossier = await db.Set<Dossier>().SingleAsync(d => d.Code == code, Cancel);
        dossier.Applicant.Name = name;
        await db.SaveChangesAsync(Cancel);
    }

    private static async Task<string> SearchAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/Dossiers?{query}", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
    }

    private Task<HttpClient> ClientAsync(string userName) => DossierFixtures.ClientAsync(app, userName);
}

public sealed class SearchPageTestsOnSqlite(SqliteApp app) : SearchPageTests(app), IClassFixture<SqliteApp>;

public sealed class SearchPageTestsOnPostgres(PostgresApp app) : SearchPageTests(app), IClassFixture<PostgresApp>;
