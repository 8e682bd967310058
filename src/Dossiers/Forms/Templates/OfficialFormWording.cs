namespace DossierWorkflow.Dossiers.Forms.Templates;

/// <summary>
/// The form sets shipped with the application. Wording follows the appendices of the circulars as closely as
/// we know them; the values the officer fills in replace the dotted lines.
/// </summary>
internal static class OfficialFormWording
{
    /// <summary>
    /// Circular 03/2025/TT-VPCP (guiding Decree 118/2025/NĐ-CP), signed 15 September 2025; its forms are taken
    /// to apply from that day. Seven forms: the stop notice is new, the control sheet and register move to 06/07.
    /// </summary>
    public static FormTemplateVersion Circular03Of2025 { get; } = new(
        "TT03-2025-VPCP",
        new DateOnly(2025, 9, 15),
        "Thông tư số 03/2025/TT-VPCP",
        [
            new(FormKind.ReceiptSlip, "Mẫu số 01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"),
            new(FormKind.SupplementRequest, "Mẫu số 02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"),
            new(FormKind.RefusalNotice, "Mẫu số 03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"),
            new(FormKind.ApologyLetter, "Mẫu số 04", "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"),
            new(FormKind.StopNotice, "Mẫu số 05", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"),
            new(FormKind.ProcessControlSheet, "Mẫu số 06", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"),
            new(FormKind.RegisterBook, "Mẫu số 07", "SỔ THEO DÕI HỒ SƠ"),
        ],
        Texts2025());

    /// <summary>
    /// Circular 01/2018/TT-VPCP (guiding Decree 61/2018/NĐ-CP), in force from 8 January 2019 until replaced:
    /// six forms, the one-stop unit called "Bộ phận tiếp nhận và trả kết quả", and an apology that fixes a
    /// new date instead of asking for an extension.
    /// </summary>
    public static FormTemplateVersion Circular01Of2018 { get; } = new(
        "TT01-2018-VPCP",
        new DateOnly(2019, 1, 8),
        "Thông tư số 01/2018/TT-VPCP",
        [
            new(FormKind.ReceiptSlip, "Mẫu số 01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"),
            new(FormKind.SupplementRequest, "Mẫu số 02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"),
            new(FormKind.RefusalNotice, "Mẫu số 03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"),
            new(FormKind.ApologyLetter, "Mẫu số 04", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"),
            new(FormKind.ProcessControlSheet, "Mẫu số 05", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"),
            new(FormKind.RegisterBook, "Mẫu số 06", "SỔ THEO DÕI HỒ SƠ"),
        ],
        Texts2018());

    private static Dictionary<FormText, string> Texts2025() => new()
    {
        [FormText.DocumentNumber] = "Số:",
        [FormText.DossierCode] = "Mã hồ sơ:",
        [FormText.ReceivingUnit] = "Đơn vị tiếp nhận hồ sơ:",
        [FormText.ReceivedFrom] = "Tiếp nhận hồ sơ của:",
        [FormText.DossierOf] = "Hồ sơ của:",
        [FormText.IdNumber] = "Số định danh cá nhân:",
        [FormText.Address] = "Địa chỉ:",
        [FormText.Phone] = "Số điện thoại:",
        [FormText.Email] = "Thư điện tử:",
        [FormText.Representative] = "Người đại diện, người được ủy quyền (nếu có):",
        [FormText.Request] = "Nội dung yêu cầu giải quyết:",
        [FormText.Procedure] = "Tên thủ tục hành chính:",
        [FormText.SignHint] = "(Ký và ghi rõ họ tên)",
        [FormText.SealHint] = "(Ký, ghi rõ họ tên và đóng dấu)",
        [FormText.Addressee] = "Kính gửi:",
        [FormText.ThankYou] = "Xin trân trọng cảm ơn./.",
        [FormText.Recipients] = "Nơi nhận:\n- Như trên;\n- Lưu: VT.",
        [FormText.ColumnNo] = "STT",
        [FormText.ColumnNotes] = "Ghi chú",

        [FormText.ReceiptDocuments] = "1. Thành phần hồ sơ nộp gồm:",
        [FormText.ReceiptColumnDocument] = "Tên giấy tờ",
        [FormText.ReceiptColumnCopyKind] = "Hình thức (bản chính, bản sao)",
        [FormText.ReceiptColumnCount] = "Số lượng",
        [FormText.ReceiptSetCount] = "2. Số lượng hồ sơ: {count} (bộ)",
        [FormText.ReceiptProcessingTime] = "3. Thời gian giải quyết hồ sơ theo quy định là: {time}",
        [FormText.ReceiptReceivedAt] = "4. Thời gian nhận hồ sơ: {moment}",
        [FormText.ReceiptAppointment] = "5. Thời gian trả kết quả giải quyết hồ sơ: {moment}",
        [FormText.ReceiptReturnPlace] = "6. Đăng ký nhận kết quả tại: {place}",
        [FormText.ReceiptReturnMethod] = "7. Hình thức nhận kết quả: {method}",
        [FormText.ReceiptRegister] = "Vào Sổ theo dõi hồ sơ, Quyển số: {volume}, Số thứ tự: {entry}",
        [FormText.ReceiptTracking] = "Quét mã QR để tra cứu tình trạng giải quyết hồ sơ:",
        [FormText.ReceiptApplicantSigns] = "NGƯỜI NỘP HỒ SƠ",
        [FormText.ReceiptOfficerSigns] = "NGƯỜI TIẾP NHẬN HỒ SƠ",
        [FormText.CopyOriginal] = "Bản chính",
        [FormText.CopyCopy] = "Bản sao",
        [FormText.CopyCertified] = "Bản sao có chứng thực",
        [FormText.CopyElectronic] = "Bản điện tử",
        [FormText.DeliveryAtCounter] = "Trực tiếp tại Bộ phận Một cửa",
        [FormText.DeliveryPostal] = "Qua dịch vụ bưu chính công ích",
        [FormText.DeliveryOnline] = "Trực tuyến trên Cổng Dịch vụ công",

        [FormText.SupplementIntro] = "Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:",
        [FormText.SupplementReason] = "Lý do: {reason}",
        [FormText.SupplementContact] = "Trong quá trình bổ sung, hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với {officer}, số điện thoại {phone} để được hướng dẫn.",
        [FormText.SupplementSigns] = "NGƯỜI HƯỚNG DẪN",

        [FormText.RefusalIntro] = "Qua xem xét, {unit} từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
        [FormText.RefusalClosing] = "Xin thông báo cho Ông/Bà được biết và thực hiện./.",
        [FormText.RefusalSigns] = "NGƯỜI TIẾP NHẬN HỒ SƠ",

        [FormText.ApologyReceived] = "Ngày {date}, {agency} tiếp nhận hồ sơ đề nghị giải quyết thủ tục hành chính của Ông/Bà, mã hồ sơ: {code}.",
        [FormText.ApologyAppointment] = "Thời gian hẹn trả kết quả giải quyết hồ sơ: {moment}.",
        [FormText.ApologyNotOnTime] = "Tuy nhiên đến nay, {agency} chưa giải quyết xong hồ sơ của Ông/Bà đúng thời hạn ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.",
        [FormText.ApologyReason] = "Lý do: {reason}",
        [FormText.ApologyExtension] = "Sự chậm trễ này đã gây phiền hà cho Ông/Bà, {agency} trân trọng xin lỗi Ông/Bà và đề nghị gia hạn thời gian giải quyết hồ sơ; kết quả giải quyết hồ sơ sẽ được trả cho Ông/Bà vào {moment}.",

        [FormText.StopReceived] = "Ngày {date}, {agency} tiếp nhận hồ sơ của Ông/Bà, mã hồ sơ: {code}, đề nghị giải quyết thủ tục hành chính: {procedure}.",
        [FormText.StopRequested] = "Ngày {date}, Ông/Bà có yêu cầu dừng giải quyết hồ sơ nêu trên, nội dung: {request}",
        [FormText.StopDecision] = "Căn cứ yêu cầu của Ông/Bà, {agency} thông báo dừng giải quyết hồ sơ nêu trên kể từ ngày {date}.",
        [FormText.StopClosing] = "Xin thông báo để Ông/Bà được biết./.",

        [FormText.ControlReceivedAt] = "Thời gian tiếp nhận hồ sơ: {moment}",
        [FormText.ControlAppointment] = "Thời gian hẹn trả kết quả: {moment}",
        [FormText.ControlLeadUnit] = "Cơ quan (bộ phận) giải quyết hồ sơ:",
        [FormText.ControlCoordinatingUnits] = "Cơ quan phối hợp giải quyết hồ sơ:",
        [FormText.ControlColumnFrom] = "Bên giao (cơ quan, người giao)",
        [FormText.ControlColumnTo] = "Bên nhận (cơ quan, người nhận)",
        [FormText.ControlColumnTimes] = "Thời gian giao, nhận hồ sơ",
        [FormText.ControlColumnResult] = "Kết quả giải quyết hồ sơ (trước hạn/ đúng hạn/ quá hạn)",
        [FormText.ControlHandedOver] = "Giao: {moment}",
        [FormText.ControlReceived] = "Nhận: {moment}",
        [FormText.TimelinessEarly] = "Trước hạn",
        [FormText.TimelinessOnTime] = "Đúng hạn",
        [FormText.TimelinessLate] = "Quá hạn",

        [FormText.RegisterUnit] = "Đơn vị: {unit}",
        [FormText.RegisterPeriod] = "Từ ngày {from} đến ngày {to}",
        [FormText.RegisterVolume] = "Quyển số: {volume}",
        [FormText.RegisterColumnCode] = "Mã hồ sơ",
        [FormText.RegisterColumnProcedure] = "Tên thủ tục hành chính",
        [FormText.RegisterColumnApplicant] = "Tên cá nhân, tổ chức",
        [FormText.RegisterColumnAddress] = "Địa chỉ, số điện thoại",
        [FormText.RegisterColumnLeadUnit] = "Cơ quan chủ trì giải quyết",
        [FormText.RegisterColumnReceived] = "Nhận hồ sơ (giờ, ngày, tháng, năm)",
        [FormText.RegisterColumnAppointment] = "Hẹn trả kết quả (giờ, ngày, tháng, năm)",
        [FormText.RegisterColumnReturned] = "Trả kết quả (giờ, ngày, tháng, năm)",
        [FormText.RegisterColumnCollected] = "Hình thức nhận kết quả",
    };

    private static Dictionary<FormText, string> Texts2018()
    {
        var texts = Texts2025();
        texts[FormText.Email] = "Email:";
        texts[FormText.DeliveryAtCounter] = "Trực tiếp tại Bộ phận tiếp nhận và trả kết quả";
        texts[FormText.DeliveryOnline] = "Trực tuyến";
        texts[FormText.ApologyNotOnTime] = "Tuy nhiên đến nay, {agency} chưa trả kết quả giải quyết hồ sơ của Ông/Bà đúng hạn ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.";
        texts[FormText.ApologyExtension] = "Sự chậm trễ này đã gây phiền hà cho Ông/Bà, {agency} xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào {moment}.";
        return texts;
    }
}
