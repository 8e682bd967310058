using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Persistence;
using DossierWorkflow.Engine;
using DossierWorkflow.Engine.Persistence;
using DossierWorkflow.Testing;
using DossierWorkflow.Testing.Web;
using Microsoft.Extensions.DependencyInjection;

namespace DossierWorkflow.OfficerUi.Tests.Notifications;

/// <summary>
/// The applicant is told of their dossier by e-mail (a real SMTP server) and SMS (a local gateway), through the engine's
/// outbox: what each notice says, in which language, once per channel, and what happens when a channel fails.
/// </summary>
public abstract class ApplicantNoticeTests<TApp>(TApp app) where TApp : OfficerUiApp, INotifyingApp
{
    private readonly string _email = $"{Guid.NewGuid():N}@example.vn";
    private readonly string _phone = $"09{Random.Shared.Next(10_000_000, 99_999_999)}";

    private string InternationalPhone => "84" + _phone[1..];

    private DossierApplicant Applicant()
    {
        var applicant = DossierFixtures.Applicant();
        applicant.Email = _email;
        applicant.Phone = _phone;
        return applicant;
    }

    [Fact]
    public async Task Accepting_a_dossier_emails_and_texts_the_applicant_its_code_appointment_and_tracking_link()
    {
        var code = await DossierFixtures.ReceiveAsync(app, ReceptionDecision.Accept, applicant: Applicant());

        await DeliverAsync();

        var mail = Assert.Single(await app.Channels.Smtp.MessagesToAsync(_email));
        Assert.Equal($"Hồ sơ {code} đã được tiếp nhận", mail.Subject);
        Assert.Equal("khongtraloi@dichvucong.hanoi.gov.vn", mail.From.Mailboxes.Single().Address);
        Assert.Contains("Kính gửi Ông/Bà Nguyễn Văn Án,", mail.TextBody, StringComparison.Ordinal);
        Assert.Matches(@"Hẹn trả kết quả: \d\d:\d\d \d\d/\d\d/\d{4}\.", mail.TextBody);
        Assert.Contains("Thủ tục: Thủ tục đăng ký khai sinh", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Theo dõi hồ sơ: http://localhost:5090/tra-cuu/{code}", mail.TextBody, StringComparison.Ordinal);

        var sms = Assert.Single(app.Channels.Sms.To(InternationalPhone));
        Assert.Equal("UBND HANOI", sms.BrandName);
        Assert.Matches($@"^Ho so {System.Text.RegularExpressions.Regex.Escape(code)}: Ho so da duoc tiep nhan\. Hen tra ket qua: \d\d:\d\d \d\d/\d\d/\d{{4}}\. Tra cuu: http://localhost:5090/tra-cuu/", sms.Message);
        Assert.True(sms.Message.All(char.IsAscii), sms.Message);
        Assert.StartsWith($"{code}:Accepted:", sms.RequestId, StringComparison.Ordinal);

        var officer = await app.CreateSignedInClientAsync("tiepnhan");
        var page = await officer.GetStringAsync($"/Dossiers/{code}", TestContext.Current.CancellationToken);
        Assert.Matches("id=\"notices\"[\\s\\S]*đã tiếp nhận, ngày hẹn trả · thư điện tử[\\s\\S]*đã tiếp nhận, ngày hẹn trả · tin nhắn SMS", page);
    }

    [Fact]
    public async Task An_applicant_who_chose_English_is_written_to_in_English()
    {
        var code = await DossierFixtures.ReceiveAsync(app, ReceptionDecision.Accept, applicant: Applicant(), language: "en");

        await DeliverAsync();

        var mail = Assert.Single(await app.Channels.Smtp.MessagesToAsync(_email));
        Assert.Equal($"Dossier {code} was accepted", mail.Subject);
        Assert.Contains("Procedure: Birth registration", mail.TextBody, StringComparison.Ordinal);
        Assert.StartsWith($"Dossier {code}: The dossier was accepted.", Assert.Single(app.Channels.Sms.To(InternationalPhone)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_supplement_request_says_what_is_missing()
    {
        var code = await DossierFixtures.ReceiveAsync(app, ReceptionDecision.Supplement, applicant: Applicant());

        await DeliverAsync();

        var mail = Assert.Single(await app.Channels.Smtp.MessagesToAsync(_email));
        Assert.Equal($"Hồ sơ {code} cần bổ sung giấy tờ", mail.Subject);
        Assert.Contains("Hồ sơ cần bổ sung: Giấy chứng sinh (Chưa nộp)", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_workflows_notify_step_says_the_result_is_ready_and_where_to_collect_it()
    {
        var code = await DossierFixtures.ResolveAsync(app, applicant: Applicant());

        await DeliverAsync();

        var subjects = (await app.Channels.Smtp.MessagesToAsync(_email)).Select(m => m.Subject).ToList();
        Assert.Equal([$"Hồ sơ {code} đã được tiếp nhận", $"Hồ sơ {code} đã có kết quả"], subjects);
        var ready = (await app.Channels.Smtp.MessagesToAsync(_email))[1];
        Assert.Contains("Mời Ông/Bà đến nhận tại Bộ phận Một cửa của Ủy ban nhân dân Phường Hoàn Kiếm.", ready.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_at_reception_tells_the_applicant_why()
    {
        var code = await DossierFixtures.ReceiveAsync(app, ReceptionDecision.Refuse, applicant: Applicant());

        await DeliverAsync();

        var mail = Assert.Single(await app.Channels.Smtp.MessagesToAsync(_email));
        Assert.Equal($"Hồ sơ {code} không được giải quyết", mail.Subject);
        Assert.Contains("Lý do: Không thuộc thẩm quyền.", mail.TextBody, StringComparison.Ordinal);
        Assert.StartsWith($"{code}:Refused:", Assert.Single(app.Channels.Sms.To(InternationalPhone)).RequestId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_extension_apologises_and_gives_the_new_appointment()
    {
        var code = await DossierFixtures.ReceiveAsync(app, ReceptionDecision.Accept, applicant: Applicant());
        await DeliverAsync();

        await DossierFixtures.ExtendAsync(app, code, 2, "Chờ kết quả xác minh của Công an xã");
        await DeliverAsync();

        var mail = (await app.Channels.Smtp.MessagesToAsync(_email)).Single(m => m.Subject == $"Hồ sơ {code}: thư xin lỗi và hẹn lại ngày trả kết quả");
        Assert.Matches(@"Cơ quan xin lỗi Ông/Bà và hẹn trả kết quả vào \d\d:\d\d \d\d/\d\d/\d{4}\.", mail.TextBody);
        Assert.Contains(app.Channels.Sms.To(InternationalPhone), sms => sms.RequestId.StartsWith($"{code}:Extended:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_result_sent_by_post_gives_its_tracking_number()
    {
        var code = await DossierFixtures.ResolveAsync(app, ResultDelivery.Post, Applicant());
        await DossierFixtures.HandToPostAsync(app, code, "EB123456789VN");

        await DeliverAsync();

        var mail = (await app.Channels.Smtp.MessagesToAsync(_email)).Single(m => m.Subject == $"Kết quả hồ sơ {code} đã được gửi qua bưu chính");
        Assert.Contains("Kết quả đã được gửi qua bưu chính, số hiệu bưu gửi EB123456789VN.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Theo dõi hồ sơ: http://localhost:5090/tra-cuu/{code}", mail.TextBody, StringComparison.Ordinal);
        var sms = Assert.Single(app.Channels.Sms.To(InternationalPhone), s => s.RequestId.StartsWith($"{code}:SentByPost:", StringComparison.Ordinal));
        Assert.StartsWith($"Ho so {code}: Ket qua da duoc gui qua buu chinh, so hieu buu gui EB123456789VN.", sms.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delivery_tried_again_after_one_channel_failed_sends_only_what_is_still_owed()
    {
        app.Channels.Sms.FailuresLeft = 1;
        await DossierFixtures.ReceiveAsync(app, ReceptionDecision.Accept, applicant: Applicant());

        await DeliverAsync();

        Assert.Single(await app.Channels.Smtp.MessagesToAsync(_email));
        Assert.Single(app.Channels.Sms.To(InternationalPhone));
    }

    [Fact]
    public async Task A_channel_that_keeps_failing_becomes_an_incident_the_administrator_sees_and_retries()
    {
        app.Channels.Sms.FailuresLeft = 2;
        var code = await DossierFixtures.ReceiveAsync(app, ReceptionDecision.Accept, applicant: Applicant());

        await DeliverAsync();

        Assert.Empty(app.Channels.Sms.To(InternationalPhone));
        await using var scope = app.Services.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<IWorkflowEngine>();
        var instanceId = (await DossierFixtures.OpenStepsAsync(app, code))[0].InstanceId;
        var incident = Assert.Single(await engine.QueryIncidentsAsync(new IncidentFilter { InstanceId = instanceId }, TestContext.Current.CancellationToken));
        Assert.Equal((IncidentKind.ExternalDeliveryFailed, "dossier:Accepted"), (incident.Kind, incident.ElementId));
        Assert.Contains("503", incident.Message, StringComparison.Ordinal);
        var administrator = await app.CreateSignedInClientAsync("quantri");
        Assert.Contains(code, await administrator.GetStringAsync("/Admin/Incidents", TestContext.Current.CancellationToken), StringComparison.Ordinal);

        await engine.RetryIncidentAsync(incident.Id, actor: "quantri", cancellationToken: TestContext.Current.CancellationToken);
        await DeliverAsync();

        Assert.Single(app.Channels.Sms.To(InternationalPhone));
        Assert.Single(await app.Channels.Smtp.MessagesToAsync(_email));
    }

    [Fact]
    public async Task An_action_rolled_back_tells_the_applicant_nothing()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var reception = scope.ServiceProvider.GetRequiredService<DossierReception>();
            await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync(
                () => reception.ReceiveAsync(
                    new ReceptionRequest
                    {
                        ProcedureCode = "1.001193",
                        ReceivingUnit = "HN.HOANKIEM",
                        Applicant = Applicant(),
                        Documents = [new ProvidedDocument(0, true, DossierWorkflow.Definitions.Metadata.DocumentForm.Original, 1), new ProvidedDocument(6, true, DossierWorkflow.Definitions.Metadata.DocumentForm.ShowOriginal, 1)],
                        Decision = ReceptionDecision.Accept,
                        Officer = "tiepnhan",
                        OfficerName = "Nguyễn Thị Hồng Nhung",
                    },
                    TestContext.Current.CancellationToken),
                _ => false,
                TestContext.Current.CancellationToken);
        }

        await DeliverAsync();

        Assert.Empty(await app.Channels.Smtp.MessagesToAsync(_email));
        Assert.Empty(app.Channels.Sms.To(InternationalPhone));
    }

    private Task DeliverAsync() => DossierFixtures.DeliverOutboxAsync(app);
}

public sealed class ApplicantNoticeTestsOnSqlite(NotifyingSqliteApp app) : ApplicantNoticeTests<NotifyingSqliteApp>(app), IClassFixture<NotifyingSqliteApp>;

public sealed class ApplicantNoticeTestsOnPostgres(NotifyingPostgresApp app) : ApplicantNoticeTests<NotifyingPostgresApp>(app), IClassFixture<NotifyingPostgresApp>;
