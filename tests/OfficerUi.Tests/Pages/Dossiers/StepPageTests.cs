using System.Net;
using System.Text.RegularExpressions;
using DossierWorkflow.Definitions.Metadata;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Testing.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Pages.Dossiers;

/// <summary>Completing a dossier's steps from its page: outcome and comment, the dossier's status, refusals and races.</summary>
public abstract class StepPageTests(OfficerUiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_specialist_submits_and_the_leader_approves_and_the_result_waits_at_the_counter()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        var specialist = await ClientAsync("chuyenvien");

        var submitted = await CompleteAsync(specialist, code, await OpenStepAsync(code, "specialist"), "submit", "Hồ sơ đầy đủ, trình ký.");

        Assert.Equal($"/Dossiers/{code}", submitted.Headers.Location?.OriginalString);
        Assert.Equal(DossierStatus.InProgress, (await DossierAsync(code)).Status);
        var completed = Assert.Single(await JournalAsync(code), e => e.Kind == JournalEntryKind.TaskCompleted && e.CandidateRole == "specialist");
        Assert.Equal(("submit", "Hồ sơ đầy đủ, trình ký.", "chuyenvien"), (completed.Outcome, completed.Comment, completed.Actor));

        var leader = await ClientAsync("lanhdao");
        await CompleteAsync(leader, code, await OpenStepAsync(code, "leader"), "approve", null);

        Assert.Equal(DossierStatus.Resolved, (await DossierAsync(code)).Status);
        Assert.Equal("Trả kết quả tại Bộ phận Một cửa", (await OpenStepsAsync(code)).Single().Name);
    }

    [Fact]
    public async Task Sending_back_keeps_the_dossier_in_progress_and_reopens_the_specialists_step()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        await CompleteAsync(await ClientAsync("chuyenvien"), code, await OpenStepAsync(code, "specialist"), "submit", null);

        await CompleteAsync(await ClientAsync("lanhdao"), code, await OpenStepAsync(code, "leader"), "return", "Bổ sung ngày sinh của mẹ.");

        Assert.Equal(DossierStatus.InProgress, (await DossierAsync(code)).Status);
        Assert.Equal("specialist", (await OpenStepsAsync(code)).Single().CandidateRole);
    }

    [Fact]
    public async Task Without_an_outcome_or_with_one_the_step_does_not_offer_nothing_changes_and_the_page_says_why()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        var specialist = await ClientAsync("chuyenvien");
        var step = await OpenStepAsync(code, "specialist");

        var none = await CompleteAsync(specialist, code, step, null, "x");
        var approve = await CompleteAsync(specialist, code, step, "approve", "x");

        Assert.Contains("Hãy chọn một kết quả xử lý được đề xuất cho bước này.", await ReadAsync(none));
        Assert.Contains("Hãy chọn một kết quả xử lý được đề xuất cho bước này.", await ReadAsync(approve));
        Assert.Equal(DossierStatus.Accepted, (await DossierAsync(code)).Status);
        Assert.Equal(step, (await OpenStepsAsync(code)).Single().Id);
    }

    [Fact]
    public async Task Only_the_steps_queue_may_complete_it_and_another_commune_does_not_see_it()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        var step = await OpenStepAsync(code, "specialist");

        var reception = await CompleteAsync(await ClientAsync("tiepnhan"), code, step, "submit", null);
        var stranger = await (await ClientAsync("chuyenvien.socson")).GetAsync($"/Dossiers/{code}/Steps/{step}", Cancel);

        Assert.Contains("Bước này không thuộc hàng đợi của bạn.", WebUtility.HtmlDecode(await reception.Content.ReadAsStringAsync(Cancel)));
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(step, (await OpenStepsAsync(code)).Single().Id);
    }

    [Fact]
    public async Task Two_tabs_completing_one_step_at_once_make_one_transition_and_the_other_is_told_who_did_it()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        var step = await OpenStepAsync(code, "specialist");
        var first = await ClientAsync("chuyenvien");
        var second = await ClientAsync("chuyenvien");
        var firstPage = await first.GetStringAsync($"/Dossiers/{code}/Steps/{step}", Cancel);
        var secondPage = await second.GetStringAsync($"/Dossiers/{code}/Steps/{step}", Cancel);

        var responses = await Task.WhenAll(
            PostAsync(first, code, step, firstPage, "submit", "một"),
            PostAsync(second, code, step, secondPage, "submit", "hai"));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        var loser = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Matches(@"Bước này đã được Trần Văn Minh hoàn thành lúc \d\d:\d\d \d\d/\d\d/\d{4}\.", WebUtility.HtmlDecode(await loser.Content.ReadAsStringAsync(Cancel)));
        Assert.Single(await JournalAsync(code), e => e.Kind == JournalEntryKind.TaskCompleted && e.CandidateRole == "specialist");
        Assert.Equal(DossierStatus.InProgress, (await DossierAsync(code)).Status);
    }

    [Fact]
    public async Task Asking_for_a_supplement_during_processing_issues_form_02_with_every_item_and_the_dossier_waits()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        var specialist = await ClientAsync("chuyenvien");
        var step = await OpenStepAsync(code, "specialist");

        var response = await CompleteAsync(specialist, code, step, "supplement", "Thiếu giấy tờ.",
            ("Input.SupplementItems[0].Content", "Giấy chứng sinh"), ("Input.SupplementItems[0].Reason", "Bản sao không rõ nét"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var dossier = await DossierAsync(code);
        Assert.Equal(DossierStatus.SupplementRequested, dossier.Status);
        var form = Assert.Single(dossier.Forms, f => f.Form == "02");
        Assert.Equal([("Giấy chứng sinh", "Bản sao không rõ nét")], form.Items.Select(i => (i.Content, i.Reason)));
        Assert.Empty(await OpenStepsAsync(code));
    }

    [Fact]
    public async Task A_supplement_without_items_or_after_three_working_days_and_a_refusal_without_reasons_change_nothing()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        var late = await DossierFixtures.AcceptAsync(app, arrivedByPostAt: DateTimeOffset.UtcNow.AddDays(-10));
        var specialist = await ClientAsync("chuyenvien");

        var noItems = await ReadAsync(await CompleteAsync(specialist, code, await OpenStepAsync(code, "specialist"), "supplement", null));
        var noReasons = await ReadAsync(await CompleteAsync(specialist, code, await OpenStepAsync(code, "specialist"), "refuse", null));
        var tooLate = await ReadAsync(await CompleteAsync(specialist, late, await OpenStepAsync(late, "specialist"), "supplement", null,
            ("Input.SupplementItems[0].Content", "Giấy chứng sinh"), ("Input.SupplementItems[0].Reason", "Thiếu")));

        Assert.Contains("Hãy ghi từng nội dung cần bổ sung và lý do (mẫu 02).", noItems);
        Assert.Contains("Hãy ghi lý do từ chối, mỗi lý do một dòng (mẫu 03).", noReasons);
        Assert.Contains("Đã quá thời hạn yêu cầu bổ sung trong quá trình xử lý", tooLate);
        Assert.Equal(DossierStatus.Accepted, (await DossierAsync(code)).Status);
        Assert.Equal(DossierStatus.Accepted, (await DossierAsync(late)).Status);
        Assert.DoesNotContain(await DossierFormsAsync(code), f => f.Form is "02" or "03");
    }

    [Fact]
    public async Task Refusing_during_processing_issues_form_03_with_the_reasons_and_ends_the_dossier()
    {
        var code = await DossierFixtures.AcceptAsync(app);

        await CompleteAsync(await ClientAsync("chuyenvien"), code, await OpenStepAsync(code, "specialist"), "refuse", null,
            ("Input.RefusalReasons", "Người yêu cầu không có quyền đăng ký\nGiấy tờ giả mạo"));

        var dossier = await DossierAsync(code);
        Assert.Equal(DossierStatus.Refused, dossier.Status);
        Assert.Equal(["Người yêu cầu không có quyền đăng ký", "Giấy tờ giả mạo"], Assert.Single(dossier.Forms, f => f.Form == "03").Items.Select(i => i.Reason));
        Assert.Empty(await OpenStepsAsync(code));
    }

    [Fact]
    public async Task Draft_results_go_with_the_step_and_the_leader_finds_them_on_the_next_step_and_on_the_dossier_page()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        var specialist = await ClientAsync("chuyenvien");
        var step = await OpenStepAsync(code, "specialist");

        var submitted = await CompleteWithFilesAsync(specialist, code, step, "submit", ("du-thao-giay-khai-sinh.pdf", Pdf));

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var draft = Assert.Single((await DossierAsync(code)).Files, f => f.Kind == DossierFileKind.Draft);
        Assert.Equal(("du-thao-giay-khai-sinh.pdf", "application/pdf", step, "chuyenvien"), (draft.FileName, draft.ContentType, draft.WorkItemId, draft.UploadedBy));

        var leaderStep = await OpenStepAsync(code, "leader");
        var leaderPage = WebUtility.HtmlDecode(await (await ClientAsync("lanhdao")).GetStringAsync($"/Dossiers/{code}/Steps/{leaderStep}", Cancel));
        var dossierPage = WebUtility.HtmlDecode(await specialist.GetStringAsync($"/Dossiers/{code}", Cancel));
        var file = await specialist.GetAsync($"/Dossiers/{code}/Files/{draft.Id}", Cancel);

        Assert.Matches($@"id=""drafts"">\s*<div><a [^>]*href=""/Dossiers/{Regex.Escape(code)}/Files/{draft.Id}""[^>]*>du-thao-giay-khai-sinh.pdf</a>", leaderPage);
        Assert.Contains("Trần Văn Minh", leaderPage);
        Assert.Contains($"data-draft=\"{draft.Id}\"", dossierPage);
        Assert.Matches(@"data-kind=""TaskCompleted""(?:(?!</tr>).)*du-thao-giay-khai-sinh\.pdf", Regex.Replace(dossierPage, @"\s+", " "));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(Pdf, await file.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Fact]
    public async Task A_draft_that_is_not_a_pdf_or_an_image_is_refused_on_its_field_and_nothing_changes()
    {
        var code = await DossierFixtures.AcceptAsync(app);
        var step = await OpenStepAsync(code, "specialist");

        var refused = await CompleteWithFilesAsync(await ClientAsync("chuyenvien"), code, step, "submit", ("ghi-chu.txt", "chỉ là văn bản"u8.ToArray()));

        var page = await ReadAsync(refused);
        Assert.Contains("Tệp \"ghi-chu.txt\"", page);
        Assert.Matches(@"data-valmsg-for=""Input.DraftFiles""[^>]*>[^<]*ghi-chu.txt", page);
        Assert.Equal(step, (await OpenStepsAsync(code)).Single().Id);
        var dossier = await DossierAsync(code);
        Assert.Equal(DossierStatus.Accepted, dossier.Status);
        Assert.DoesNotContain(dossier.Files, f => f.Kind == DossierFileKind.Draft);
    }

    private static readonly byte[] Pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static async Task<HttpResponseMessage> CompleteWithFilesAsync(HttpClient client, string code, Guid step, string outcome, params (string Name, byte[] Content)[] files)
    {
        var page = await client.GetStringAsync($"/Dossiers/{code}/Steps/{step}", Cancel);
        var form = new MultipartFormDataContent
        {
            { new StringContent(OfficerSignIn.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent(outcome), "Input.Outcome" },
        };
        foreach (var (name, content) in files)
        {
            form.Add(new ByteArrayContent(content), "Input.DraftFiles", name);
        }

        return await client.PostAsync($"/Dossiers/{code}/Steps/{step}", form, Cancel);
    }

    private Task<HttpClient> ClientAsync(string userName) => DossierFixtures.ClientAsync(app, userName);

    private static async Task<HttpResponseMessage> CompleteAsync(HttpClient client, string code, Guid step, string? outcome, string? comment, params (string Name, string Value)[] more) =>
        await PostAsync(client, code, step, await client.GetStringAsync($"/Dossiers/{code}/Steps/{step}", Cancel), outcome, comment, more);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string code, Guid step, string page, string? outcome, string? comment, params (string Name, string Value)[] more)
    {
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = OfficerSignIn.AntiforgeryToken(page) };
        if (outcome is not null)
        {
            fields["Input.Outcome"] = outcome;
        }

        if (comment is not null)
        {
            fields["Input.Comment"] = comment;
        }

        foreach (var (name, value) in more)
        {
            fields[name] = value;
        }

        return client.PostAsync($"/Dossiers/{code}/Steps/{step}", new FormUrlEncodedContent(fields), Cancel);
    }

    private async Task<Guid> OpenStepAsync(string code, string role) =>
        (await OpenStepsAsync(code)).Single(s => s.CandidateRole == role).Id;

    private Task<IReadOnlyList<WorkItem>> OpenStepsAsync(string code) => DossierFixtures.OpenStepsAsync(app, code);

    private async Task<Dossier> DossierAsync(string code)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DossiersDbContext>().Set<Dossier>().AsNoTracking().Include(d => d.Forms).Include(d => d.Files).SingleAsync(d => d.Code == code, Cancel);
    }

    private async Task<List<IssuedForm>> DossierFormsAsync(string code) => (await DossierAsync(code)).Forms;

    private static async Task<string> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
    }

    private async Task<IReadOnlyList<StoredJournalEntry>> JournalAsync(string code)
    {
        var dossier = await DossierAsync(code);
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IWorkflowStore>().GetJournalAsync(dossier.WorkflowInstanceId!.Value, cancellationToken: Cancel);
    }
}

public sealed class StepPageTestsOnSqlite(SqliteApp app) : StepPageTests(app), IClassFixture<SqliteApp>;

public sealed class StepPageTestsOnPostgres(PostgresApp app) : StepPageTests(app), IClassFixture<PostgresApp>;
