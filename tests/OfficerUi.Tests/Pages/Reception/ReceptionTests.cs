using System.Net;
using System.Text.RegularExpressions;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Testing.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Pages.Reception;

/// <summary>
/// Counter reception end to end: the page's form posted as a browser posts it, the dossier, its workflow and its form read
/// back from the database. Birth registration (1.001193): documents 0 (declaration) and 6 (photo ID) are mandatory.
/// </summary>
public abstract partial class ReceptionTests(OfficerUiApp app)
{
    private const string BirthRegistration = "1.001193";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Accepting_at_the_counter_records_the_dossier_its_workflow_and_form_01_in_one_action()
    {
        var client = await ClientAsync("tiepnhan");

        var response = await PostAsync(client, Applicant(), ("Input.Decision", "Accept"));

        var code = ReceivedCode(response);
        var dossier = await DossierAsync(code);
        Assert.Equal(DossierStatus.Accepted, dossier.Status);
        Assert.Equal(("HN.HOANKIEM", "Nguyễn Văn Án", "001085012345"), (dossier.ReceivingUnit, dossier.Applicant.Name, dossier.Applicant.CitizenId));
        Assert.Equal("0912345678", dossier.Applicant.Phone);
        Assert.Equal("Thủ tục đăng ký khai sinh", dossier.ProcedureName);
        Assert.Equal("Thủ tục đăng ký khai sinh", dossier.ProcedureVersion.NameVi);
        Assert.Equal([0, 6], dossier.Documents.Where(d => d.Provided).Select(d => d.Position).Order());
        var appointment = Assert.Single(dossier.Appointments);
        Assert.Equal((AppointmentReason.First, dossier.AppointmentAt), (appointment.Reason, (DateTimeOffset?)appointment.AppointmentAt));
        Assert.True(dossier.AppointmentAt > dossier.ReceivedAt);
        Assert.Equal("01", Assert.Single(dossier.Forms).Form);
        Assert.Matches(@"^000\.00\.25\.H26-\d{6}-\d{4}$", code);

        var (journal, open) = await WorkflowAsync(dossier);
        Assert.Contains(journal, e => e.Kind == JournalEntryKind.TaskCompleted && e.Outcome == "accept" && e.Assignee == "tiepnhan");
        Assert.Equal("specialist", Assert.Single(open).CandidateRole);
    }

    [Fact]
    public async Task Asking_for_a_supplement_keeps_the_dossier_and_lists_every_missing_item_once_on_form_02()
    {
        var client = await ClientAsync("tiepnhan");
        var fields = Applicant(documents: [0]);
        fields.AddRange([
            ("Input.SupplementItems[0].Content", "Tờ khai đăng ký khai sinh"),
            ("Input.SupplementItems[0].Reason", "Thiếu chữ ký của người đi khai"),
        ]);

        var code = ReceivedCode(await PostAsync(client, fields, ("Input.Decision", "Supplement")));

        var dossier = await DossierAsync(code);
        Assert.Equal(DossierStatus.SupplementRequested, dossier.Status);
        Assert.Null(dossier.AppointmentAt);
        var form = Assert.Single(dossier.Forms);
        Assert.Equal("02", form.Form);
        Assert.Equal(
            [("Tờ khai đăng ký khai sinh", "Thiếu chữ ký của người đi khai"), ("Hộ chiếu, thẻ căn cước (căn cước công dân) hoặc giấy tờ có ảnh còn giá trị sử dụng của người yêu cầu", DossierReception.MissingDocumentReason)],
            form.Items.Select(i => (i.Content, i.Reason)));
        var (_, open) = await WorkflowAsync(dossier);
        Assert.Empty(open);
    }

    [Fact]
    public async Task Refusing_records_the_reasons_on_form_03_and_ends_the_workflow()
    {
        var client = await ClientAsync("tiepnhan");

        var code = ReceivedCode(await PostAsync(client, Applicant(), ("Input.Decision", "Refuse"), ("Input.RefusalReasons", "Việc sinh đã được đăng ký tại Ủy ban nhân dân xã khác.\nKhông thuộc thẩm quyền.")));

        var dossier = await DossierAsync(code);
        Assert.Equal(DossierStatus.Refused, dossier.Status);
        Assert.Equal(["Việc sinh đã được đăng ký tại Ủy ban nhân dân xã khác.", "Không thuộc thẩm quyền."], Assert.Single(dossier.Forms).Items.Select(i => i.Reason));
        await using var scope = app.Services.CreateAsyncScope();
        var instance = await scope.ServiceProvider.GetRequiredService<IWorkflowStore>().FindInstanceAsync(dossier.WorkflowInstanceId!.Value, Cancel);
        Assert.Equal(InstanceStatus.Completed, instance?.Status);
    }

    [Fact]
    public async Task A_postal_dossier_that_arrived_on_a_sunday_counts_as_received_on_monday()
    {
        var client = await ClientAsync("tiepnhan");
        var fields = Applicant();
        Replace(fields, "Input.Channel", "Postal");
        fields.Add(("Input.ArrivedAt", "2026-11-29T10:00"));

        var dossier = await DossierAsync(ReceivedCode(await PostAsync(client, fields, ("Input.Decision", "Accept"))));

        // Birth registration is due the same day: the Sunday envelope counts on Monday 30 November, due at its close.
        Assert.Equal(DossierWorkflow.Dossiers.Calendar.ReceptionChannel.Postal, dossier.Channel);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.FromHours(7)), dossier.ReceivedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.FromHours(7)), dossier.AppointmentAt);
    }

    [Fact]
    public async Task Scans_attached_at_the_counter_are_kept_with_the_dossier_and_a_disguised_one_is_refused_on_its_line()
    {
        var client = await ClientAsync("tiepnhan");
        var pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n");
        var before = await CountAsync();

        var refused = await PostWithFilesAsync(client, ("Input.Documents[0].Files", "to-khai.pdf", pdf), ("Input.Documents[6].Files", "cccd.pdf", System.Text.Encoding.UTF8.GetBytes("<html><body>not a scan</body></html>")));
        var accepted = await PostWithFilesAsync(client, ("Input.Documents[0].Files", "to-khai.pdf", pdf));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Tệp \"cccd.pdf\" không phải PDF, JPEG hay PNG", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(Cancel)));
        var dossier = await DossierAsync(ReceivedCode(accepted));
        var file = Assert.Single(dossier.Files);
        Assert.Equal((0, "to-khai.pdf", "application/pdf"), (file.DocumentPosition, file.FileName, file.ContentType));
        Assert.Equal(before + 1, await CountAsync());
    }

    [Fact]
    public async Task Wrong_fields_are_named_in_vietnamese_and_nothing_is_received()
    {
        var client = await ClientAsync("tiepnhan");
        var before = await CountAsync();
        var fields = Applicant(documents: [0]);
        Replace(fields, "Input.Gender", "Female");
        Replace(fields, "Input.Phone", "012345");
        Replace(fields, "Input.Email", "an@");

        var response = await PostAsync(client, fields, ("Input.Decision", "Accept"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Contains("Số định danh không khớp giới tính", page);
        Assert.Contains("Số điện thoại gồm 10 chữ số", page);
        Assert.Contains("Địa chỉ thư điện tử không hợp lệ", page);
        Assert.Contains("Thiếu giấy tờ bắt buộc: Hộ chiếu, thẻ căn cước", page);
        Assert.Contains("value=\"Nguyễn Văn Án\"", page);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_citizen_id_that_disagrees_with_the_year_of_birth_is_refused()
    {
        var client = await ClientAsync("tiepnhan");
        var fields = Applicant();
        Replace(fields, "Input.DateOfBirth", "2005-03-15");

        var page = WebUtility.HtmlDecode(await (await PostAsync(client, fields, ("Input.Decision", "Accept"))).Content.ReadAsStringAsync(Cancel));

        Assert.Contains("Số định danh không khớp năm sinh", page);
    }

    [Fact]
    public async Task Submitting_the_same_form_twice_finds_the_first_dossier_instead_of_making_a_second()
    {
        var client = await ClientAsync("tiepnhan");
        var form = await client.GetStringAsync("/Reception", Cancel);
        var before = await CountAsync();

        var first = ReceivedCode(await PostAsync(client, Applicant(), form, ("Input.Decision", "Accept")));
        var again = ReceivedCode(await PostAsync(client, Applicant(), form, ("Input.Decision", "Accept")));

        Assert.Equal(first, again);
        Assert.Equal(before + 1, await CountAsync());
    }

    [Fact]
    public async Task Two_tabs_submitting_one_form_at_the_same_moment_make_one_dossier()
    {
        var one = await ClientAsync("tiepnhan");
        var other = await ClientAsync("tiepnhan");
        var form = await one.GetStringAsync("/Reception", Cancel);
        var otherForm = await other.GetStringAsync("/Reception", Cancel);
        var token = IdempotencyTokenOf(form);
        var before = await CountAsync();

        var responses = await Task.WhenAll(
            PostAsync(one, Applicant(), form, ("Input.Decision", "Accept")),
            PostAsync(other, Applicant(), WithToken(otherForm, token), ("Input.Decision", "Accept")));

        Assert.Equal(ReceivedCode(responses[0]), ReceivedCode(responses[1]));
        Assert.Equal(before + 1, await CountAsync());
    }

    [Fact]
    public async Task The_printed_form_is_a_pdf_for_the_receiving_unit_and_not_found_for_another_commune()
    {
        var client = await ClientAsync("tiepnhan");
        var code = ReceivedCode(await PostAsync(client, Applicant(), ("Input.Decision", "Accept")));

        var pdf = await client.GetAsync($"/Dossiers/{code}/Forms/01", Cancel);
        var other = await (await ClientAsync("tiepnhan.socson")).GetAsync($"/Dossiers/{code}/Forms/01", Cancel);
        var provinceManager = await (await ClientAsync("quanly")).GetAsync($"/Dossiers/{code}/Forms/01", Cancel);

        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync(Cancel), 0, 4));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, provinceManager.StatusCode);
    }

    [Fact]
    public async Task A_failing_workflow_start_leaves_neither_the_dossier_nor_its_code_behind()
    {
        // Signature certification's workflow is withdrawn from the engine: the dossier's row and its code are written
        // before the workflow start fails, and the action's one transaction must take them back.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
            await db.Set<StoredDefinition>().Where(d => d.Key == "signature-certification").ExecuteDeleteAsync(Cancel);
        }

        var client = await ClientAsync("tiepnhan");
        var before = await CountAsync();
        var fields = Applicant(procedure: "2.000884", documents: [0, 1], rows: 2);

        var response = await PostAsync(client, fields, ("Input.Decision", "Accept"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(before, await CountAsync());
        var accepted = ReceivedCode(await PostAsync(client, Applicant(), ("Input.Decision", "Accept")));
        await using var read = app.Services.CreateAsyncScope();
        var day = DateOnly.ParseExact(accepted.Split('-')[1], "yyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var counters = await read.ServiceProvider.GetRequiredService<DossiersDbContext>().Database
            .SqlQuery<int>($"SELECT \"LastSequence\" AS \"Value\" FROM \"DossierCodeCounters\" WHERE \"AgencyCode\" = '000.00.25.H26' AND \"Day\" = {day}").ToListAsync(Cancel);
        Assert.Equal(int.Parse(accepted[^4..], System.Globalization.CultureInfo.InvariantCulture), Assert.Single(counters));
        Assert.Equal(before + 1, await CountAsync());
    }

    /// <summary>The form as a browser posts it: every checklist row, the ticked ones with <c>Provided</c>.</summary>
    private static List<(string, string)> Applicant(string procedure = BirthRegistration, int[]? documents = null, int rows = 8)
    {
        List<(string, string)> fields =
        [
            ("Input.ProcedureCode", procedure),
            ("Input.ReceivingUnit", "HN.HOANKIEM"),
            ("Input.Channel", "Counter"),
            ("Input.ApplicantKind", "Person"),
            ("Input.Name", "Nguyễn Văn Án"),
            ("Input.CitizenId", "001085012345"),
            ("Input.DateOfBirth", "1985-03-15"),
            ("Input.Gender", "Male"),
            ("Input.Address", "Số 5 phố Hàng Bông, phường Hoàn Kiếm, Hà Nội"),
            ("Input.Phone", "+84 912 345 678"),
            ("Input.Email", "an.nguyen@example.vn"),
            ("Input.SetCount", "1"),
            ("Input.Delivery", "Counter"),
        ];
        var ticked = documents ?? [0, 6];
        for (var position = 0; position < rows; position++)
        {
            fields.AddRange([
                ($"Input.Documents[{position}].Position", $"{position}"),
                ($"Input.Documents[{position}].Form", "Original"),
                ($"Input.Documents[{position}].Count", "1"),
            ]);
            if (ticked.Contains(position))
            {
                fields.Add(($"Input.Documents[{position}].Provided", "true"));
            }
        }

        return fields;
    }

    private static void Replace(List<(string Name, string Value)> fields, string name, string value) =>
        fields[fields.FindIndex(f => f.Name == name)] = (name, value);

    private async Task<HttpClient> ClientAsync(string userName) =>
        await app.CreateSignedInClientAsync(userName, new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, List<(string, string)> fields, params (string, string)[] more) =>
        await PostAsync(client, fields, await client.GetStringAsync("/Reception", Cancel), more);

    /// <summary>Posts the reception form of <paramref name="form"/> (its antiforgery and idempotency tokens) with these fields.</summary>
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, List<(string, string)> fields, string form, params (string, string)[] more)
    {
        List<KeyValuePair<string, string>> body =
        [
            new("__RequestVerificationToken", OfficerSignIn.AntiforgeryToken(form)),
            new("Input.IdempotencyToken", IdempotencyTokenOf(form)),
            .. fields.Concat(more).Select(f => KeyValuePair.Create(f.Item1, f.Item2)),
        ];
        return client.PostAsync("/Reception", new FormUrlEncodedContent(body), Cancel);
    }

    private static async Task<HttpResponseMessage> PostWithFilesAsync(HttpClient client, params (string Name, string FileName, byte[] Content)[] files)
    {
        var form = await client.GetStringAsync("/Reception", Cancel);
        var content = new MultipartFormDataContent
        {
            { new StringContent(OfficerSignIn.AntiforgeryToken(form)), "__RequestVerificationToken" },
            { new StringContent(IdempotencyTokenOf(form)), "Input.IdempotencyToken" },
            { new StringContent("Accept"), "Input.Decision" },
        };
        foreach (var (name, value) in Applicant())
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (name, fileName, bytes) in files)
        {
            content.Add(new ByteArrayContent(bytes), name, fileName);
        }

        return await client.PostAsync("/Reception", content, Cancel);
    }

    private static string IdempotencyTokenOf(string form) => IdempotencyTokenPattern().Match(form).Groups[1].Value;

    private static string WithToken(string form, string token) => IdempotencyTokenPattern().Replace(form, m => m.Value.Replace(m.Groups[1].Value, token, StringComparison.Ordinal));

    private static string ReceivedCode(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var page = WebUtility.HtmlDecode(response.Content.ReadAsStringAsync().Result);
            var errors = string.Join("; ", ErrorPattern().Matches(page).Select(m => m.Groups[1].Value.Trim()).Where(e => e.Length > 0));
            Assert.Fail($"Expected a redirect to the result, got {(int)response.StatusCode}: {errors}");
        }

        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/Reception/Received?code=", location, StringComparison.Ordinal);
        return Uri.UnescapeDataString(location["/Reception/Received?code=".Length..]);
    }

    private async Task<Dossier> DossierAsync(string code)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Set<Dossier>().AsNoTracking()
            .Include(d => d.Documents).Include(d => d.Appointments).Include(d => d.Forms).Include(d => d.Files)
            .AsSplitQuery()
            .SingleAsync(d => d.Code == code, Cancel);
    }

    private async Task<int> CountAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Set<Dossier>().CountAsync(Cancel);
    }

    private async Task<(IReadOnlyList<JournalEntry> Journal, IReadOnlyList<WorkItem> Open)> WorkflowAsync(Dossier dossier)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<IWorkflowEngine>();
        var journal = await engine.GetJournalAsync(dossier.WorkflowInstanceId!.Value, Cancel);
        var open = await engine.QueryWorkItemsAsync(new WorkItemFilter { BusinessKey = dossier.Code }, Cancel);
        return (journal, open);
    }

    [GeneratedRegex("class=\"(?:invalid-feedback[^\"]*|small text-danger|alert alert-danger)\"[^>]*>([^<]*)<")]
    private static partial Regex ErrorPattern();

    [GeneratedRegex("name=\"Input.IdempotencyToken\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex IdempotencyTokenPattern();
}

public sealed class ReceptionTestsOnSqlite(SqliteApp app) : ReceptionTests(app), IClassFixture<SqliteApp>;

public sealed class ReceptionTestsOnPostgres(PostgresApp app) : ReceptionTests(app), IClassFixture<PostgresApp>;
