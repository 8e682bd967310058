using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DossierWorkflow.Dossiers.Reports;

namespace DossierWorkflow.Dossiers.Tests.Reports;

/// <summary>The Biểu 06 workbook read back: layout, figures with subtotals and total, formats, frozen header, filter, print setup, and a valid file.</summary>
public sealed class Bieu06WorkbookTests
{
    private static readonly Bieu06Report Report = new(
        "HN",
        "Ủy ban nhân dân Thành phố Hà Nội",
        ReportPeriod.Month(2026, 12),
        [
            new Bieu06Row("HN.HOANKIEM", "Chứng thực", "2.000815", "Thủ tục chứng thực bản sao", 3, 1200, 4, 500, 400, 2, 300, 5, 1, 0, 2),
            new Bieu06Row("HN.HOANKIEM", "Hộ tịch", "1.001193", "Thủ tục đăng ký khai sinh", 10, 20, 5, 8, 9, 1, 15, 2, 3, 1, 0),
            new Bieu06Row("HN.SOCSON", "Hộ tịch", "1.001193", "Thủ tục đăng ký khai sinh", 1, 2, 0, 1, 1, 0, 1, 0, 0, 0, 0),
        ],
        new Dictionary<string, string> { ["HN"] = "Ủy ban nhân dân Thành phố Hà Nội", ["HN.HOANKIEM"] = "Ủy ban nhân dân Phường Hoàn Kiếm", ["HN.SOCSON"] = "Ủy ban nhân dân Xã Sóc Sơn" });

    [Fact]
    public void The_workbook_has_the_official_layout_the_figures_with_subtotals_and_the_total()
    {
        using var stream = Write();
        using var workbook = new XLWorkbook(stream);
        var sheet = workbook.Worksheet("Biểu 06");

        Assert.Equal("Biểu số 06/VPCP/KSTT", sheet.Cell(1, 1).GetString());
        Assert.Equal("Kỳ báo cáo: từ ngày 01/12/2026 đến ngày 31/12/2026", sheet.Cell(3, 1).GetString());
        Assert.Equal("Số hồ sơ nhận giải quyết", sheet.Cell(Bieu06Workbook.HeaderRow, 3).GetString());
        Assert.True(sheet.Cell(Bieu06Workbook.HeaderRow, 3).IsMerged());
        Assert.Equal("Trả quá hạn", sheet.Cell(Bieu06Workbook.HeaderRow + 2, 10).GetString());

        // Hoàn Kiếm, its two sectors and their procedures, then Sóc Sơn, then the total.
        string[] expected =
        [
            "Ủy ban nhân dân Phường Hoàn Kiếm", "Lĩnh vực Chứng thực", "Thủ tục chứng thực bản sao (2.000815)", "Lĩnh vực Hộ tịch",
            "Thủ tục đăng ký khai sinh (1.001193)", "Ủy ban nhân dân Xã Sóc Sơn", "Lĩnh vực Hộ tịch", "Thủ tục đăng ký khai sinh (1.001193)", "TỔNG SỐ",
        ];
        Assert.Equal(expected, Enumerable.Range(Bieu06Workbook.FirstDataRow, expected.Length).Select(r => sheet.Cell(r, 2).GetString()));
        var hoanKiem = Bieu06Workbook.FirstDataRow;
        var total = Bieu06Workbook.FirstDataRow + expected.Length - 1;
        Assert.Equal(1207 + 35, sheet.Cell(hoanKiem, 3).GetValue<int>());
        Assert.Equal(1207 + 35 + 3, sheet.Cell(total, 3).GetValue<int>());
        Assert.Equal(500 + 400 + 2 + 8 + 9 + 1 + 1 + 1, sheet.Cell(total, 7).GetValue<int>());
        Assert.Equal(2, sheet.Cell(total, 16).GetValue<int>());
        Assert.Equal("#,##0", sheet.Cell(total, 3).Style.NumberFormat.Format);
    }

    [Fact]
    public void The_header_is_frozen_and_filtered_and_printed_on_every_a4_landscape_page_and_the_file_is_valid()
    {
        using var stream = Write();
        using (var workbook = new XLWorkbook(stream))
        {
            var sheet = workbook.Worksheet("Biểu 06");
            Assert.Equal(Bieu06Workbook.FirstDataRow - 1, sheet.SheetView.SplitRow);
            Assert.True(sheet.AutoFilter.IsEnabled);
            Assert.Equal(Bieu06Workbook.FirstDataRow - 1, sheet.AutoFilter.Range.FirstRow().RowNumber());
            Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
            Assert.Equal(XLPaperSize.A4Paper, sheet.PageSetup.PaperSize);
            Assert.Equal((Bieu06Workbook.HeaderRow, Bieu06Workbook.FirstDataRow - 1), (sheet.PageSetup.FirstRowToRepeatAtTop, sheet.PageSetup.LastRowToRepeatAtTop));
            Assert.Equal(52, sheet.Column(2).Width);
        }

        stream.Position = 0;
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        Assert.Empty(new OpenXmlValidator().Validate(document, TestContext.Current.CancellationToken));
    }

    private static MemoryStream Write()
    {
        var stream = new MemoryStream();
        Bieu06Workbook.Write(Report, stream);
        stream.Position = 0;
        return stream;
    }
}
