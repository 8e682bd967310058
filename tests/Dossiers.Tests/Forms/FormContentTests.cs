using DossierWorkflow.Testing;
using System.Text;
using DossierWorkflow.Dossiers.Forms;

namespace DossierWorkflow.Dossiers.Tests.Forms;

/// <summary>Every value given to a form comes out of the PDF as text, with its Vietnamese diacritics intact.</summary>
public sealed class FormContentTests
{
    [Fact]
    public void A_receipt_slip_prints_every_field_of_the_dossier()
    {
        Poppler.Require();
        var slip = FormSamples.ReceiptSlip();

        var text = Poppler.Flatten(Poppler.Text(FormRendering.Render(slip, "01-receipt-slip")));

        AssertContainsAll(text,
            "Mẫu số 01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
            "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM",
            "Số: 1234/GTN", "Hoàn Kiếm, ngày 22 tháng 11 năm 2026",
            "Mã hồ sơ: 000.00.25.H12-261122-0001",
            "Đơn vị tiếp nhận hồ sơ: Bộ phận Một cửa Ủy ban nhân dân phường Hoàn Kiếm",
            "Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung",
            "Số định danh cá nhân: 001190012345",
            "Địa chỉ: Số 12 phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội",
            "Số điện thoại: 0912 345 678", "Thư điện tử: nhung.nguyen@example.vn",
            "Trần Văn Đức",
            "Nội dung yêu cầu giải quyết: Đăng ký khai sinh",
            "Tờ khai đăng ký khai sinh", "Giấy chứng sinh do cơ sở y tế cấp",
            "Giấy chứng nhận kết hôn của cha, mẹ", "Bản sao có chứng thực", "Văn bản ủy quyền có chứng thực", "Bản điện tử", "Bản chính",
            "2. Số lượng hồ sơ: 1 (bộ)",
            "3. Thời gian giải quyết hồ sơ theo quy định là: 01 ngày làm việc",
            "4. Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 22 tháng 11 năm 2026",
            "5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 23 tháng 11 năm 2026",
            "6. Đăng ký nhận kết quả tại: Bộ phận Một cửa phường Hoàn Kiếm, số 126 phố Hàng Trống",
            "7. Hình thức nhận kết quả: Qua dịch vụ bưu chính công ích",
            "Vào Sổ theo dõi hồ sơ, Quyển số: 05, Số thứ tự: 0217",
            "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ", "Lê Thị Thu Hương",
            "https://dichvucong.hoankiem.gov.vn/tra-cuu?ma=000.00.25.H12-261122-0001");
    }

    [Fact]
    public void A_receipt_slip_carries_the_qr_code_of_the_tracking_page()
    {
        Poppler.Require();

        var images = Poppler.ImageCount(FormRendering.Render(FormSamples.ReceiptSlip(), "01-receipt-slip-qr"));

        Assert.Equal(1, images);
    }

    [Fact]
    public void A_supplement_request_lists_each_item_with_its_reason_and_the_contact_officer()
    {
        Poppler.Require();

        var text = Poppler.Flatten(Poppler.Text(FormRendering.Render(FormSamples.SupplementRequest(), "02-supplement-request")));

        AssertContainsAll(text,
            "Mẫu số 02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Số: 56/PYCBS", "Hoàn Kiếm, ngày 24 tháng 11 năm 2026",
            "Mã hồ sơ: 000.00.25.H12-261122-0001", "Hồ sơ của: Nguyễn Thị Hồng Nhung",
            "Địa chỉ: Số 12 phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội", "Nội dung yêu cầu giải quyết: Đăng ký khai sinh",
            "1. Bổ sung bản sao Giấy chứng nhận kết hôn của cha, mẹ", "Lý do: Bản sao đã nộp không có chứng thực",
            "2. Hoàn thiện mục quê quán trong Tờ khai đăng ký khai sinh", "Lý do: Tờ khai ghi thiếu xã, tỉnh nơi sinh của người mẹ",
            "Ông/Bà liên hệ với Phạm Quốc Việt, số điện thoại 024 3825 1234 để được hướng dẫn.",
            "NGƯỜI HƯỚNG DẪN", "Phạm Quốc Việt");
    }

    [Fact]
    public void A_refusal_notice_states_each_specific_reason()
    {
        Poppler.Require();

        var text = Poppler.Flatten(Poppler.Text(FormRendering.Render(FormSamples.RefusalNotice(), "03-refusal-notice")));

        AssertContainsAll(text,
            "Mẫu số 03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "Số: 12/PTC",
            "Mã hồ sơ: 000.00.25.H12-261122-0002", "Tiếp nhận hồ sơ của: Nguyễn Thị Hồng Nhung",
            "Nội dung yêu cầu giải quyết: Chứng thực bản sao từ bản chính giấy tờ bằng tiếng nước ngoài",
            "Qua xem xét, Bộ phận Một cửa Ủy ban nhân dân phường Hoàn Kiếm từ chối tiếp nhận, giải quyết hồ sơ này",
            "1. Bản chính giấy tờ bị tẩy xóa, sửa chữa nội dung",
            "2. Thủ tục không thuộc thẩm quyền giải quyết của Ủy ban nhân dân phường",
            "NGƯỜI TIẾP NHẬN HỒ SƠ", "Lê Thị Thu Hương");
    }

    [Fact]
    public void A_refusal_without_a_dossier_code_prints_no_code_line()
    {
        Poppler.Require();
        var notice = FormSamples.RefusalNotice() with { DossierCode = null };

        var text = Poppler.Flatten(Poppler.Text(FormRendering.Render(notice, "03-refusal-notice-no-code")));

        Assert.DoesNotContain("Mã hồ sơ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_apology_gives_the_original_and_the_new_appointment_and_the_reason()
    {
        Poppler.Require();

        var text = Poppler.Flatten(Poppler.Text(FormRendering.Render(FormSamples.ApologyLetter(), "04-apology-letter")));

        AssertContainsAll(text,
            "Mẫu số 04", "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT", "Số: 89/VB-UBND",
            "Hoàn Kiếm, ngày 01 tháng 12 năm 2026", "Kính gửi: Nguyễn Thị Hồng Nhung",
            "Ngày 22 tháng 11 năm 2026, ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM tiếp nhận hồ sơ",
            "mã hồ sơ: 000.00.25.H12-261122-0001", "Nội dung yêu cầu giải quyết: Đăng ký khai sinh",
            "Thời gian hẹn trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 02 tháng 12 năm 2026.",
            "Lý do: Cần xác minh thông tin hộ tịch của người mẹ tại Ủy ban nhân dân xã Đông Hưng, tỉnh Hưng Yên",
            "xin lỗi Ông/Bà", "10 giờ 30 phút, ngày 09 tháng 12 năm 2026",
            "CHỦ TỊCH", "(Ký, ghi rõ họ tên và đóng dấu)", "Đặng Minh Tuấn", "Nơi nhận:");
    }

    [Fact]
    public void A_stop_notice_names_the_dossier_the_request_and_the_date()
    {
        Poppler.Require();

        var text = Poppler.Flatten(Poppler.Text(FormRendering.Render(FormSamples.StopNotice(), "05-stop-notice")));

        AssertContainsAll(text,
            "Mẫu số 05", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", "Số: 90/TB-UBND", "Kính gửi: Nguyễn Thị Hồng Nhung",
            "mã hồ sơ: 000.00.25.H12-261122-0001", "thủ tục hành chính: Đăng ký khai sinh",
            "Ngày 02 tháng 12 năm 2026, Ông/Bà có yêu cầu dừng giải quyết hồ sơ nêu trên, nội dung: Xin rút hồ sơ để nộp tại nơi cư trú của người mẹ",
            "thông báo dừng giải quyết hồ sơ nêu trên kể từ ngày 03 tháng 12 năm 2026.",
            "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Vũ Thị Ngọc Ánh");
    }

    [Fact]
    public void A_control_sheet_has_a_row_per_hand_off_with_units_officers_times_and_outcome()
    {
        Poppler.Require();

        var text = Poppler.Flatten(Poppler.Text(FormRendering.Render(FormSamples.ControlSheet(3), "06-control-sheet")));

        AssertContainsAll(text,
            "Mẫu số 06", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "Mã hồ sơ: 000.00.25.H12-261122-0001",
            "Tên thủ tục hành chính: Đăng ký khai sinh", "Hồ sơ của: Nguyễn Thị Hồng Nhung",
            "Thời gian tiếp nhận hồ sơ: 08 giờ 30 phút, ngày 22 tháng 11 năm 2026",
            "Thời gian hẹn trả kết quả: 16 giờ 00 phút, ngày 23 tháng 11 năm 2026",
            "Cơ quan (bộ phận) giải quyết hồ sơ: Phòng Văn hóa - Xã hội",
            "Cơ quan phối hợp giải quyết hồ sơ: Công an phường Hoàn Kiếm");
        AssertCellsContain(text,
            "Bộ phận Một cửa", "Lê Thị Thu Hương", "Hoàng Đức Thắng", "Lãnh đạo Ủy ban nhân dân phường", "Đặng Minh Tuấn",
            "Giao: 08:30 22/11/2026", "Nhận: 08:42 22/11/2026", "Giao: 09:07 22/11/2026", "Nhận: 09:56 22/11/2026",
            "Trước hạn", "Đúng hạn", "Quá hạn", "Chuyển bước thứ 1, kèm phiếu đề xuất");
    }

    [Fact]
    public void A_register_book_prints_each_dossier_in_a_row()
    {
        Poppler.Require();

        var text = Poppler.Flatten(Poppler.Text(FormRendering.Render(FormSamples.RegisterBook(4), "07-register-book")));

        AssertContainsAll(text,
            "Mẫu số 07", "SỔ THEO DÕI HỒ SƠ", "Đơn vị: Bộ phận Một cửa phường Hoàn Kiếm",
            "Từ ngày 01/01/2026 đến ngày 31/12/2026", "Quyển số: 05");
        AssertCellsContain(text,
            "000.00.25.H12-261122-0001", "000.00.25.H12-261125-0004",
            "Đăng ký khai sinh", "Chứng thực chữ ký", "Đăng ký kết hôn", "Cấp bản sao trích lục hộ tịch",
            "Nguyễn Thị Hồng Nhung", "Trần Văn Đức", "Lê Hoàng Yến", "Phạm Quốc Việt",
            "Phòng Văn hóa - Xã hội", "08:30 22/11/2026", "08:30 25/11/2026", "09:30 24/11/2026",
            "Qua dịch vụ bưu chính công ích", "Trực tuyến trên Cổng Dịch vụ công", "Trả kết quả qua bưu điện");
    }

    [Fact]
    public void Decomposed_input_is_printed_composed()
    {
        Poppler.Require();
        var decomposed = "Nguyễn Thị Hồng Nhung".Normalize(NormalizationForm.FormD);
        var slip = FormSamples.ReceiptSlip(FormSamples.Applicant with { FullName = decomposed });

        var text = Poppler.Text(FormRendering.Render(slip, "01-receipt-slip-nfd"));

        Assert.Contains("Nguyễn Thị Hồng Nhung", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Table cells wrap, and pdftotext may interleave the lines of neighbouring cells: each value's words must
    /// appear in order, each within a few words of the previous one.
    /// </summary>
    private static void AssertCellsContain(string text, params string[] expected)
    {
        const int Window = 40;
        var words = text.Split(' ');
        var missing = expected.Where(value =>
        {
            var tokens = value.Normalize(NormalizationForm.FormC).Split(' ');
            return !Enumerable.Range(0, words.Length).Any(start =>
            {
                if (words[start] != tokens[0])
                {
                    return false;
                }

                var at = start;
                foreach (var token in tokens.Skip(1))
                {
                    var next = Array.IndexOf(words, token, at + 1, Math.Min(Window, words.Length - at - 1));
                    if (next < 0)
                    {
                        return false;
                    }

                    at = next;
                }

                return true;
            });
        }).ToList();
        Assert.True(missing.Count == 0, $"Missing from the PDF table cells: {string.Join(" | ", missing)}\n--- text ---\n{text}");
    }

    private static void AssertContainsAll(string text, params string[] expected)
    {
        var missing = expected.Where(e => !text.Contains(e.Normalize(NormalizationForm.FormC), StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"Missing from the PDF text: {string.Join(" | ", missing)}\n--- text ---\n{text}");
    }
}
