using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DossierWorkflow.Dossiers.Reports;

namespace DossierWorkflow.Dossiers.Tests.Reports;

/// <summary>The streamed list workbook read back: values and formats by kind, the title block, frozen and filtered header, print setup, a valid file.</summary>
public sealed class ListWorkbookTests
{
    [Fact]
    public void A_list_is_written_with_its_formats_frozen_filtered_header_and_a4_landscape_print_titles()
    {
        ListColumn[] columns =
        [
            new("STT", 7, CellKind.Integer), new("Tên", 30), new("Tỷ lệ", 10, CellKind.Percent), new("Ngày", 12, CellKind.Date),
            new("Lúc", 16, CellKind.DateTime), new("Ngày làm việc", 10, CellKind.Decimal),
        ];
        var progress = new List<int>();
        using var output = new MemoryStream();
        var rows = Enumerable.Range(1, 2500).Select(i => new object?[] { i, $"Hồ sơ {i} — “đặc biệt” & <khác>", i / 2500.0, new DateOnly(2026, 12, 1), new DateTime(2026, 12, 1, 17, 30, 0), i % 2 == 0 ? null : 1.5 });

        var count = ListWorkbook.Write(output, "Danh sách", "DANH SÁCH", "Phường Hoàn Kiếm — tháng 12/2026", columns, rows, progress.Add);

        Assert.Equal(2500, count);
        Assert.Equal([1000, 2000, 2500], progress);
        output.Position = 0;
        using (var document = SpreadsheetDocument.Open(output, isEditable: false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(document, TestContext.Current.CancellationToken).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        }

        output.Position = 0;
        using var workbook = new XLWorkbook(output);
        var sheet = workbook.Worksheet("Danh sách");
        Assert.Equal(("DANH SÁCH", "Phường Hoàn Kiếm — tháng 12/2026"), (sheet.Cell(1, 1).GetString(), sheet.Cell(2, 1).GetString()));
        Assert.Equal(["STT", "Tên", "Tỷ lệ", "Ngày", "Lúc", "Ngày làm việc"], Enumerable.Range(1, 6).Select(c => sheet.Cell(3, c).GetString()));
        var first = sheet.Row(4);
        Assert.Equal(1, first.Cell(1).GetValue<int>());
        Assert.Equal("Hồ sơ 1 — “đặc biệt” & <khác>", first.Cell(2).GetString());
        Assert.Equal(new DateTime(2026, 12, 1, 17, 30, 0), first.Cell(5).GetDateTime());
        Assert.Equal(["#,##0", "0.0%", "dd/MM/yyyy", "dd/MM/yyyy HH:mm", "#,##0.0"], new[] { 1, 3, 4, 5, 6 }.Select(c => first.Cell(c).Style.NumberFormat.Format));
        Assert.True(sheet.Cell(5, 6).IsEmpty());
        Assert.Equal(2503, sheet.LastRowUsed()!.RowNumber());
        Assert.InRange(sheet.Column(2).Width, 29, 31);
        Assert.Equal(3, sheet.SheetView.SplitRow);
        Assert.Equal("A3:F2503", sheet.AutoFilter.Range.RangeAddress.ToString());
        Assert.Equal((XLPageOrientation.Landscape, XLPaperSize.A4Paper, 1, 0), (sheet.PageSetup.PageOrientation, sheet.PageSetup.PaperSize, sheet.PageSetup.PagesWide, sheet.PageSetup.PagesTall));
        Assert.Equal((3, 3), (sheet.PageSetup.FirstRowToRepeatAtTop, sheet.PageSetup.LastRowToRepeatAtTop));
    }
}
