using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.OnlineIntake;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.OfficerUi.Tests.Pages.Dossiers;
using DossierWorkflow.Testing.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Pages.Reception;

/// <summary>
/// The applicant comes back with what a supplement request asked for: recorded at the counter (or uploaded through the
/// API), then decided as at reception — the legal clock restarts, a new appointment and a new form 01; or a new form 02.
/// </summary>
public abstract class SupplementPageTests(OfficerUiApp app)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Documents_brought_back_during_processing_restart_the_clock_with_a_new_appointment_and_a_new_form_01()
    {
        var code = await DossierFixtures.AcceptAsync(app, arrivedByPostAt: PreviousWorkingDayAt(9));
        await DossierFixtures.RequestSupplementAsync(app, code);
        var first = await DossierAsync(code);
        var officer = await ClientAsync("tiepnhan");

        var response = await PostAsync(officer, code, "Accept", ("Input.Documents[1].Provided", "true"), ("Input.Documents[1].Count", "1"), ("Input.Documents[1].Files", "giay-chung-sinh.pdf"));

        Assert.Equal($"/Reception/Received?code={Uri.EscapeDataString(code)}", response.Headers.Location?.OriginalString);
        var dossier = await DossierAsync(code);
        Assert.Equal(DossierStatus.InProgress, dossier.Status);
        Assert.NotNull(dossier.SupplementArrivedAt);
        var expected = AppointmentFrom(dossier, dossier.SupplementArrivedAt.Value);
        Assert.Equal(expected, dossier.AppointmentAt);
        Assert.NotEqual(first.AppointmentAt, dossier.AppointmentAt);
        Assert.Equal(
            [(AppointmentReason.First, first.AppointmentAt!.Value), (AppointmentReason.RestartAfterSupplement, expected)],
            dossier.Appointments.OrderBy(a => a.ChangedAt).Select(a => (a.Reason, a.AppointmentAt)));
        Assert.Equal(["01", "02", "01"], dossier.Forms.OrderBy(f => f.IssuedAt).Select(f => f.Form));
        Assert.True(dossier.Documents.Single(d => d.Position == 1).Provided);
        Assert.Equal("giay-chung-sinh.pdf", Assert.Single(dossier.Files, f => f.DocumentPosition == 1).FileName);
        Assert.Equal("specialist", (await OpenStepsAsync(code)).Single().CandidateRole);

        var page = await ReadAsync(await officer.GetAsync($"/Dossiers/{code}", Cancel));
        Assert.Contains("tính lại sau khi bổ sung", page);
    }

    [Fact]
    public async Task A_dossier_asked_for_a_supplement_at_reception_gets_its_first_appointment_when_it_comes_back_complete()
    {
        var code = await DossierFixtures.ReceiveAsync(app, ReceptionDecision.Supplement);
        var officer = await ClientAsync("tiepnhan");

        await PostAsync(officer, code, "Accept", ("Input.Documents[1].Provided", "true"), ("Input.Documents[1].Count", "1"));

        var dossier = await DossierAsync(code);
        Assert.Equal(DossierStatus.Accepted, dossier.Status);
        Assert.Equal(AppointmentReason.First, Assert.Single(dossier.Appointments).Reason);
        Assert.Equal(AppointmentFrom(dossier, dossier.SupplementArrivedAt!.Value), dossier.AppointmentAt);
        Assert.Equal(["02", "01"], dossier.Forms.OrderBy(f => f.IssuedAt).Select(f => f.Form));
    }

    [Fact]
    public async Task Still_incomplete_a_new_form_02_is_issued_and_the_dossier_waits_again()
    {
        var code = await DossierFixtures.ReceiveAsync(app, ReceptionDecision.Supplement);
        var officer = await ClientAsync("tiepnhan");

        var response = await PostAsync(officer, code, "Supplement", ("Input.SupplementItems[0].Content", "Giấy chứng sinh"), ("Input.SupplementItems[0].Reason", "Bản chụp, không phải bản chính"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var dossier = await DossierAsync(code);
        Assert.Equal(DossierStatus.SupplementRequested, dossier.Status);
        Assert.Equal(["02", "02"], dossier.Forms.Select(f => f.Form));
        Assert.Empty(await OpenStepsAsync(code));
        Assert.Contains("Chờ người nộp bổ sung hồ sơ", await ReadAsync(await officer.GetAsync($"/Dossiers/{code}", Cancel)));
    }

    [Fact]
    public async Task Accepting_without_a_mandatory_document_changes_nothing_and_names_it()
    {
        var code = await DossierFixtures.ReceiveAsync(app, ReceptionDecision.Supplement);
        var officer = await ClientAsync("tiepnhan");

        var response = await PostAsync(officer, code, "Accept", ("Input.Documents[1].Files", "giay-chung-sinh.pdf"), ("Input.Documents[0].Provided", "false"));
        var page = await ReadAsync(response);

        var dossier = await DossierAsync(code);
        Assert.Equal(DossierStatus.SupplementRequested, dossier.Status);
        Assert.Null(dossier.SupplementArrivedAt);
        Assert.Empty(dossier.Files);
        Assert.Empty(await OpenStepsAsync(code));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Thiếu giấy tờ bắt buộc: Tờ khai đăng ký khai sinh (theo mẫu).", page);
    }

    [Fact]
    public async Task Documents_uploaded_online_open_the_reception_step_and_the_officer_accepts_them_from_the_queue()
    {
        var portal = await ApiClientAsync();
        var code = await SubmitOnlineAsync(portal, askForSupplement: true);
        var upload = new MultipartFormDataContent { { new ByteArrayContent(Pdf), "documents[1]", "giay-chung-sinh.pdf" } };

        var otherPortal = await (await ApiClientAsync()).PostAsync($"/api/v1/dossiers/{Uri.EscapeDataString(code)}/supplements", new MultipartFormDataContent { { new ByteArrayContent(Pdf), "files", "x.pdf" } }, Cancel);
        var uploaded = await portal.PostAsync($"/api/v1/dossiers/{Uri.EscapeDataString(code)}/supplements", upload, Cancel);
        var again = await portal.PostAsync($"/api/v1/dossiers/{Uri.EscapeDataString(code)}/supplements", new MultipartFormDataContent { { new ByteArrayContent(Pdf), "documents[1]", "giay-chung-sinh.pdf" } }, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, otherPortal.StatusCode);
        Assert.True(uploaded.IsSuccessStatusCode, await uploaded.Content.ReadAsStringAsync(Cancel));
        Assert.True(again.IsSuccessStatusCode, await again.Content.ReadAsStringAsync(Cancel));
        var waiting = await DossierAsync(code);
        Assert.Equal(DossierStatus.SupplementRequested, waiting.Status);
        Assert.Single(waiting.Files, f => f.DocumentPosition == 1);
        Assert.True(waiting.Documents.Single(d => d.Position == 1).Provided);
        var step = Assert.Single(await OpenStepsAsync(code));
        Assert.Equal(("reception", "HN.HOANKIEM"), (step.CandidateRole, step.CandidateUnit));

        var officer = await ClientAsync("tiepnhan");
        var queue = await ReadAsync(await officer.GetAsync("/Tasks", Cancel));
        Assert.Contains($"/Reception/Online/{code}", queue);
        var online = await officer.GetAsync($"/Reception/Online/{code}", Cancel);
        Assert.Equal($"/Reception/Supplement/{code}", online.Headers.Location?.OriginalString);
        await PostAsync(officer, code, "Accept");

        var dossier = await DossierAsync(code);
        Assert.Equal(DossierStatus.Accepted, dossier.Status);
        Assert.Equal(waiting.SupplementArrivedAt, dossier.SupplementArrivedAt);
        Assert.Equal(AppointmentFrom(dossier, waiting.SupplementArrivedAt!.Value), dossier.AppointmentAt);
    }

    [Fact]
    public async Task An_upload_for_a_dossier_that_waits_for_nothing_is_refused_by_field_and_another_commune_cannot_record_one()
    {
        var accepted = await DossierFixtures.AcceptAsync(app);
        var waiting = await DossierFixtures.ReceiveAsync(app, ReceptionDecision.Supplement);
        var portal = await ApiClientAsync();
        var submitted = await SubmitOnlineAsync(portal, askForSupplement: false);
        var waitingOnline = await SubmitOnlineAsync(portal, askForSupplement: true);

        var refused = await portal.PostAsync($"/api/v1/dossiers/{Uri.EscapeDataString(submitted)}/supplements", new MultipartFormDataContent { { new ByteArrayContent(Pdf), "files", "x.pdf" } }, Cancel);
        var counterDossier = await portal.PostAsync($"/api/v1/dossiers/{Uri.EscapeDataString(waiting)}/supplements", new MultipartFormDataContent { { new ByteArrayContent(Pdf), "files", "x.pdf" } }, Cancel);
        var empty = await portal.PostAsync($"/api/v1/dossiers/{Uri.EscapeDataString(waitingOnline)}/supplements", new MultipartFormDataContent { { new StringContent("x"), "note" } }, Cancel);
        var stranger = await (await ClientAsync("tiepnhan.socson")).GetAsync($"/Reception/Supplement/{waiting}", Cancel);
        var notWaiting = await (await ClientAsync("tiepnhan")).GetAsync($"/Reception/Supplement/{accepted}", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Hồ sơ không ở trạng thái chờ bổ sung.", await refused.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.NotFound, counterDossier.StatusCode);
        Assert.Empty((await DossierAsync(waiting)).Files);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal($"/Dossiers/{accepted}", notWaiting.Headers.Location?.OriginalString);
        Assert.Empty((await DossierAsync(accepted)).Files);
    }

    /// <summary>
    /// Posts the supplement page of <paramref name="code"/> as it stands (each line's form and count as stored) with the
    /// mandatory lines 0 and 6 ticked and line 1 as stored, unless a field says otherwise; an
    /// <c>Input.Documents[i].Files</c> field becomes a PDF scan of that name.
    /// </summary>
    private async Task<HttpResponseMessage> PostAsync(HttpClient client, string code, string decision, params (string Name, string Value)[] fields)
    {
        var stored = (await DossierAsync(code)).Documents.ToDictionary(d => d.Position);
        var page = await client.GetStringAsync($"/Reception/Supplement/{code}", Cancel);
        var content = new MultipartFormDataContent
        {
            { new StringContent(OfficerSignIn.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent(decision), "Input.Decision" },
        };
        var provided = new Dictionary<int, bool> { [0] = true, [1] = stored[1].Provided, [6] = true };
        foreach (var (name, value) in fields.Where(f => f.Name.EndsWith(".Provided", StringComparison.Ordinal)))
        {
            provided[int.Parse(name["Input.Documents[".Length..name.IndexOf(']')], System.Globalization.CultureInfo.InvariantCulture)] = value == "true";
        }

        foreach (var (position, ticked) in provided)
        {
            content.Add(new StringContent(position.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"Input.Documents[{position}].Position");
            content.Add(new StringContent(Math.Max(1, stored[position].Count).ToString(System.Globalization.CultureInfo.InvariantCulture)), $"Input.Documents[{position}].Count");
            content.Add(new StringContent(stored[position].Form.ToString()), $"Input.Documents[{position}].Form");
            if (ticked)
            {
                content.Add(new StringContent("true"), $"Input.Documents[{position}].Provided");
            }
        }

        foreach (var (name, value) in fields.Where(f => !f.Name.EndsWith(".Provided", StringComparison.Ordinal) && !f.Name.EndsWith(".Count", StringComparison.Ordinal)))
        {
            if (name.EndsWith(".Files", StringComparison.Ordinal))
            {
                var file = new ByteArrayContent(Pdf);
                file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                content.Add(file, name, value);
            }
            else
            {
                content.Add(new StringContent(value), name);
            }
        }

        return await client.PostAsync($"/Reception/Supplement/{code}", content, Cancel);
    }

    private DateTimeOffset PreviousWorkingDayAt(int hour)
    {
        var calendar = app.Services.GetRequiredService<CurrentWorkingCalendar>().Calendar;
        var day = calendar.PreviousWorkingDay(calendar.LocalDate(DateTimeOffset.UtcNow));
        return calendar.At(day, new TimeOnly(hour, 0));
    }

    private DateTimeOffset AppointmentFrom(Dossier dossier, DateTimeOffset clockStart)
    {
        var calendar = app.Services.GetRequiredService<CurrentWorkingCalendar>().Calendar;
        return new DeadlineCalculator(calendar).Compute(clockStart, dossier.ProcedureVersion.ProcessingTime.ToProcessingTime(), dossier.Channel).AppointmentDate;
    }

    private Task<HttpClient> ClientAsync(string userName) => DossierFixtures.ClientAsync(app, userName);

    /// <summary>A birth registration submitted online by <paramref name="portal"/>; reception asks for a supplement when told to.</summary>
    private async Task<string> SubmitOnlineAsync(HttpClient portal, bool askForSupplement)
    {
        var dossier = System.Text.Json.JsonSerializer.Serialize(new
        {
            procedureCode = "1.001193",
            receivingUnit = "HN.HOANKIEM",
            applicant = new { kind = "person", name = "Nguyễn Văn Án", citizenId = "001085012345", dateOfBirth = "1985-03-15", gender = "male", address = "Hà Nội", phone = "0912345678" },
            delivery = "counter",
        });
        var content = new MultipartFormDataContent
        {
            { new StringContent(dossier, Encoding.UTF8, "application/json"), "dossier" },
            { new ByteArrayContent(Pdf), "documents[0]", "to-khai.pdf" },
            { new ByteArrayContent(Pdf), "documents[6]", "cccd.pdf" },
        };
        var response = await portal.PostAsync("/api/v1/dossiers", content, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var code = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("code").GetString()!;
        if (askForSupplement)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var problems = await services.GetRequiredService<UnitOfWork>().RunAsync(
                async () => await services.GetRequiredService<DossierReception>().DecideAsync(
                    await services.GetRequiredService<DossiersDbContext>().Set<Dossier>().Include(d => d.Documents).SingleAsync(d => d.Code == code, Cancel),
                    new WaitingDecision(ReceptionDecision.Supplement, "tiepnhan", "Nguyễn Thị Hồng Nhung") { SupplementItems = [new FormItem("Giấy chứng sinh", "Chưa nộp")] },
                    Cancel),
                problems => problems.Count == 0,
                Cancel);
            Assert.Empty(problems);
        }

        return code;
    }

    private async Task<HttpClient> ApiClientAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        var (client, key) = ApiClient.Create($"portal-{Guid.NewGuid():N}"[..20], DateTimeOffset.UtcNow);
        db.Add(client);
        await db.SaveChangesAsync(Cancel);
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }

    private Task<IReadOnlyList<WorkItem>> OpenStepsAsync(string code) => DossierFixtures.OpenStepsAsync(app, code);

    private async Task<Dossier> DossierAsync(string code)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Set<Dossier>().AsNoTracking()
            .Include(d => d.Forms).Include(d => d.Appointments).Include(d => d.Documents).Include(d => d.Files)
            .AsSplitQuery()
            .SingleAsync(d => d.Code == code, Cancel);
    }

    private static async Task<string> ReadAsync(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
}

public sealed class SupplementPageTestsOnSqlite(SqliteApp app) : SupplementPageTests(app), IClassFixture<SqliteApp>;

public sealed class SupplementPageTestsOnPostgres(PostgresApp app) : SupplementPageTests(app), IClassFixture<PostgresApp>;
