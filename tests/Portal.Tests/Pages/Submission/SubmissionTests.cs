using System.Net;
using System.Text;
using DossierWorkflow.Dossiers.Calendar;
using DossierWorkflow.Dossiers.Citizens;
using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Portal.Tests.Pages.Account;
using DossierWorkflow.Testing.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.Portal.Tests.Pages.Submission;

/// <summary>
/// Online submission step by step: a draft saved at every step and resumed, each step checked as reception checks it,
/// the scans accepted by content, the dossier made once in the receiving unit's online intake and told to the citizen.
/// </summary>
public abstract class SubmissionTests<TApp>(TApp app) where TApp : OfficerUiApp, INotifyingApp
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private readonly string _email = $"{Guid.NewGuid():N}@example.vn";
    private readonly CitizenClient _citizen = new(app);

    [Fact]
    public async Task A_citizen_not_signed_in_is_asked_to_sign_in_first()
    {
        var response = await _citizen.Http.GetAsync("/nop-ho-so/1.001193", TestContext.Current.CancellationToken);

        Assert.Equal("/tai-khoan/dang-nhap?returnUrl=%2Fnop-ho-so%2F1.001193", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task A_dossier_submitted_step_by_step_waits_at_the_receiving_units_reception_and_its_code_is_sent()
    {
        var draft = await StartAsync();

        await StepAsync(draft, "don-vi", ("receivingUnit", "HN.HOANKIEM"));
        await ApplicantAsync(draft);
        await UploadAsync(draft, 0, ("to-khai.pdf", Pdf));
        await UploadAsync(draft, 6, ("cccd-mat-truoc.pdf", Pdf), ("cccd-mat-sau.pdf", [.. Pdf, (byte)'\n']));
        await StepAsync(draft, "giay-to");
        await StepAsync(draft, "nhan-ket-qua", ("delivery", "Post"), ("deliveryAddress", "Số 5 phố Hàng Bông, Hà Nội"));
        var submitted = await _citizen.SubmitAsync($"{draft}/xem-lai");

        var code = Uri.UnescapeDataString(submitted.Headers.Location!.OriginalString["/ho-so-cua-toi?moi=".Length..]);
        var mine = await _citizen.Http.GetStringAsync($"/ho-so-cua-toi?moi={code}", TestContext.Current.CancellationToken);
        Assert.Contains($"id=\"submitted-code\">{code}<", mine, StringComparison.Ordinal);
        Assert.Contains("Đã gửi, chờ cán bộ tiếp nhận kiểm tra", mine, StringComparison.Ordinal);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        var dossier = await db.Set<Dossier>().Include(d => d.Files).Include(d => d.Documents).SingleAsync(d => d.Code == code, TestContext.Current.CancellationToken);
        Assert.Equal((DossierStatus.New, ReceptionChannel.Online, "HN.HOANKIEM", ResultDelivery.Post), (dossier.Status, dossier.Channel, dossier.ReceivingUnit, dossier.Delivery));
        Assert.Equal("Số 5 phố Hàng Bông, Hà Nội", dossier.DeliveryAddress);
        Assert.Equal(("Nguyễn Văn Án", "001085012345", "0912345678"), (dossier.Applicant.Name, dossier.Applicant.CitizenId, dossier.Applicant.Phone));
        Assert.Equal(3, dossier.Files.Count);
        Assert.Equal([0, 6, 6], dossier.Files.Select(f => f.DocumentPosition ?? -1).Order());
        Assert.True(dossier.Documents.Single(d => d.Position == 6).Provided);
        Assert.NotNull(dossier.CitizenAccountId);
        var reception = Assert.Single(await scope.ServiceProvider.GetRequiredService<IWorkflowEngine>()
            .QueryWorkItemsAsync(new DossierWorkflow.Engine.Persistence.WorkItemFilter { BusinessKey = code }, TestContext.Current.CancellationToken));
        Assert.Equal(("reception", "HN.HOANKIEM"), (reception.CandidateRole, reception.CandidateUnit));

        await DossierFixtures.DeliverOutboxAsync(app);
        var notice = (await app.Channels.Smtp.MessagesToAsync(_email)).Last();
        Assert.Equal($"Hồ sơ {code} đã được gửi", notice.Subject);
        var sms = Assert.Single(app.Channels.Sms.To("84912345678"), s => s.RequestId.StartsWith($"{code}:", StringComparison.Ordinal));
        Assert.StartsWith($"Ho so {code}: ", sms.Message, StringComparison.Ordinal);
        Assert.Contains($"/tra-cuu/{code}", sms.Message, StringComparison.Ordinal);
        Assert.True(sms.Message.All(char.IsAscii), sms.Message);
    }

    [Fact]
    public async Task A_draft_is_saved_at_every_step_and_resumed_in_another_session()
    {
        var draft = await StartAsync();
        await StepAsync(draft, "don-vi", ("receivingUnit", "HN.HOANKIEM"));
        await ApplicantAsync(draft);

        var later = new CitizenClient(app);
        await later.SubmitAsync("/tai-khoan/dang-nhap", ("Identifier", _email), ("Password", "mat-khau-2026"));
        var mine = await later.Http.GetStringAsync("/ho-so-cua-toi", TestContext.Current.CancellationToken);
        var applicant = await later.Http.GetStringAsync($"{draft}/nguoi-nop", TestContext.Current.CancellationToken);

        Assert.Contains($"href=\"{draft}/don-vi\"", mine, StringComparison.Ordinal);
        Assert.Contains("value=\"001085012345\"", applicant, StringComparison.Ordinal);
        Assert.Contains("value=\"Số 5 phố Hàng Bông, Hoàn Kiếm, Hà Nội\"", applicant, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_step_says_what_is_wrong_and_keeps_what_was_typed()
    {
        var draft = await StartAsync();

        var unit = await StepAsync(draft, "don-vi", expectNext: false);
        var applicant = await StepAsync(draft, "nguoi-nop", expectNext: false,
            ("Applicant.Name", "Nguyễn Văn Án"), ("Applicant.CitizenId", "001085012345"), ("Applicant.DateOfBirth", "1990-03-15"),
            ("Applicant.Gender", "Male"), ("Applicant.Address", ""), ("Applicant.Phone", "12345"));
        var documents = await StepAsync(draft, "giay-to", expectNext: false);
        var kept = await _citizen.Http.GetStringAsync($"{draft}/nguoi-nop", TestContext.Current.CancellationToken);

        Assert.Contains("Vui lòng nhập thông tin này.", unit, StringComparison.Ordinal);
        Assert.Contains("Số căn cước không khớp với năm sinh.", applicant, StringComparison.Ordinal);
        Assert.Contains("Số điện thoại gồm 10 chữ số", applicant, StringComparison.Ordinal);
        Assert.Contains("Chưa tải lên giấy tờ bắt buộc: Tờ khai đăng ký khai sinh (theo mẫu).", documents, StringComparison.Ordinal);
        Assert.Contains("value=\"1990-03-15\"", kept, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Values_too_long_for_their_field_are_refused_with_a_message_not_an_error_page()
    {
        var draft = await StartAsync();

        var applicant = await StepAsync(draft, "nguoi-nop", expectNext: false, ("Applicant.Name", new string('A', 300)), ("Applicant.Address", "Hà Nội"));
        var unit = await StepAsync(draft, "don-vi", expectNext: false, ("receivingUnit", new string('X', 80)));
        var delivery = await StepAsync(draft, "nhan-ket-qua", expectNext: false, ("delivery", "Post"), ("deliveryAddress", new string('B', 600)));

        Assert.Contains("Tối đa 200 ký tự.", applicant, StringComparison.Ordinal);
        Assert.Contains("Cơ quan này không tiếp nhận thủ tục này.", unit, StringComparison.Ordinal);
        Assert.Contains("Tối đa 500 ký tự.", delivery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_pdf_or_an_image_is_refused_by_its_content_and_not_kept()
    {
        var draft = await StartAsync();

        var refused = await _citizen.UploadAsync($"{draft}/giay-to", "Upload", [("position", "0")], ("to-khai.pdf", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>")));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("không phải PDF, JPEG hay PNG", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain("to-khai.pdf</span>", await _citizen.Http.GetStringAsync($"{draft}/giay-to", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_incomplete_draft_cannot_be_submitted()
    {
        var draft = await StartAsync();

        var review = await _citizen.Http.GetStringAsync($"{draft}/xem-lai", TestContext.Current.CancellationToken);
        var forced = await _citizen.Http.PostFormAsync($"{draft}/xem-lai", review);

        Assert.Contains("id=\"submit-dossier\" disabled=\"disabled\"", review, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Contains("Hồ sơ chưa được nộp.", await forced.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(0, await DossiersOfAsync());
    }

    [Fact]
    public async Task Submitting_the_same_draft_twice_makes_one_dossier()
    {
        var draft = await CompleteDraftAsync();
        var review = await _citizen.Http.GetStringAsync($"{draft}/xem-lai", TestContext.Current.CancellationToken);

        var first = await _citizen.Http.PostFormAsync($"{draft}/xem-lai", review);
        var second = await _citizen.Http.PostFormAsync($"{draft}/xem-lai", review);

        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await DossiersOfAsync());
    }

    [Fact]
    public async Task Another_citizen_reaches_neither_the_draft_nor_its_steps()
    {
        var draft = await CompleteDraftAsync();
        var stranger = new CitizenClient(app);
        await stranger.RegisterAndConfirmAsync(app, $"{Guid.NewGuid():N}@example.vn");

        foreach (var step in (string[])["don-vi", "nguoi-nop", "giay-to", "nhan-ket-qua", "xem-lai"])
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"{draft}/{step}", TestContext.Current.CancellationToken)).StatusCode);
        }

        var strangersPage = await stranger.Http.GetStringAsync("/tai-khoan", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.PostFormAsync($"{draft}/xem-lai", strangersPage)).StatusCode);
        Assert.DoesNotContain(draft, await stranger.Http.GetStringAsync("/ho-so-cua-toi", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(0, await DossiersOfAsync());
    }

    /// <summary>Registers this test's citizen (with a profile) and starts a birth registration; returns the draft's address.</summary>
    private async Task<string> StartAsync()
    {
        await _citizen.RegisterAndConfirmAsync(app, _email);
        await _citizen.SubmitAsync("/tai-khoan",
            ("Input.FullName", "Nguyễn Văn Án"), ("Input.CitizenId", "001085012345"), ("Input.DateOfBirth", "1985-03-15"),
            ("Input.Gender", "Male"), ("Input.Address", "Số 5 phố Hàng Bông, Hoàn Kiếm, Hà Nội"));
        var started = await _citizen.SubmitAsync("/nop-ho-so/1.001193");
        var unit = started.Headers.Location!.OriginalString;
        Assert.EndsWith("/don-vi", unit, StringComparison.Ordinal);
        return unit[..^"/don-vi".Length];
    }

    private async Task<string> CompleteDraftAsync()
    {
        var draft = await StartAsync();
        await StepAsync(draft, "don-vi", ("receivingUnit", "HN.HOANKIEM"));
        await ApplicantAsync(draft);
        await UploadAsync(draft, 0, ("to-khai.pdf", Pdf));
        await UploadAsync(draft, 6, ("cccd.pdf", Pdf));
        await StepAsync(draft, "nhan-ket-qua", ("delivery", "Counter"));
        return draft;
    }

    /// <summary>The applicant step as pre-filled from the profile, with a phone number added.</summary>
    private async Task ApplicantAsync(string draft)
    {
        var page = await _citizen.Http.GetStringAsync($"{draft}/nguoi-nop", TestContext.Current.CancellationToken);
        Assert.Contains("value=\"001085012345\"", page, StringComparison.Ordinal);
        await StepAsync(draft, "nguoi-nop",
            ("Applicant.Name", "Nguyễn Văn Án"), ("Applicant.CitizenId", "001085012345"), ("Applicant.DateOfBirth", "1985-03-15"),
            ("Applicant.Gender", "Male"), ("Applicant.Address", "Số 5 phố Hàng Bông, Hoàn Kiếm, Hà Nội"), ("Applicant.Phone", "0912345678"),
            ("Applicant.Email", _email));
    }

    private Task<string> StepAsync(string draft, string step, params (string Name, string Value)[] fields) => StepAsync(draft, step, expectNext: true, fields);

    /// <summary>Posts a step; expecting it to lead on, or to come back with its problems (returned).</summary>
    private async Task<string> StepAsync(string draft, string step, bool expectNext, params (string Name, string Value)[] fields)
    {
        var response = await _citizen.SubmitAsync($"{draft}/{step}", fields);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True((response.StatusCode == HttpStatusCode.Redirect) == expectNext, $"{step}: {response.StatusCode} {body}");
        return body;
    }

    private async Task UploadAsync(string draft, int position, params (string FileName, byte[] Content)[] files)
    {
        var response = await _citizen.UploadAsync($"{draft}/giay-to", "Upload", [("position", position.ToString(System.Globalization.CultureInfo.InvariantCulture))], files);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>How many dossiers this test's citizen submitted.</summary>
    private async Task<int> DossiersOfAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DossiersDbContext>();
        var account = await db.Set<CitizenAccount>().SingleAsync(a => a.Email == _email, TestContext.Current.CancellationToken);
        return await db.Set<Dossier>().CountAsync(d => d.CitizenAccountId == account.Id, TestContext.Current.CancellationToken);
    }
}

public sealed class SubmissionTestsOnSqlite(NotifyingSqliteApp app) : SubmissionTests<NotifyingSqliteApp>(app), IClassFixture<NotifyingSqliteApp>;

public sealed class SubmissionTestsOnPostgres(NotifyingPostgresApp app) : SubmissionTests<NotifyingPostgresApp>(app), IClassFixture<NotifyingPostgresApp>;
