using System.Net;
using System.Text.RegularExpressions;
using DossierWorkflow.Definitions.Catalogue;
using DossierWorkflow.OfficerUi.Tests.Pages.Dossiers;
using DossierWorkflow.Testing.Web;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Localization;

/// <summary>
/// The pages of a dossier's handling in English, as a new user reads them: the procedure, its sector, the workflow's
/// steps, the documents and the fee in English (from the catalogue and the definition's <c>dw:nameEn</c>); counts in the
/// singular or plural; weekday names in English; and the language switch on an error page leads back to the page.
/// </summary>
public sealed partial class EnglishPagesTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_dossier_page_names_the_procedure_steps_documents_and_fee_in_english()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        var birth = app.Services.GetRequiredService<ProcedureCatalogue>().FindByCode("1.001193")!.Versions[^1];
        var english = await EnglishClientAsync("chuyenvien");
        var vietnamese = await app.CreateSignedInClientAsync("chuyenvien");

        var page = await PageAsync(english, $"/Dossiers/{code}");

        Assert.Contains("Birth registration", page);
        Assert.Contains("Completed the step: Receive and check the dossier", page);
        Assert.Contains("Check the dossier, enter in the civil status register", page);
        Assert.Contains(birth.Documents[0].NameEn, page);
        Assert.Contains("per dossier", page);
        Assert.DoesNotContain(birth.NameVi, page);
        Assert.DoesNotContain("Tiếp nhận, kiểm tra hồ sơ", page);
        Assert.DoesNotContain("Kiểm tra hồ sơ, ghi Sổ hộ tịch", page);
        Assert.DoesNotContain(birth.Documents[0].NameVi, page);
        Assert.DoesNotContain("hồ sơ =", page);

        // The same dossier in Vietnamese keeps the names it was recorded with.
        var recorded = await PageAsync(vietnamese, $"/Dossiers/{code}");
        Assert.Contains("Hoàn thành bước: Tiếp nhận, kiểm tra hồ sơ", recorded);
        Assert.Contains(birth.Documents[0].NameVi, recorded);
    }

    [Fact]
    public async Task The_diagram_is_labelled_in_the_ui_language()
    {
        var code = await DossierFixtures.AcceptAsync(app);

        var english = await (await EnglishClientAsync("chuyenvien")).GetStringAsync($"/Dossiers/{code}?handler=Diagram", Cancel);
        var vietnamese = await (await app.CreateSignedInClientAsync("chuyenvien")).GetStringAsync($"/Dossiers/{code}?handler=Diagram", Cancel);

        Assert.Contains("id=\"Task_Reception\" name=\"Receive and check the dossier\"", english);
        Assert.Contains("name=\"Supplement requested\"", english);
        Assert.Contains("<bpmndi:BPMNDiagram", english);
        Assert.Contains("id=\"Task_Reception\" name=\"Tiếp nhận, kiểm tra hồ sơ\"", vietnamese);
    }

    [Fact]
    public async Task The_work_queue_its_step_filter_and_the_step_page_name_the_step_in_english()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        var english = await EnglishClientAsync("chuyenvien");
        var step = (await DossierFixtures.OpenStepsAsync(app, code)).Single();

        var queue = await PageAsync(english, "/Tasks?Filter.Procedure=1.001193");
        var form = await PageAsync(english, $"/Dossiers/{code}/Steps/{step.Id}");

        Assert.Contains("Check the dossier, enter in the civil status register", queue);
        Assert.Contains(">Sign the birth certificate</option>", queue);
        Assert.DoesNotContain("Kiểm tra hồ sơ, ghi Sổ hộ tịch", queue);
        Assert.Matches(@"<h1[^>]*>Check the dossier, enter in the civil status register</h1>", form);
    }

    [Fact]
    public async Task Counts_take_the_singular_or_the_plural()
    {
        var english = await EnglishClientAsync("tiepnhan");

        var all = await PageAsync(english, "/Procedures");
        var one = await PageAsync(english, "/Procedures?q=1.000656");
        var steps = await PageAsync(english, "/Procedures/Details?code=1.004837");

        Assert.Contains("16 procedures", all);
        Assert.Contains("3 working days", all);
        Assert.Contains("1 procedure<", one);
        Assert.Matches(@">1 working day<", steps);
        Assert.DoesNotMatch(@"\b1 working days\b|\(s\)|copy/copies", all + one + steps);
    }

    [Fact]
    public async Task Sectors_and_agencies_are_named_in_english_and_still_filter_by_their_vietnamese_value()
    {
        var english = await EnglishClientAsync("tiepnhan");

        var list = await PageAsync(english, "/Procedures?sector=H%E1%BB%99%20t%E1%BB%8Bch");
        var details = await PageAsync(english, "/Procedures/Details?code=1.001193");

        Assert.Matches(@"<option value=""Hộ tịch"" selected(=""selected"")?>Civil status</option>", list);
        Assert.Contains("12 procedures", list);
        Assert.Contains("<td>Civil status</td>", list);
        Assert.DoesNotContain("<td>Hộ tịch</td>", list);
        Assert.Contains("Civil status · Commune People's Committee", details);
    }

    [Fact]
    public async Task The_calendar_names_weekdays_in_english()
    {
        var english = await EnglishClientAsync("quantri");

        var calendar = await PageAsync(english, "/Admin/Calendar");

        Assert.Matches(@"<td class=""text-nowrap"">(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{2}/\d{2}/\d{4}</td>", calendar);
        Assert.DoesNotMatch(@"<td class=""text-nowrap"">(Th \d|CN) ", calendar);
    }

    [Fact]
    public async Task The_language_switch_on_an_error_page_leads_back_to_the_page_that_failed()
    {
        var officer = await app.CreateSignedInClientAsync("chuyenvien");

        var response = await officer.GetAsync("/Dossiers/000.00.25.H26-000000-9999?tab=timeline", Cancel);
        var page = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<input type=\"hidden\" name=\"returnUrl\" value=\"/Dossiers/000.00.25.H26-000000-9999?tab=timeline\" />", WebUtility.HtmlDecode(page));
    }

    private async Task<HttpClient> EnglishClientAsync(string userName)
    {
        var client = await app.CreateSignedInClientAsync(userName);
        var home = await client.GetStringAsync("/", Cancel);
        var switched = await client.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["language"] = "en-US",
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = OfficerSignIn.AntiforgeryToken(home),
        }), Cancel);
        switched.EnsureSuccessStatusCode();
        return client;
    }

    private static async Task<string> PageAsync(HttpClient client, string path) =>
        WebUtility.HtmlDecode(await client.GetStringAsync(path, Cancel));
}
