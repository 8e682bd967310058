using DossierWorkflow.Testing;
using DossierWorkflow.Dossiers.Forms;

namespace DossierWorkflow.Dossiers.Tests.Forms;

/// <summary>Nothing is drawn outside the content box of official documents, however long the values are.</summary>
public sealed class FormLayoutTests
{
    private const double PointsPerMillimetre = 72 / 25.4;

    // Portrait: top 20, bottom 20, left 30, right 15 mm. Landscape: 20 mm all round.
    private static readonly (double Top, double Bottom, double Left, double Right) PortraitMargins = (20, 20, 30, 15);
    private static readonly (double Top, double Bottom, double Left, double Right) LandscapeMargins = (20, 20, 20, 20);

    private static readonly string LongName =
        "Công ty Trách nhiệm hữu hạn Một thành viên Thương mại Dịch vụ Xuất nhập khẩu Nguyễn Thị Hồng Nhung và Những người bạn Đồng hành Phát triển Bền vững";

    private static readonly string LongAddress =
        "Tầng 12, Tòa nhà Trung tâm Thương mại Tràng Tiền Plaza, số 24 phố Hai Bà Trưng, Phường Hoàn Kiếm, Thành phố Hà Nội, Việt Nam; "
        + "Chi nhánh: Khu công nghiệp Thăng Long, Xã Võng La, Thành phố Hà Nội; Xuất_nhập_khẩu_không_có_khoảng_trắng_nào_cả_suốt_một_dòng_rất_dài_vượt_quá_chiều_rộng_của_trang_giấy";

    public static TheoryData<string> Forms => ["01", "02", "03", "04", "05", "06", "07"];

    [Theory]
    [MemberData(nameof(Forms))]
    public void Long_names_and_addresses_wrap_inside_the_content_box(string form)
    {
        Poppler.Require();
        var applicant = FormSamples.Applicant with { FullName = LongName, Address = LongAddress, Representative = LongName };
        ILegalForm input = form switch
        {
            "01" => FormSamples.ReceiptSlip(applicant) with { Request = LongAddress },
            "02" => FormSamples.SupplementRequest() with { Applicant = applicant },
            "03" => FormSamples.RefusalNotice() with { Applicant = applicant, Reasons = [LongAddress, LongName] },
            "04" => FormSamples.ApologyLetter() with { Applicant = applicant, DelayReason = LongAddress },
            "05" => FormSamples.StopNotice() with { Applicant = applicant, CitizenRequest = LongAddress },
            "06" => FormSamples.ControlSheet(40) with { Applicant = applicant, LeadUnit = LongName },
            _ => FormSamples.RegisterBook(60) with { Unit = LongName },
        };
        if (input is RegisterBook book)
        {
            input = book with { Entries = [.. book.Entries.Select(e => e with { ApplicantName = LongName, AddressAndPhone = LongAddress })] };
        }

        var (pages, words) = Poppler.Words(FormRendering.Render(input, $"{form}-long-values"));

        var outside = words.Where(w => !Inside(w, pages[w.Page - 1])).ToList();
        Assert.True(outside.Count == 0, "Drawn outside the content box: " + string.Join("; ", outside.Take(10)));
        var text = Poppler.Flatten(string.Join(' ', words.Select(w => w.Text)));
        Assert.Contains("Phát triển Bền vững", text, StringComparison.Ordinal);
    }

    private static bool Inside(PdfWord word, PdfPageBox page)
    {
        var margins = page.Width > page.Height ? LandscapeMargins : PortraitMargins;
        const double Tolerance = 0.5;
        return word.XMin >= (margins.Left * PointsPerMillimetre) - Tolerance
            && word.XMax <= page.Width - (margins.Right * PointsPerMillimetre) + Tolerance
            && word.YMin >= (margins.Top * PointsPerMillimetre) - Tolerance
            && word.YMax <= page.Height - (margins.Bottom * PointsPerMillimetre) + Tolerance;
    }
}
