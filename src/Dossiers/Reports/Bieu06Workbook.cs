using ClosedXML.Excel;

namespace DossierWorkflow.Dossiers.Reports;

/// <summary>
/// Biểu số 06/VPCP/KSTT as the official layout, in an Excel workbook: the title block with the unit and the period, the
/// grouped three-row header, a row per procedure under its sector under its receiving unit with subtotals of each sector
/// and unit, and the total; then the columns outside the official form. Numbers as <c>#,##0</c>, the header frozen and
/// filtered, widths set, A4 landscape with the header repeated on every page.
/// </summary>
public static class Bieu06Workbook
{
    /// <summary>The first row of the header (the title block is above it).</summary>
    public const int HeaderRow = 6;

    /// <summary>The first row of figures.</summary>
    public const int FirstDataRow = HeaderRow + 3;

    private const int Columns = 16;

    public static void Write(Bieu06Report report, Stream output)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Biểu 06");
        sheet.Style.Font.FontName = "Times New Roman";
        sheet.Style.Font.FontSize = 11;

        Title(sheet, 1, "Biểu số 06/VPCP/KSTT", bold: false, alignment: XLAlignmentHorizontalValues.Left);
        Title(sheet, 2, "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", bold: true);
        Title(sheet, 3, $"Kỳ báo cáo: từ ngày {report.Period.First:dd/MM/yyyy} đến ngày {report.Period.Last:dd/MM/yyyy}", bold: false);
        Title(sheet, 4, $"Đơn vị báo cáo: {report.UnitName} ({report.UnitCode})", bold: false);

        Header(sheet);
        var row = FirstDataRow;
        var number = 0;
        foreach (var unit in report.Rows.GroupBy(r => r.UnitCode))
        {
            Figures(sheet, row++, "", Bieu06Row.Sum(unit.Key, "", report.UnitNames.GetValueOrDefault(unit.Key, unit.Key), unit), XLColor.FromHtml("#D9E1F2"));
            foreach (var sector in unit.GroupBy(r => r.Sector))
            {
                Figures(sheet, row++, "", Bieu06Row.Sum(unit.Key, sector.Key, $"Lĩnh vực {sector.Key}", sector), XLColor.FromHtml("#EDEDED"));
                foreach (var procedure in sector)
                {
                    Figures(sheet, row++, (++number).ToString(System.Globalization.CultureInfo.InvariantCulture), procedure, null);
                }
            }
        }

        Figures(sheet, row, "", Bieu06Row.Sum(report.UnitCode, "", "TỔNG SỐ", report.Rows), XLColor.FromHtml("#FFF2CC"));
        sheet.Row(row).Style.Font.Bold = true;
        var table = sheet.Range(HeaderRow, 1, row, Columns);
        table.Style.Border.InsideBorder = XLBorderStyleValues.Thin;
        table.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        sheet.Range(FirstDataRow, 3, row, Columns).Style.NumberFormat.Format = "#,##0";

        sheet.Column(1).Width = 6;
        sheet.Column(2).Width = 52;
        for (var column = 3; column <= Columns; column++)
        {
            sheet.Column(column).Width = 11;
        }

        sheet.SheetView.FreezeRows(FirstDataRow - 1);
        sheet.Range(FirstDataRow - 1, 1, row, Columns).SetAutoFilter();
        sheet.PageSetup.PaperSize = XLPaperSize.A4Paper;
        sheet.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        sheet.PageSetup.FitToPages(1, 0);
        sheet.PageSetup.SetRowsToRepeatAtTop(HeaderRow, FirstDataRow - 1);
        workbook.SaveAs(output);
    }

    private static void Title(IXLWorksheet sheet, int row, string text, bool bold, XLAlignmentHorizontalValues alignment = XLAlignmentHorizontalValues.Center)
    {
        var range = sheet.Range(row, 1, row, Columns).Merge();
        range.Value = text;
        range.Style.Font.Bold = bold;
        range.Style.Alignment.Horizontal = alignment;
    }

    /// <summary>The official grouped header (rows 6–8) and the extra columns beside it.</summary>
    private static void Header(IXLWorksheet sheet)
    {
        void Cell(int row, int column, int lastRow, int lastColumn, string text)
        {
            var range = sheet.Range(row, column, lastRow, lastColumn);
            if (row != lastRow || column != lastColumn)
            {
                range.Merge();
            }

            range.FirstCell().Value = text;
        }

        const int top = HeaderRow;
        Cell(top, 1, top + 2, 1, "STT");
        Cell(top, 2, top + 2, 2, "Lĩnh vực, thủ tục giải quyết");
        Cell(top, 3, top, 6, "Số hồ sơ nhận giải quyết");
        Cell(top + 1, 3, top + 2, 3, "Tổng số");
        Cell(top + 1, 4, top + 1, 5, "Trong kỳ");
        Cell(top + 2, 4, top + 2, 4, "Trực tuyến");
        Cell(top + 2, 5, top + 2, 5, "Trực tiếp, dịch vụ bưu chính");
        Cell(top + 1, 6, top + 2, 6, "Từ kỳ trước");
        Cell(top, 7, top, 13, "Kết quả giải quyết");
        Cell(top + 1, 7, top + 1, 10, "Số hồ sơ đã giải quyết");
        Cell(top + 2, 7, top + 2, 7, "Tổng số");
        Cell(top + 2, 8, top + 2, 8, "Trả trước hạn");
        Cell(top + 2, 9, top + 2, 9, "Trả đúng hạn");
        Cell(top + 2, 10, top + 2, 10, "Trả quá hạn");
        Cell(top + 1, 11, top + 1, 13, "Số hồ sơ đang giải quyết");
        Cell(top + 2, 11, top + 2, 11, "Tổng số");
        Cell(top + 2, 12, top + 2, 12, "Trong hạn");
        Cell(top + 2, 13, top + 2, 13, "Quá hạn");
        Cell(top, 14, top + 1, 16, "Ngoài biểu mẫu");
        Cell(top + 2, 14, top + 2, 14, "Tạm dừng (chờ bổ sung, thanh toán)");
        Cell(top + 2, 15, top + 2, 15, "Dừng xử lý");
        Cell(top + 2, 16, top + 2, 16, "Rút hồ sơ");
        var header = sheet.Range(top, 1, top + 2, Columns);
        header.Style.Font.Bold = true;
        header.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Center;
        header.Style.Alignment.Vertical = XLAlignmentVerticalValues.Center;
        header.Style.Alignment.WrapText = true;
        header.Style.Fill.BackgroundColor = XLColor.FromHtml("#F2F2F2");
    }

    private static void Figures(IXLWorksheet sheet, int row, string number, Bieu06Row figures, XLColor? fill)
    {
        sheet.Cell(row, 1).Value = number;
        sheet.Cell(row, 2).Value = string.IsNullOrEmpty(figures.ProcedureCode) ? figures.ProcedureName : $"{figures.ProcedureName} ({figures.ProcedureCode})";
        int[] values =
        [
            figures.Received, figures.ReceivedOnline, figures.ReceivedCounterOrPost, figures.CarriedOver,
            figures.Resolved, figures.ResolvedEarly, figures.ResolvedOnTime, figures.ResolvedLate,
            figures.InProgress, figures.InProgressWithinDeadline, figures.InProgressOverdue,
            figures.Paused, figures.Stopped, figures.Withdrawn,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            sheet.Cell(row, 3 + i).Value = values[i];
        }

        sheet.Cell(row, 2).Style.Alignment.WrapText = true;
        if (fill is not null)
        {
            sheet.Range(row, 1, row, Columns).Style.Fill.BackgroundColor = fill;
            sheet.Range(row, 1, row, Columns).Style.Font.Bold = true;
        }
    }
}
