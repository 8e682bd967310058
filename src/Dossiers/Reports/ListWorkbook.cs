using System.Globalization;
using System.IO.Packaging;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DossierWorkflow.Dossiers.Reports;

/// <summary>How a column of a list is written: its Vietnamese header, width (in characters) and kind of value.</summary>
public sealed record ListColumn(string Header, double Width, CellKind Kind = CellKind.Text);

/// <summary>The kinds of values a list's cells hold, each with its format.</summary>
public enum CellKind
{
    Text,

    /// <summary>A whole number, <c>#,##0</c>.</summary>
    Integer,

    /// <summary>A number with one decimal, <c>#,##0.0</c>.</summary>
    Decimal,

    /// <summary>A share from 0 to 1, <c>0.0%</c>.</summary>
    Percent,

    /// <summary>A day, <c>dd/MM/yyyy</c> (a <see cref="DateTime"/> or <see cref="DateOnly"/>).</summary>
    Date,

    /// <summary>A day and time, <c>dd/MM/yyyy HH:mm</c> (a <see cref="DateTime"/>, local).</summary>
    DateTime,
}

/// <summary>
/// Long lists (the register book, the overdue list, officer productivity) as a one-sheet Excel workbook written as the
/// rows come: the Open XML SDK's <see cref="OpenXmlWriter"/> streams the sheet into a package opened for writing only
/// (a zip written entry after entry) and the texts are written inline (no shared-string table), so memory does not grow
/// with the rows. The sheet has a title and a subtitle
/// above the header row, Vietnamese headers, the columns' formats and widths, the header frozen and filtered, and prints
/// on A4 landscape, fitted to the page's width, with the header repeated on every page.
/// </summary>
public static class ListWorkbook
{
    /// <summary>The header's row (a title and a subtitle are above it).</summary>
    public const int HeaderRow = 3;

    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    // Cell formats of the stylesheet, by index.
    private const uint TextStyle = 1, HeaderStyle = 2, TitleStyle = 3, IntegerStyle = 4, DecimalStyle = 5, PercentStyle = 6, DateStyle = 7, DateTimeStyle = 8;

    /// <summary>
    /// Writes <paramref name="rows"/> under <paramref name="columns"/> (each row a value per column: text, number,
    /// <see cref="DateTime"/>, <see cref="DateOnly"/> or null) to <paramref name="output"/>, calling
    /// <paramref name="written"/> every <paramref name="progressEvery"/> rows and at the end; returns the number of rows.
    /// </summary>
    public static int Write(
        Stream output, string sheetName, string title, string subtitle, IReadOnlyList<ListColumn> columns, IEnumerable<object?[]> rows,
        Action<int>? written = null, int progressEvery = 1000)
    {
        // The package is opened for writing only: a zip written entry after entry as the parts are written. (The SDK's
        // SpreadsheetDocument opens packages for update, which keeps every part in memory until the end.)
        // One entry is written at a time: each part is made and written whole before the next.
        using var package = Package.Open(output, FileMode.Create, FileAccess.Write);
        var count = 0;
        var lastColumn = ColumnName(columns.Count);

        var sheetPart = package.CreatePart(new Uri("/xl/worksheets/sheet1.xml", UriKind.Relative), "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml", CompressionOption.Normal);
        using (var stream = sheetPart.GetStream(FileMode.Create, FileAccess.Write))
        using (var writer = OpenXmlWriter.Create(stream))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
            writer.WriteElement(new SheetViews(new SheetView(
                new Pane { VerticalSplit = HeaderRow, TopLeftCell = $"A{HeaderRow + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = $"A{HeaderRow + 1}", SequenceOfReferences = new ListValue<StringValue> { InnerText = $"A{HeaderRow + 1}" } })
            { WorkbookViewId = 0 }));
            writer.WriteElement(new Columns(columns.Select((c, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = c.Width, CustomWidth = true })));

            writer.WriteStartElement(new SheetData());
            WriteRow(writer, 1, [title], [TitleStyle]);
            WriteRow(writer, 2, [subtitle], [TextStyle]);
            WriteRow(writer, HeaderRow, [.. columns.Select(c => (object?)c.Header)], [.. columns.Select(_ => HeaderStyle)]);
            var styleOf = columns.Select(c => c.Kind switch
            {
                CellKind.Integer => IntegerStyle,
                CellKind.Decimal => DecimalStyle,
                CellKind.Percent => PercentStyle,
                CellKind.Date => DateStyle,
                CellKind.DateTime => DateTimeStyle,
                _ => TextStyle,
            }).ToArray();
            foreach (var row in rows)
            {
                WriteRow(writer, HeaderRow + 1 + count, row, styleOf);
                if (++count % progressEvery == 0)
                {
                    written?.Invoke(count);
                }
            }

            writer.WriteEndElement();
            writer.WriteElement(new AutoFilter { Reference = $"A{HeaderRow}:{lastColumn}{HeaderRow + Math.Max(count, 1)}" });
            writer.WriteElement(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.5, Bottom = 0.5, Header = 0.3, Footer = 0.3 });
            writer.WriteElement(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
            writer.WriteElement(new HeaderFooter(new OddFooter("&CTrang &P / &N")));
            writer.WriteEndElement();
        }

        var stylesPart = package.CreatePart(new Uri("/xl/styles.xml", UriKind.Relative), "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml", CompressionOption.Normal);
        using (var stream = stylesPart.GetStream(FileMode.Create, FileAccess.Write))
        {
            Stylesheet().Save(stream);
        }

        var workbookPart = package.CreatePart(new Uri("/xl/workbook.xml", UriKind.Relative), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", CompressionOption.Normal);
        using (var stream = workbookPart.GetStream(FileMode.Create, FileAccess.Write))
        {
            new Workbook(
                new Sheets(new Sheet { Name = sheetName, SheetId = 1, Id = "rId1" }),
                new DefinedNames(
                    new DefinedName($"'{sheetName}'!$A${HeaderRow}:${lastColumn}${HeaderRow + Math.Max(count, 1)}") { Name = "_xlnm._FilterDatabase", LocalSheetId = 0, Hidden = true },
                    new DefinedName($"'{sheetName}'!${HeaderRow}:${HeaderRow}") { Name = "_xlnm.Print_Titles", LocalSheetId = 0 }))
                .Save(stream);
        }

        // The relationships, written with the content types when the package closes.
        package.CreateRelationship(workbookPart.Uri, TargetMode.Internal, $"{Relationships}/officeDocument", "rId1");
        workbookPart.CreateRelationship(new Uri("worksheets/sheet1.xml", UriKind.Relative), TargetMode.Internal, $"{Relationships}/worksheet", "rId1");
        workbookPart.CreateRelationship(new Uri("styles.xml", UriKind.Relative), TargetMode.Internal, $"{Relationships}/styles", "rId2");
        written?.Invoke(count);
        return count;
    }

    private static void WriteRow(OpenXmlWriter writer, int number, object?[] values, uint[] styles)
    {
        writer.WriteStartElement(new Row { RowIndex = (uint)number });
        for (var i = 0; i < values.Length; i++)
        {
            var reference = $"{ColumnName(i + 1)}{number}";
            var style = styles[Math.Min(i, styles.Length - 1)];
            switch (values[i])
            {
                case null:
                    writer.WriteElement(new Cell { CellReference = reference, StyleIndex = style });
                    break;
                case string text:
                    writer.WriteElement(new Cell(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve })) { CellReference = reference, DataType = CellValues.InlineString, StyleIndex = style });
                    break;
                case DateTime moment:
                    writer.WriteElement(Number(reference, moment.ToOADate(), style));
                    break;
                case DateOnly day:
                    writer.WriteElement(Number(reference, day.ToDateTime(TimeOnly.MinValue).ToOADate(), style));
                    break;
                case IConvertible numeric:
                    writer.WriteElement(Number(reference, numeric.ToDouble(CultureInfo.InvariantCulture), style));
                    break;
                default:
                    throw new ArgumentException($"A list's cell holds text, a number or a date, not {values[i]!.GetType().Name}.", nameof(values));
            }
        }

        writer.WriteEndElement();
    }

    private static Cell Number(string reference, double value, uint style) =>
        new(new CellValue(value.ToString("R", CultureInfo.InvariantCulture))) { CellReference = reference, StyleIndex = style };

    /// <summary>The letters of the 1-based column <paramref name="number"/> (1 → A, 27 → AA).</summary>
    private static string ColumnName(int number)
    {
        var name = "";
        for (; number > 0; number = (number - 1) / 26)
        {
            name = (char)('A' + ((number - 1) % 26)) + name;
        }

        return name;
    }

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "#,##0.0" },
            new NumberingFormat { NumberFormatId = 166, FormatCode = "0.0%" },
            new NumberingFormat { NumberFormatId = 167, FormatCode = "dd/MM/yyyy" },
            new NumberingFormat { NumberFormatId = 168, FormatCode = "dd/MM/yyyy HH:mm" })
        { Count = 5 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Times New Roman" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Times New Roman" }),
            new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = "Times New Roman" }))
        { Count = 3 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E1F2" }) { PatternType = PatternValues.Solid }))
        { Count = 3 },
        new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(
                new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
                new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder()))
        { Count = 2 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top, WrapText = true }) { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, ApplyAlignment = true },
            new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center, WrapText = true })
            { NumberFormatId = 0, FontId = 1, FillId = 2, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true },
            new CellFormat { NumberFormatId = 0, FontId = 2, FillId = 0, BorderId = 0, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, FontId = 0, FillId = 0, BorderId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 166, FontId = 0, FillId = 0, BorderId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 167, FontId = 0, FillId = 0, BorderId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 168, FontId = 0, FillId = 0, BorderId = 0, ApplyNumberFormat = true })
        { Count = 9 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
}
