using DossierWorkflow.Dossiers.Dossiers;
using DossierWorkflow.Dossiers.Notifications;

namespace DossierWorkflow.Dossiers.Tests.Notifications;

/// <summary>Every notice the applicant may be sent, in both languages: its subject, its e-mail and its SMS.</summary>
public sealed class NoticeTemplatesTests
{
    public static TheoryData<ApplicantEvent, ResultDelivery, string> Notices()
    {
        var data = new TheoryData<ApplicantEvent, ResultDelivery, string>();
        foreach (var notice in Enum.GetValues<ApplicantEvent>())
        {
            foreach (var delivery in notice == ApplicantEvent.ResultReady ? Enum.GetValues<ResultDelivery>() : [ResultDelivery.Counter])
            {
                foreach (var language in (string[])["vi", "en"])
                {
                    data.Add(notice, delivery, language);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Notices))]
    public void Each_notice_names_the_dossier_and_its_tracking_link_and_its_SMS_is_plain_letters(ApplicantEvent notice, ResultDelivery delivery, string language)
    {
        var facts = new NoticeFacts(notice, "000.00.25.H26-261207-0001", "Thủ tục đăng ký khai sinh", "Ủy ban nhân dân Phường Hoàn Kiếm", "Nguyễn Văn Án",
            delivery, "Giấy chứng sinh (Chưa nộp)", new Uri("https://dichvucong.hanoi.gov.vn/tra-cuu/000.00.25.H26-261207-0001"));

        var rendered = NoticeTemplates.Render(facts, NoticeTemplates.CultureOf(language));

        Assert.Contains(facts.Code, rendered.Subject, StringComparison.Ordinal);
        Assert.Contains(facts.TrackingUrl.ToString(), rendered.EmailBody, StringComparison.Ordinal);
        Assert.Contains(language == "en" ? "Dear Nguyễn Văn Án," : "Kính gửi Ông/Bà Nguyễn Văn Án,", rendered.EmailBody, StringComparison.Ordinal);
        Assert.True(rendered.SmsText.All(char.IsAscii), rendered.SmsText);
        Assert.Contains(facts.TrackingUrl.ToString(), rendered.SmsText, StringComparison.Ordinal);
        Assert.DoesNotContain("{", rendered.EmailBody + rendered.SmsText + rendered.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void A_supplement_request_says_what_is_missing_in_the_email_and_without_diacritics_in_the_SMS()
    {
        var facts = new NoticeFacts(ApplicantEvent.SupplementRequested, "000.00.25.H26-261207-0001", "Thủ tục đăng ký khai sinh", "Ủy ban nhân dân Phường Hoàn Kiếm",
            "Nguyễn Văn Án", ResultDelivery.Counter, "Giấy chứng sinh (Chưa nộp)", new Uri("https://dichvucong.hanoi.gov.vn/tra-cuu/x"));

        var rendered = NoticeTemplates.Render(facts, NoticeTemplates.Vietnamese);

        Assert.Contains("Hồ sơ cần bổ sung: Giấy chứng sinh (Chưa nộp).", rendered.EmailBody, StringComparison.Ordinal);
        Assert.Contains("Ho so can bo sung: Giay chung sinh (Chua nop).", rendered.SmsText, StringComparison.Ordinal);
    }
}
