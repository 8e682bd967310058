using System.Globalization;
using DossierWorkflow.Dossiers.Forms;

namespace DossierWorkflow.Dossiers.Tests.Forms;

/// <summary>Form inputs full of Vietnamese text, as a ward's one-stop unit would fill them.</summary>
internal static class FormSamples
{
    public static readonly DateTime ReceivedAt = new(2026, 11, 22, 8, 30, 0);

    public static AgencyHeader Agency { get; } = new(
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
        "ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM",
        "Hoàn Kiếm");

    public static Applicant Applicant { get; } = new(
        "Nguyễn Thị Hồng Nhung",
        IdNumber: "001190012345",
        Address: "Số 12 phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội",
        Phone: "0912 345 678",
        Email: "nhung.nguyen@example.vn",
        Representative: "Trần Văn Đức");

    public static ReceiptSlip ReceiptSlip(Applicant? applicant = null) => new(
        Agency,
        Number: "1234/GTN",
        DossierCode: "000.00.25.H12-261122-0001",
        ReceivingUnit: "Bộ phận Một cửa Ủy ban nhân dân phường Hoàn Kiếm",
        Applicant: applicant ?? Applicant,
        Request: "Đăng ký khai sinh",
        Documents:
        [
            new("Tờ khai đăng ký khai sinh", DocumentCopyKind.Original, 1),
            new("Giấy chứng sinh do cơ sở y tế cấp", DocumentCopyKind.Original, 1),
            new("Giấy chứng nhận kết hôn của cha, mẹ", DocumentCopyKind.CertifiedCopy, 2),
            new("Văn bản ủy quyền có chứng thực", DocumentCopyKind.Electronic, 1),
        ],
        SetCount: 1,
        LegalProcessingTime: "01 ngày làm việc",
        ReceivedAt: ReceivedAt,
        AppointmentAt: new DateTime(2026, 11, 23, 16, 0, 0),
        ResultReturnPlace: "Bộ phận Một cửa phường Hoàn Kiếm, số 126 phố Hàng Trống",
        ResultDelivery: ResultDeliveryMethod.PublicPostal,
        RegisterVolume: "05",
        RegisterEntryNumber: "0217",
        ReceivingOfficer: "Lê Thị Thu Hương",
        TrackingUrl: new Uri("https://dichvucong.hoankiem.gov.vn/tra-cuu?ma=000.00.25.H12-261122-0001"));

    public static SupplementRequest SupplementRequest() => new(
        Agency,
        Number: "56/PYCBS",
        IssuedOn: new DateOnly(2026, 11, 24),
        DossierCode: "000.00.25.H12-261122-0001",
        DossierReceivedAt: ReceivedAt,
        Applicant: Applicant,
        Request: "Đăng ký khai sinh",
        Items:
        [
            new("Bổ sung bản sao Giấy chứng nhận kết hôn của cha, mẹ", "Bản sao đã nộp không có chứng thực"),
            new("Hoàn thiện mục quê quán trong Tờ khai đăng ký khai sinh", "Tờ khai ghi thiếu xã, tỉnh nơi sinh của người mẹ"),
        ],
        Officer: "Phạm Quốc Việt",
        OfficerPhone: "024 3825 1234");

    public static RefusalNotice RefusalNotice() => new(
        Agency,
        Number: "12/PTC",
        IssuedOn: new DateOnly(2026, 11, 22),
        DossierCode: "000.00.25.H12-261122-0002",
        SubmittedAt: ReceivedAt,
        ReceivingUnit: "Bộ phận Một cửa Ủy ban nhân dân phường Hoàn Kiếm",
        Applicant: Applicant,
        Request: "Chứng thực bản sao từ bản chính giấy tờ bằng tiếng nước ngoài",
        Reasons:
        [
            "Bản chính giấy tờ bị tẩy xóa, sửa chữa nội dung",
            "Thủ tục không thuộc thẩm quyền giải quyết của Ủy ban nhân dân phường",
        ],
        ReceivingOfficer: "Lê Thị Thu Hương");

    public static ApologyLetter ApologyLetter() => new(
        Agency,
        Number: "89/VB-UBND",
        IssuedOn: new DateOnly(2026, 12, 1),
        DossierCode: "000.00.25.H12-261122-0001",
        DossierReceivedAt: ReceivedAt,
        Applicant: Applicant,
        Request: "Đăng ký khai sinh",
        OriginalAppointmentAt: new DateTime(2026, 12, 2, 16, 0, 0),
        DelayReason: "Cần xác minh thông tin hộ tịch của người mẹ tại Ủy ban nhân dân xã Đông Hưng, tỉnh Hưng Yên",
        NewAppointmentAt: new DateTime(2026, 12, 9, 10, 30, 0),
        Signatory: new Signatory("CHỦ TỊCH", "Đặng Minh Tuấn"));

    public static StopNotice StopNotice() => new(
        Agency,
        Number: "90/TB-UBND",
        IssuedOn: new DateOnly(2026, 12, 3),
        DossierCode: "000.00.25.H12-261122-0001",
        DossierReceivedAt: ReceivedAt,
        Applicant: Applicant,
        Procedure: "Đăng ký khai sinh",
        RequestedOn: new DateOnly(2026, 12, 2),
        CitizenRequest: "Xin rút hồ sơ để nộp tại nơi cư trú của người mẹ",
        StoppedOn: new DateOnly(2026, 12, 3),
        Signatory: new Signatory("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "Vũ Thị Ngọc Ánh"));

    public static ProcessControlSheet ControlSheet(int handOffs)
    {
        string[] units = ["Bộ phận Một cửa", "Phòng Văn hóa - Xã hội", "Lãnh đạo Ủy ban nhân dân phường", "Văn thư Ủy ban nhân dân phường"];
        string[] officers = ["Lê Thị Thu Hương", "Hoàng Đức Thắng", "Đặng Minh Tuấn", "Bùi Thị Lệ Quyên"];
        HandOffTimeliness[] outcomes = [HandOffTimeliness.Early, HandOffTimeliness.OnTime, HandOffTimeliness.Late];
        return new ProcessControlSheet(
            Agency,
            DossierCode: "000.00.25.H12-261122-0001",
            Procedure: "Đăng ký khai sinh",
            Applicant: Applicant,
            ReceivedAt: ReceivedAt,
            AppointmentAt: new DateTime(2026, 11, 23, 16, 0, 0),
            LeadUnit: "Phòng Văn hóa - Xã hội",
            CoordinatingUnits: "Công an phường Hoàn Kiếm",
            HandOffs: [.. Enumerable.Range(0, handOffs).Select(i => new HandOff(
                units[i % 4],
                officers[i % 4],
                units[(i + 1) % 4],
                officers[(i + 1) % 4],
                ReceivedAt.AddMinutes(37 * i),
                ReceivedAt.AddMinutes((37 * i) + 12),
                outcomes[i % 3],
                i % 5 == 0 ? $"Chuyển bước thứ {i + 1}, kèm phiếu đề xuất" : null))]);
    }

    public static RegisterBook RegisterBook(int rows)
    {
        string[] names = ["Nguyễn Thị Hồng Nhung", "Trần Văn Đức", "Lê Hoàng Yến", "Phạm Quốc Việt", "Đỗ Thị Ngọc Ánh"];
        string[] procedures = ["Đăng ký khai sinh", "Chứng thực chữ ký", "Đăng ký kết hôn", "Cấp bản sao trích lục hộ tịch"];
        return new RegisterBook(
            Agency,
            Unit: "Bộ phận Một cửa phường Hoàn Kiếm",
            PeriodFrom: new DateOnly(2026, 1, 1),
            PeriodTo: new DateOnly(2026, 12, 31),
            Volume: "05",
            Entries: [.. Enumerable.Range(0, rows).Select(i => new RegisterEntry(
                string.Create(CultureInfo.InvariantCulture, $"000.00.25.H12-2611{22 + (i % 7)}-{i + 1:0000}"),
                procedures[i % procedures.Length],
                names[i % names.Length],
                string.Create(CultureInfo.InvariantCulture, $"Số {i + 1} phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội; 0912 {i:000} 678"),
                "Phòng Văn hóa - Xã hội",
                ReceivedAt.AddHours(i),
                ReceivedAt.AddDays(3).AddHours(i),
                i % 3 == 0 ? null : ReceivedAt.AddDays(2).AddHours(i),
                i % 3 == 0 ? null : (ResultDeliveryMethod)(i % 3),
                i % 10 == 0 ? "Trả kết quả qua bưu điện" : null))]);
    }
}
